package io.actorpool.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JMH's {@code -rf json} file and the scenario harness's summary CSV, prints the goals of
 * DESIGN.md's "Performance targets" with the ratios measured in that run, marked met or not met,
 * and writes the results file with the machine it ran on.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.actorpool.benchmarks.report.Reporter <jmh.json> <scenario-summary.csv> <out.md> <command>}
 */
public final class Reporter {

  static final String[] ROUTERS = {"roundRobin", "balancing", "smallestMailbox",
      "roundRobin2core", "balancing2core", "smallestMailbox2core"};
  /** As shipped; {@code submit2core} only moves the supervisor to a two-core dispatcher. */
  static final String[] ACTORPOOL_KINDS = {"submit", "submit2core", "leased"};

  /** One JMH result: the benchmark's {@code Class.method}, its params, score and percentiles. */
  record Result(String benchmark, Map<String, String> params, double score,
      Map<String, Double> percentiles) {
    double p(String q) {
      Double v = percentiles.get(q);
      return v == null ? Double.NaN : v;
    }
  }

  /** One line of the goals table. */
  record Goal(String bench, String against, String goal, String measured, Boolean met) {
    String status() {
      return met == null ? "not measured" : met ? "met" : "NOT MET";
    }
  }

  private final List<Result> results;
  private final List<String[]> figures;

