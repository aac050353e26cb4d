package io.actorpool.benchmarks.report;

import io.actorpool.benchmarks.LeaseCycleBenchmark;
import io.actorpool.benchmarks.LeaseTimeoutBenchmark;
import io.actorpool.benchmarks.RoundTripBenchmark;
import io.actorpool.benchmarks.ThroughputBenchmark;
import io.actorpool.benchmarks.failover.FailoverBench;
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
 * The whole suite, as {@code bash benchmarks/run.sh} runs it (about 25 minutes on 2 cores): every
 * JMH benchmark with the settings in its annotations, then the scenario harness, then the
 * node-failover benchmark ({@link FailoverBench}, about 4 minutes), then the report. Writes {@code
 * <out>/<tag>-jmh.json}, the harness's CSV and SVG files, the failover CSV and section, and {@code
 * <out>/<tag>.md}, and prints the goals table.
 *
 * <p>{@code --only failover} runs the failover benchmark alone and puts its goal row and its "Node
 * failover" section into the existing {@code <out>/<tag>.md} ({@link Reporter#patchFailover}).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.actorpool.benchmarks.report.Suite
 * [--out benchmarks/results] [--tag 2026-01-31] [--command "bash benchmarks/run.sh"]
 * [--only failover]}
 */
public final class Suite {

  private Suite() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("benchmarks", "results");
    String tag = LocalDate.now().toString();
    String command = "java -cp benchmarks/target/benchmarks.jar " + Suite.class.getName();
    boolean failoverOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--tag" -> tag = args[++i];
        case "--command" -> command = args[++i];
        case "--only" -> {
          if (!args[++i].equals("failover")) {
            throw new IllegalArgumentException("--only takes failover, was: " + args[i]);
          }
          failoverOnly = true;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.setProperty(Machine.START_LOAD, Machine.loadAverage());
    Files.createDirectories(out);
    Path md = out.resolve(tag + ".md");
    FailoverBench.Options failover =
        new FailoverBench.Options(3, 3, 12, false, out, tag, command);
    if (failoverOnly) {
      FailoverBench.run(failover);
      Reporter.patchFailover(md, FailoverBench.csvFile(out, tag), FailoverBench.mdFile(out, tag));
      System.out.println("Node failover written to " + md);
      return;
    }
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
    FailoverBench.run(failover);
    String text = Reporter.report(json, out.resolve(tag + "-scenario-summary.csv"),
        FailoverBench.csvFile(out, tag), FailoverBench.mdFile(out, tag), command);
    Files.writeString(md, text, StandardCharsets.UTF_8);
    System.out.println("Results written to " + md);
  }
}
