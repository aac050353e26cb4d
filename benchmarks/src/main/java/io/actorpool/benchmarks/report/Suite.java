package io.actorpool.benchmarks.report;

import io.actorpool.benchmarks.LeaseCycleBenchmark;
import io.actorpool.benchmarks.LeaseTimeoutBenchmark;
import io.actorpool.benchmarks.RoundTripBenchmark;
import io.actorpool.benchmarks.ThroughputBenchmark;
import io.actorpool.benchmarks.scenario.ScenarioHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The whole suite, as {@code bash benchmarks/run.sh} runs it (about 20 minutes on 2 cores): every
 * JMH benchmark with the settings in its annotations, then the scenario harness, then the report.
 * Writes {@code <out>/<tag>-jmh.json}, the harness's CSV and SVG files, and {@code
 * <out>/<tag>.md}, and prints the goals table.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.actorpool.benchmarks.report.Suite
 * [--out benchmarks/results] [--tag 2026-01-31] [--command "bash benchmarks/run.sh"]}
 */
public final class Suite {

  private Suite() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("benchmarks", "results");
    String tag = LocalDate.now().toString();
    String command = "java -cp benchmarks/target/benchmarks.jar " + Suite.class.getName();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--tag" -> tag = args[++i];
        case "--command" -> command = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.setProperty(Machine.START_LOAD, Machine.loadAverage());
    Files.createDirectories(out);
    Path json = out.resolve(tag + "-jmh.json");
    ChainedOptionsBuilder jmh = new OptionsBuilder()
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    for (Class<?> bench : new Class<?>[] {RoundTripBenchmark.class, ThroughputBenchmark.class,
        LeaseCycleBenchmark.class, LeaseTimeoutBenchmark.class}) {
      jmh.include("\\." + bench.getSimpleName() + "\\.");
    }
    new Runner(jmh.build()).run();
    ScenarioHarness.run(false, out, tag);
    String md = Reporter.report(json, out.resolve(tag + "-scenario-summary.csv"), command);
    Files.writeString(out.resolve(tag + ".md"), md, StandardCharsets.UTF_8);
    System.out.println("Results written to " + out.resolve(tag + ".md"));
  }
}