  Reporter(List<Result> results, List<String[]> figures) {
    this.results = results;
    this.figures = figures;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: Reporter <jmh.json> <scenario-summary.csv> <out.md> <command>");
    }
    String md = report(Path.of(args[0]), Path.of(args[1]), args[3]);
    Files.writeString(Path.of(args[2]), md, StandardCharsets.UTF_8);
  }

  /** Prints the goals table and returns the whole results file (no failover results). */
  public static String report(Path jmhJson, Path summaryCsv, String command) throws IOException {
    return report(jmhJson, summaryCsv, null, null, command);
  }

  /**
   * Prints the goals table and returns the whole results file; {@code failoverCsv} and {@code
   * failoverMd} are {@code FailoverBench}'s figures and section, or null when it did not run.
   */
  public static String report(Path jmhJson, Path summaryCsv, Path failoverCsv, Path failoverMd,
      String command) throws IOException {
    List<String[]> figures = new ArrayList<>();
    for (Path csv : new Path[] {summaryCsv, failoverCsv}) {
      if (csv != null && Files.exists(csv)) {
        figures.addAll(readCsv(csv));
      }
    }
    Reporter r = new Reporter(readJmh(Files.readString(jmhJson)), figures);
    List<Goal> goals = r.goals();
    String table = goalTable(goals);
    System.out.println(table);
    String md = r.markdown(goals, table, command);
    return failoverMd != null && Files.exists(failoverMd)
        ? md + "\n" + Files.readString(failoverMd, StandardCharsets.UTF_8) : md;
  }

  /**
   * Puts a separate failover run into an existing results file: replaces its node-failover goal
   * row (and the count of goals met above the table) and appends the "Node failover" section, or
   * replaces that section if the file has one. Returns the new goal row.
   */
  public static String patchFailover(Path resultsMd, Path failoverCsv, Path failoverMd)
      throws IOException {
    Goal goal = new Reporter(List.of(), readCsv(failoverCsv)).failoverGoal();
    String row = goalTable(List.of(goal)).lines().skip(2).findFirst().orElseThrow();
    List<String> lines = new ArrayList<>(Files.readAllLines(resultsMd, StandardCharsets.UTF_8));
    Boolean before = null;
    boolean replaced = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("| " + FAILOVER_BENCH + " |")) {
        before = lines.get(i).endsWith("| met |") ? Boolean.TRUE
            : lines.get(i).endsWith("| NOT MET |") ? Boolean.FALSE : null;
        lines.set(i, row);
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      throw new IllegalArgumentException(resultsMd + " has no goal row for " + FAILOVER_BENCH);
    }
    java.util.regex.Matcher count = java.util.regex.Pattern
        .compile("^(\\d+) of (\\d+) measured goals met\\.").matcher("");
    for (int i = 0; i < lines.size(); i++) {
      if (count.reset(lines.get(i)).find()) {
        int met = Integer.parseInt(count.group(1)) - (Boolean.TRUE.equals(before) ? 1 : 0)
            + (Boolean.TRUE.equals(goal.met()) ? 1 : 0);
        int measured = Integer.parseInt(count.group(2)) - (before != null ? 1 : 0)
            + (goal.met() != null ? 1 : 0);
        lines.set(i, met + " of " + measured + " measured goals met."
            + lines.get(i).substring(count.end()));
        break;
      }
    }
    String text = String.join("\n", lines) + "\n";
    String section = Files.readString(failoverMd, StandardCharsets.UTF_8);
    int start = text.indexOf("\n## Node failover\n");
    if (start < 0) {
      text = text + "\n" + section;
    } else {
      int end = text.indexOf("\n## ", start + 1);
      text = text.substring(0, start + 1) + section + (end < 0 ? "" : text.substring(end));
    }
    Files.writeString(resultsMd, text, StandardCharsets.UTF_8);
    System.out.println(row);
    return row;
  }

  @SuppressWarnings("unchecked")
  static List<Result> readJmh(String json) {
    List<Result> out = new ArrayList<>();
    for (Object o : (List<Object>) Json.parse(json)) {
      Map<String, Object> run = (Map<String, Object>) o;
      String full = (String) run.get("benchmark");
      String[] parts = full.split("\\.");
      String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
      Map<String, String> params = new LinkedHashMap<>();
      Object p = run.get("params");
      if (p != null) {
        ((Map<String, Object>) p).forEach((k, v) -> params.put(k, String.valueOf(v)));
      }
      Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
      Map<String, Double> percentiles = new LinkedHashMap<>();
      Object pct = metric.get("scorePercentiles");
      if (pct != null) {
        ((Map<String, Object>) pct).forEach((k, v) -> percentiles.put(k, toDouble(v)));
      }
      out.add(new Result(name, params, toDouble(metric.get("score")), percentiles));
    }
    return out;
  }

  private static double toDouble(Object v) {
    return v instanceof Double d ? d : Double.NaN;
  }

  static List<String[]> readCsv(Path csv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.split(","));
      }
    }
    return rows;
  }

  Optional<Result> find(String benchmark, String... keyValues) {
    outer:
    for (Result r : results) {
      if (!r.benchmark().equals(benchmark)) {
        continue;
      }
      for (int i = 0; i < keyValues.length; i += 2) {
        if (!keyValues[i + 1].equals(r.params().get(keyValues[i]))) {
          continue outer;
        }
      }
      return Optional.of(r);
    }
    return Optional.empty();
  }

  Optional<Double> figure(String section, String scenario, String subject, String metric) {
    for (String[] f : figures) {
      if (f[0].equals(section) && f[1].equals(scenario) && f[2].equals(subject)
          && f[3].equals(metric)) {
        return Optional.of(Double.parseDouble(f[4]));
      }
    }
    return Optional.empty();
  }

  List<Goal> goals() {
    List<Goal> goals = new ArrayList<>();
    roundTripGoals(goals);
    throughputGoals(goals);
    leaseGoals(goals);
    scenarioGoals(goals);
    goals.add(failoverGoal());
    return goals;
  }

  static final String FAILOVER_BENCH = "node failover (cluster)";

  /** The node-failover goal from {@code FailoverBench}'s figures: recovery ratio and jobs lost. */
  Goal failoverGoal() {
    String against = "plain Pekko sharding, same config";
    String goal = "<= 1.1x recovery; 0 accepted jobs lost";
    if (figure("failover", "run", "all", "dryRun").map(v -> v == 1).orElse(false)) {
      return new Goal(FAILOVER_BENCH, against, goal, "dry run (nothing killed)", null);
    }
    Optional<Double> ratio = figure("failover", "median", "ratio", "recovery");
    Optional<Double> lost = figure("failover", "total", "actorpool", "unanswered");
    if (ratio.isEmpty() || lost.isEmpty()) {
      return new Goal(FAILOVER_BENCH, against, goal, "missing", null);
    }
    String measured = String.format(Locale.ROOT,
        "%.2fx (median of %d; ActorPool %.1f s, plain %.1f s); %d jobs lost", ratio.get(),
        figure("failover", "run", "all", "reps").orElse(0.0).intValue(),
        figure("failover", "median", "actorpool", "recoveryMs").orElse(Double.NaN) / 1000,
        figure("failover", "median", "plain", "recoveryMs").orElse(Double.NaN) / 1000,
        Math.round(lost.get()));
    if (figure("failover", "run", "all", "actorPoolAsShipped").map(v -> v == 0).orElse(false)) {
      // A diagnosis with changed ActorPool properties says nothing about the shipped library.
      return new Goal(FAILOVER_BENCH, against, goal, measured + " (diagnostic: ActorPool"
          + " properties changed)", null);
    }
    return new Goal(FAILOVER_BENCH, against, goal, measured,
        ratio.get() <= 1.1 && lost.get() == 0);
  }

  private void roundTripGoals(List<Goal> goals) {
    Optional<Result> relay = find("RoundTripBenchmark.roundTrip", "kind", "relay");
    for (String kind : ACTORPOOL_KINDS) {
      Optional<Result> ap = find("RoundTripBenchmark.roundTrip", "kind", kind);
      goals.add(ratioGoal("round trip p50, ActorPool " + kind, "Pekko relay of equal hops",
          "<= 1.2x", ap.map(r -> r.p("50.0")), relay.map(r -> r.p("50.0")), 1.2, true));
    }
  }

  private void throughputGoals(List<Goal> goals) {
    for (String inFlight : new String[] {"1", "64", "1024"}) {
      for (String kind : ACTORPOOL_KINDS) {
        String bench = "throughput, ActorPool " + kind + ", " + inFlight + " in flight, ";
        goals.add(ratioGoal(bench + "100 us", "ForkJoinPool(2)", ">= 0.98x",
            tput(kind, "100", inFlight), tput("fjp", "100", inFlight), 0.98, false));
        goals.add(ratioGoal(bench + "10 us", "ForkJoinPool(2)", ">= 0.90x",
            tput(kind, "10", inFlight), tput("fjp", "10", inFlight), 0.90, false));
        Optional<Double> best = Optional.empty();
        String bestName = "best Pekko router";
        for (String router : ROUTERS) {
          Optional<Double> t = tput(router, "0", inFlight);
          if (t.isPresent() && (best.isEmpty() || t.get() > best.get())) {
            best = t;
            bestName = "best Pekko router (" + router + ")";
          }
        }
        goals.add(ratioGoal(bench + "no-op", bestName, ">= 0.8x",
            tput(kind, "0", inFlight), best, 0.8, false));
      }
    }
  }

  Optional<Double> tput(String kind, String micros, String inFlight) {
    return find("ThroughputBenchmark.jobs", "kind", kind, "workMicros", micros,
        "inFlight", inFlight).map(Result::score);
  }

  private void leaseGoals(List<Goal> goals) {
    goals.add(ratioGoal("lease cycle, 1 thread", "Pool2 borrow/return", "<= 10x",
        cycle("actorpool", "threads01"), cycle("pool2", "threads01"), 10, true));
    goals.add(ratioGoal("lease cycle, 32 threads", "Pool2 borrow/return", "<= 2x",
        cycle("actorpool", "threads32"), cycle("pool2", "threads32"), 2, true));
    goals.add(ratioGoal("lease cycle via plain ask (no facade), 1 thread", "Pool2 borrow/return",
        "<= 10x", cycle("actorpoolAsk", "threads01"), cycle("pool2", "threads01"), 10, true));
    goals.add(ratioGoal("lease cycle via plain ask (no facade), 32 threads",
        "Pool2 borrow/return", "<= 2x", cycle("actorpoolAsk", "threads32"),
        cycle("pool2", "threads32"), 2, true));
    Optional<Double> p99 = find("LeaseTimeoutBenchmark.failedAcquire", "kind", "actorpool")
        .map(r -> r.p("99.0"));
    goals.add(new Goal("unservable acquire, error p99", "(absolute goal)", "<= 5 ms",
        p99.map(v -> String.format(Locale.ROOT, "%.3f ms", v / 1000)).orElse("missing"),
        p99.map(v -> v <= 5000).orElse(null)));
  }

  Optional<Double> cycle(String kind, String method) {
    return find("LeaseCycleBenchmark." + method, "kind", kind).map(Result::score);
  }

  private void scenarioGoals(List<Goal> goals) {
    for (String trace : new String[] {"pools-2-16-2", "concurrency-1-200-1"}) {
      Optional<Double> ticks = figure("step", trace, "actorpool-units", "ticksTo90");
      goals.add(new Goal("step response " + trace + ", ActorPool units",
          "Crawlee " + figureText("step", trace, "crawlee", "ticksTo90") + ", HPA "
              + figureText("step", trace, "hpa", "ticksTo90") + ", Dask "
              + figureText("step", trace, "dask", "ticksTo90") + " ticks",
          "90% in <= 2 ticks", ticks.map(Reporter::ticks).orElse("missing"),
          ticks.map(t -> t <= 2).orElse(null)));
      for (String metric : new String[] {"reversals", "reversalsFlat"}) {
        Optional<Double> rev = figure("step", trace, "actorpool-units", metric);
        String signal = metric.equals("reversals") ? "+-5% jitter" : "flat signal";
        goals.add(new Goal("reversals under constant load (" + signal + ") " + trace
                + ", ActorPool units",
            "Crawlee " + figureText("step", trace, "crawlee", metric) + ", HPA "
                + figureText("step", trace, "hpa", metric) + ", Dask "
                + figureText("step", trace, "dask", metric),
            "0 reversals", rev.map(v -> String.valueOf(Math.round(v))).orElse("missing"),
            rev.map(v -> v == 0).orElse(null)));
      }
    }
    for (String antagonist : new String[] {"cpu", "heap"}) {
      goals.add(ratioGoal(antagonist + " antagonist, p99 job latency, ActorPool", "a static pool",
          "<= 0.5x", figure("antagonist", antagonist, "actorpool", "p99us"),
          figure("antagonist", antagonist, "static", "p99us"), 0.5, true));
    }
  }

  private String figureText(String section, String scenario, String subject, String metric) {
    return figure(section, scenario, subject, metric)
        .map(v -> metric.startsWith("ticks") ? ticks(v) : String.valueOf(Math.round(v)))
        .orElse("?");
  }

  private static String ticks(double v) {
    return v >= Integer.MAX_VALUE ? "never" : String.valueOf(Math.round(v));
  }

  /** A goal on {@code measured / baseline}: at most {@code bound} if {@code atMost}, else at least. */
  static Goal ratioGoal(String bench, String against, String goal, Optional<Double> measured,
      Optional<Double> baseline, double bound, boolean atMost) {
    if (measured.isEmpty() || baseline.isEmpty() || !(baseline.get() > 0)) {
      return new Goal(bench, against, goal, "missing", null);
    }
    double ratio = measured.get() / baseline.get();
    boolean met = atMost ? ratio <= bound : ratio >= bound;
    return new Goal(bench, against, goal, String.format(Locale.ROOT, "%.2fx", ratio), met);
  }

  static String goalTable(List<Goal> goals) {
    StringBuilder sb = new StringBuilder(
        "| bench | against | goal | measured | status |\n|---|---|---|---|---|\n");
    for (Goal g : goals) {
      sb.append("| ").append(g.bench()).append(" | ").append(g.against()).append(" | ")
          .append(g.goal()).append(" | ").append(g.measured()).append(" | ")
          .append(g.status()).append(" |\n");
    }
    return sb.toString();
  }

  private String markdown(List<Goal> goals, String table, String command) {
    StringBuilder md = new StringBuilder();
    long met = goals.stream().filter(g -> Boolean.TRUE.equals(g.met())).count();
    long measured = goals.stream().filter(g -> g.met() != null).count();
    md.append("# ActorPool benchmark results\n\n");
    md.append(Machine.describe(command)).append('\n');
    md.append("## Goals (DESIGN.md, Performance targets)\n\n");
    md.append(met).append(" of ").append(measured).append(" measured goals met. ")
        .append("Every ratio is ActorPool over its baseline, both measured in this run.\n\n");
    md.append(table).append('\n');
    md.append(detailTables());
    return md.toString();
  }

  private String detailTables() {
    StringBuilder md = new StringBuilder();
    md.append("## Round trip (ratio of each kind's percentile to the relay's)\n\n");
    md.append("| kind | p50 / relay p50 | p99 / relay p99 |\n|---|---|---|\n");
    Optional<Result> relay = find("RoundTripBenchmark.roundTrip", "kind", "relay");
    for (String kind : new String[] {"spin", "tpe", "fjp", "ask", "relay", "submit", "submit2core",
        "leased"}) {
      Optional<Result> r = find("RoundTripBenchmark.roundTrip", "kind", kind);
      md.append("| ").append(kind).append(" | ")
          .append(ratio(r.map(x -> x.p("50.0")), relay.map(x -> x.p("50.0")))).append(" | ")
          .append(ratio(r.map(x -> x.p("99.0")), relay.map(x -> x.p("99.0")))).append(" |\n");
    }
    md.append("\n## Throughput (ratio of jobs/s to ForkJoinPool(2) at the same size and window)\n\n");
    String[] kinds = {"fjp", "tpe", "roundRobin", "balancing", "smallestMailbox",
        "roundRobin2core", "balancing2core", "smallestMailbox2core", "submit", "submit2core",
        "leased"};
    md.append("| in flight | job us |");
    for (String k : kinds) {
      md.append(' ').append(k).append(" |");
    }
    md.append("\n|---|---|").append("---|".repeat(kinds.length)).append('\n');
    for (String inFlight : new String[] {"1", "64", "1024"}) {
      for (String micros : new String[] {"0", "1", "10", "100"}) {
        md.append("| ").append(inFlight).append(" | ").append(micros).append(" |");
        Optional<Double> fjp = tput("fjp", micros, inFlight);
        for (String k : kinds) {
          md.append(' ').append(ratio(tput(k, micros, inFlight), fjp)).append(" |");
        }
        md.append('\n');
      }
    }
    md.append("\n## Lease cycle (ActorPool mean cycle time over Pool2's)\n\n");
    md.append("| threads | actorpool / pool2 | actorpoolAsk / pool2 |\n|---|---|---|\n");
    for (String t : new String[] {"01", "02", "08", "32"}) {
      md.append("| ").append(Integer.parseInt(t)).append(" | ")
          .append(ratio(cycle("actorpool", "threads" + t), cycle("pool2", "threads" + t)))
          .append(" | ")
          .append(ratio(cycle("actorpoolAsk", "threads" + t), cycle("pool2", "threads" + t)))
          .append(" |\n");
    }
    md.append("\n## Unservable acquire (error latency; the goal is absolute)\n\n");
    md.append("| kind | p50 | p99 | p99 / pool2 p99 |\n|---|---|---|---|\n");
    Optional<Result> pool2 = find("LeaseTimeoutBenchmark.failedAcquire", "kind", "pool2");
    for (String kind : new String[] {"pool2", "actorpool"}) {
      Optional<Result> r = find("LeaseTimeoutBenchmark.failedAcquire", "kind", kind);
      md.append("| ").append(kind).append(" | ")
          .append(r.map(x -> String.format(Locale.ROOT, "%.1f us", x.p("50.0"))).orElse("-"))
          .append(" | ")
          .append(r.map(x -> String.format(Locale.ROOT, "%.1f us", x.p("99.0"))).orElse("-"))
          .append(" | ").append(ratio(r.map(x -> x.p("99.0")), pool2.map(x -> x.p("99.0"))))
          .append(" |\n");
    }
    md.append("\n## Autoscaling scenarios (ticks of ").append("10 s; see the SVG charts)\n\n");
    md.append("| trace | controller | ticks to 90% | overshoot | reversals (+-5% jitter) | "
        + "reversals (flat) |\n|---|---|---|---|---|---|\n");
    for (String[] f : figures) {
      if (f[0].equals("step") && f[3].equals("ticksTo90")) {
        md.append("| ").append(f[1]).append(" | ").append(f[2]).append(" | ")
            .append(figureText("step", f[1], f[2], "ticksTo90")).append(" | ")
            .append(figure("step", f[1], f[2], "overshoot")
                .map(v -> String.format(Locale.ROOT, "%.0f%%", v * 100)).orElse("?"))
            .append(" | ").append(figureText("step", f[1], f[2], "reversals")).append(" | ")
            .append(figureText("step", f[1], f[2], "reversalsFlat")).append(" |\n");
      }
    }
    md.append("\n## Antagonists (real jobs on real pools; ActorPool over the static pool)\n\n");
    md.append("| antagonist | p50 ratio | p99 ratio |\n|---|---|---|\n");
    for (String a : new String[] {"cpu", "heap"}) {
      md.append("| ").append(a).append(" | ")
          .append(ratio(figure("antagonist", a, "actorpool", "p50us"),
              figure("antagonist", a, "static", "p50us"))).append(" | ")
          .append(ratio(figure("antagonist", a, "actorpool", "p99us"),
              figure("antagonist", a, "static", "p99us"))).append(" |\n");
    }
    return md.toString();
  }

  static String ratio(Optional<Double> a, Optional<Double> b) {
    if (a.isEmpty() || b.isEmpty() || !(b.get() > 0)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2fx", a.get() / b.get());
  }
}
