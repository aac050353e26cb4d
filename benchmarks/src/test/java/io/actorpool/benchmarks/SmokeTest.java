package io.actorpool.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.benchmarks.failover.FailoverBench;
import io.actorpool.benchmarks.report.Reporter;
import io.actorpool.benchmarks.scenario.Controllers;
import io.actorpool.benchmarks.scenario.ScenarioHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's check that the suite still runs: every benchmark class once, in-process, with one short
 * iteration over a few params, then the scenario harness on its tiny traces, then the reporter on
 * what they wrote. It asserts that each completes and produces results, never how fast. The
 * node-failover benchmark runs dry: one node JVM and a client per side, one group answering once,
 * nothing killed; its node JVMs are destroyed before it returns, also when it fails.
 */
class SmokeTest {

  @TempDir
  Path out;

  private static final List<String[]> RUNS = List.of(
      new String[] {"RoundTripBenchmark", "kind", "spin,relay,submit,leased"},
      new String[] {"ThroughputBenchmark", "kind", "fjp,balancing2core,submit,leased"},
      new String[] {"LeaseCycleBenchmark", "kind", "pool2,actorpool,actorpoolAsk"},
      new String[] {"LeaseTimeoutBenchmark", "kind", "pool2,actorpool"});

  @Test
  void everyBenchmarkTheHarnessAndTheReporterRun() throws Exception {
    // JMH refuses to run while another JMH holds its machine-wide lock. This smoke run measures
    // nothing, so a benchmark running elsewhere on the machine must not fail the build.
    System.setProperty("jmh.ignoreLock", "true");
    OptionsBuilder options = new OptionsBuilder();
    options.forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .param("workMicros", "0")
        .param("inFlight", "64")
        .resultFormat(ResultFormatType.JSON);
    // Each class has its own kinds, so each runs apart with its own param subset.
    int results = 0;
    for (String[] run : RUNS) {
      Path file = out.resolve(run[0] + ".json");
      Options one = new OptionsBuilder().parent(options.build())
          .include("\\." + run[0] + "\\.")
          .param(run[1], run[2].split(","))
          .result(file.toString())
          .build();
      Collection<RunResult> ran = new Runner(one).run();
      assertFalse(ran.isEmpty(), run[0] + " produced no result");
      for (RunResult r : ran) {
        double score = r.getPrimaryResult().getScore();
        assertTrue(score > 0 && !Double.isNaN(score), run[0] + " scored " + score);
      }
      results += ran.size();
    }
    assertEquals(4 + 4 + 12 + 2, results);

    List<ScenarioHarness.Figure> figures = ScenarioHarness.run(true, out, "smoke");
    for (var c : Controllers.all()) {
      assertTrue(figures.stream().anyMatch(f -> f.subject().equals(c.name())), c.name());
    }
    assertTrue(Files.readString(out.resolve("smoke-scenario-pools-2-16-2.svg")).contains("<svg"));
    assertTrue(Files.size(out.resolve("smoke-scenario.csv")) > 0);

    String md = Reporter.report(out.resolve("RoundTripBenchmark.json"),
        out.resolve("smoke-scenario-summary.csv"), "smoke");
    assertTrue(md.contains("| round trip p50, ActorPool submit |"), md);
  }

  @Test
  void failoverBenchmarkRunsDryAndTheReporterGivesItsRow() throws Exception {
    FailoverBench.run(FailoverBench.Options.parse(new String[] {"--dry-run", "--out",
        out.toString(), "--tag", "smoke", "--command", "smoke"}));
    String section = Files.readString(FailoverBench.mdFile(out, "smoke"));
    assertTrue(section.contains("## Node failover") && section.contains("| 1 | actorpool |")
        && section.contains("| 1 | plain |"), section);

    Path json = out.resolve("empty-jmh.json");
    Files.writeString(json, "[]");
    String md = Reporter.report(json, out.resolve("none.csv"),
        FailoverBench.csvFile(out, "smoke"), FailoverBench.mdFile(out, "smoke"), "smoke");
    assertTrue(md.contains("| node failover (cluster) | plain Pekko sharding, same config |"
        + " <= 1.1x recovery; 0 accepted jobs lost | dry run (nothing killed) | not measured |"),
        md);
  }
}
