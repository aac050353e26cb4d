package io.actorpool.benchmarks.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The autoscaling scenario harness (a plain program, not JMH).
 *
 * <p>Workload: step changes of demand (2 to 16 pools and back; 1 to 200 concurrency and back) and
 * 30 s each of a CPU and a heap antagonist on constant demand, fed to every controller in {@link
 * Controllers#all()} (ActorPool's units policy, Crawlee's AutoscaledPool rule, the Kubernetes HPA
 * rule, Dask's adaptive rule) on the same trace and the same {@value Controllers#TICK_SECONDS} s
 * tick. For each it reports the ticks to 90% of a step, the overshoot, and the reversals under
 * constant load (with a seeded +-5% jitter on the signal, and without). Then it runs real jobs on
 * real pools under a real CPU antagonist and a real heap antagonist, on ActorPool and on a static
 * pool of as many threads, and reports each one's p99 job latency.
 *
 * <p>Writes {@code <tag>-scenario.csv} (pools per tick per controller), {@code
 * <tag>-scenario-<trace>.svg} (a chart per trace) and {@code <tag>-scenario-summary.csv} (the
 * figures the reporter reads) into the output folder.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.actorpool.benchmarks.scenario.ScenarioHarness [--tiny] [--out benchmarks/results] [--tag
 * 2026-01-31] [--no-antagonists]}. {@code --tiny} shortens the traces and the antagonists to a second, for CI.
 */
public final class ScenarioHarness {

  private ScenarioHarness() {}

  /** One figure of the summary: {@code section, scenario, subject, metric, value}. */
  public record Figure(String section, String scenario, String subject, String metric,
      double value) {
    public String csv() {
      return String.join(",", section, scenario, subject, metric,
          String.format(Locale.ROOT, "%.3f", value));
    }
  }

  public static void main(String[] args) throws Exception {
    boolean tiny = false;
    boolean antagonists = true;
    Path out = Path.of("benchmarks", "results");
    String tag = LocalDate.now().toString();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tiny" -> tiny = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--tag" -> tag = args[++i];
        case "--no-antagonists" -> antagonists = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Figure> figures = run(tiny, antagonists, out, tag);
    figures.forEach(f -> System.out.println(f.csv()));
  }

  /** Runs everything and writes the files; returns the summary figures. */
  public static List<Figure> run(boolean tiny, Path out, String tag) throws Exception {
    return run(tiny, true, out, tag);
  }

  /**
   * As {@link #run(boolean, Path, String)}; without antagonists only the simulated traces run,
   * which are deterministic, so they can be re-run alone without disturbing a measurement.
   */
  public static List<Figure> run(boolean tiny, boolean antagonists, Path out, String tag)
      throws Exception {
    Files.createDirectories(out);
    List<Figure> figures = new ArrayList<>();
    StringBuilder csv = new StringBuilder("trace,tick,demand,observed,target");
    List<Controller.Factory> controllers = Controllers.all();
    controllers.forEach(c -> csv.append(',').append(c.name()));
    csv.append('\n');
    for (Trace trace : Trace.standard(tiny)) {
      simulate(trace, controllers, figures, csv, out, tag);
    }
    write(out.resolve(tag + "-scenario.csv"), csv.toString());

    Duration cpu = tiny ? Duration.ofSeconds(1) : Duration.ofSeconds(30);
    Duration heap = tiny ? Duration.ofSeconds(1) : Duration.ofSeconds(20);
    for (String antagonist : antagonists ? List.of("cpu", "heap") : List.<String>of()) {
      for (String pool : List.of("static", "actorpool")) {
        AntagonistRun.Outcome o =
            AntagonistRun.run(antagonist, pool, antagonist.equals("cpu") ? cpu : heap);
        figures.add(new Figure("antagonist", antagonist, pool, "p50us", o.p50Micros()));
        figures.add(new Figure("antagonist", antagonist, pool, "p99us", o.p99Micros()));
        figures.add(new Figure("antagonist", antagonist, pool, "jobs", o.jobs()));
      }
    }
    StringBuilder summary = new StringBuilder("section,scenario,subject,metric,value\n");
    figures.forEach(f -> summary.append(f.csv()).append('\n'));
    write(out.resolve(tag + "-scenario-summary.csv"), summary.toString());
    return figures;
  }

  private static void simulate(Trace trace, List<Controller.Factory> controllers,
      List<Figure> figures, StringBuilder csv, Path out, String tag) throws IOException {
    double[] demand = trace.demand();
    double[] observed = trace.observed();
    int[] target = trace.target();
    List<SvgChart.Series> series = new ArrayList<>();
    for (Controller.Factory c : controllers) {
      int[] pools = Simulation.run(trace, c);
      series.add(new SvgChart.Series(c.name(), pools));
      Simulation.Response r = Simulation.measure(trace, pools);
      Simulation.Response flat =
          Simulation.measure(trace, Simulation.run(trace.withJitter(0), c));
      figures.add(new Figure("step", trace.name(), c.name(), "ticksTo90", r.ticksTo90()));
      figures.add(new Figure("step", trace.name(), c.name(), "overshoot", r.overshoot()));
      figures.add(new Figure("step", trace.name(), c.name(), "reversals", r.reversals()));
      figures.add(new Figure("step", trace.name(), c.name(), "reversalsFlat", flat.reversals()));
    }
    for (int t = 0; t < demand.length; t++) {
      csv.append(String.format(Locale.ROOT, "%s,%d,%.2f,%.2f,%d", trace.name(), t, demand[t],
          observed[t], target[t]));
      for (SvgChart.Series s : series) {
        csv.append(',').append(s.values()[t]);
      }
      csv.append('\n');
    }
    write(out.resolve(tag + "-scenario-" + trace.name() + ".svg"),
        SvgChart.draw("Pool count over time: " + trace.name() + " (+-"
            + Math.round(trace.jitter() * 100) + "% signal jitter)", target, series));
  }

  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
