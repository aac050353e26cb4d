package io.actorpool.benchmarks.failover;

import io.actorpool.benchmarks.failover.FailoverNode.Side;
import io.actorpool.benchmarks.report.Machine;
import io.actorpool.benchmarks.scenario.ScenarioHarness.Figure;
import io.actorpool.cluster.ClusterPools;
import io.actorpool.cluster.GroupLostException;
import io.actorpool.cluster.RemoteJob;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.Patterns;

/**
 * The node-failover benchmark of DESIGN.md ("node failover (cluster) | plain Pekko sharding, same
 * config | <= 1.1x its recovery time; no accepted job lost"), a plain program (not JMH).
 *
 * <p>Per repetition and side (ActorPool pool groups through {@code ClusterPools}, then plain Pekko
 * Cluster Sharding with an entity that just replies; the order alternates between repetitions):
 * {@code nodes} node JVMs ({@link FailoverNode}, same class path, fixed free ports on 127.0.0.1,
 * the same {@code failover.conf}) host {@code groups} groups; this JVM joins as a client and sends
 * one job to every group every {@value #TICK_MILLIS} ms; once every group answers, the non-seed
 * node hosting the most groups is killed with SIGKILL ({@code destroyForcibly}). Recovery time is
 * from the kill until every group that lived on the killed node has answered from another node.
 * Then the stream stops and every job is awaited: a job with no answer at all (neither result,
 * nor {@code GroupLostException}, nor timeout) is lost. The client also records when it saw the
 * killed node unreachable, downed and removed, which splits the recovery into its phases.
 *
 * <p>Writes {@code <out>/<tag>-failover.csv} (figures: section, scenario, subject, metric, value,
 * as the scenario summary) and {@code <out>/<tag>-failover.md} (the "Node failover" section).
 * {@code --dry-run} starts one node JVM and the client per side, waits for one answer from one
 * group and tears everything down, killing nothing (CI's smoke check).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.actorpool.benchmarks.failover.FailoverBench [--reps 3] [--nodes 3] [--groups 12] [--dry-run]
 * [--out benchmarks/results] [--tag 2026-01-31] [--command "..."] [--actorpool-property
 * key=value]...}; each {@code --actorpool-property} is a system property of the ActorPool side's
 * node JVMs (for diagnosis, e.g. {@code actor-pool.cluster.placement.max-moves-per-interval=0}).
 */
public final class FailoverBench {

  /** The pace of the job stream: one job per group per tick. */
  static final long TICK_MILLIS = 100;
  /** The submit (ask) timeout of every job, on both sides. */
  static final Duration JOB_TIMEOUT = Duration.ofSeconds(5);
  /**
   * The kill waits for a steady state: every group answered within the last {@link #FRESH} and no
   * group changed its node (a rebalance) for this long. A move takes about 3 s here.
   */
  static final Duration STEADY = Duration.ofSeconds(6);
  static final Duration FRESH = Duration.ofMillis(1000);
  /** A side still moving groups this long after every group answered is killed anyway. */
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
  /** A side that has not recovered by then is reported as not recovered. */
  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(75);
  static final Duration CLUSTER_UP_LIMIT = Duration.ofSeconds(120);
  static final double GOAL = 1.1;

  /** What to run. */
  public record Options(int reps, int nodes, int groups, boolean dryRun, Path out, String tag,
      String command, List<String> actorPoolProperties) {

    /** Options with ActorPool's shipped configuration. */
    public Options(int reps, int nodes, int groups, boolean dryRun, Path out, String tag,
        String command) {
      this(reps, nodes, groups, dryRun, out, tag, command, List.of());
    }

    /** Parses the command line; unknown arguments throw. */
    public static Options parse(String[] args) {
      int reps = 3;
      int nodes = 3;
      int groups = 12;
      boolean dryRun = false;
      List<String> props = new ArrayList<>();
      Path out = Path.of("benchmarks", "results");
      String tag = LocalDate.now().toString();
      String command = "java -cp benchmarks/target/benchmarks.jar " + FailoverBench.class.getName()
          + (args.length == 0 ? "" : " " + String.join(" ", args));
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--reps" -> reps = Integer.parseInt(args[++i]);
          case "--nodes" -> nodes = Integer.parseInt(args[++i]);
          case "--groups" -> groups = Integer.parseInt(args[++i]);
          case "--dry-run" -> dryRun = true;
          case "--out" -> out = Path.of(args[++i]);
          case "--tag" -> tag = args[++i];
          case "--command" -> command = args[++i];
          case "--actorpool-property" -> props.add(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      return dryRun ? new Options(1, 1, 1, true, out, tag, command, props)
          : new Options(reps, nodes, groups, false, out, tag, command, props);
    }
  }

  /** One side's run: the phases in ms after the kill (NaN if not seen) and the job outcomes. */
  record Run(Side side, int rep, int victimGroups, long moves, double settleMs,
      double unreachableMs, double downMs, double removedMs, double firstRecoveredMs,
      double medianRecoveredMs, double recoveryMs, long sent, long completed, long groupLost, long timedOut,
      long otherFailed, long unanswered) {}

  private FailoverBench() {}

  public static void main(String[] args) throws Exception {
    run(Options.parse(args));
  }

  /** Runs every repetition, writes the CSV and the markdown section, returns the figures. */
  public static List<Figure> run(Options o) throws Exception {
    String startLoad = Machine.loadAverage();
    Files.createDirectories(o.out());
    // A dry run (CI) keeps its node logs beside its output, which its caller cleans up.
    Path logs = o.dryRun() ? Files.createDirectories(o.out().resolve(o.tag() + "-failover-logs"))
        : Files.createTempDirectory("actorpool-failover-");
    List<Run> runs = new ArrayList<>();
    for (int rep = 1; rep <= o.reps(); rep++) {
      // Alternate the order so that a drift of the shared machine's load hits both sides alike.
      List<Side> order = rep % 2 == 1 ? List.of(Side.ACTORPOOL, Side.PLAIN)
          : List.of(Side.PLAIN, Side.ACTORPOOL);
      for (Side side : order) {
        Run r = runOnce(side, rep, o, logs);
        System.out.println("failover " + r);
        runs.add(r);
      }
    }
    List<Figure> figures = figures(runs, o);
    StringBuilder csv = new StringBuilder("section,scenario,subject,metric,value\n");
    figures.forEach(f -> csv.append(f.csv()).append('\n'));
    Files.writeString(csvFile(o.out(), o.tag()), csv.toString(), StandardCharsets.UTF_8);
    String md = markdown(runs, figures, o, startLoad, logs);
    Files.writeString(mdFile(o.out(), o.tag()), md, StandardCharsets.UTF_8);
    System.out.println(md);
    return figures;
  }

  public static Path csvFile(Path out, String tag) {
    return out.resolve(tag + "-failover.csv");
  }

  public static Path mdFile(Path out, String tag) {
    return out.resolve(tag + "-failover.md");
  }

  /* ---------------- One run ---------------- */

  /** A job of the stream: where it went, when it was sent and when and how it ended. */
  private static final class Job {
    final String key;
    final long sent;
    volatile long done;
    volatile Object result;
    volatile Throwable error;

    Job(String key, CompletableFuture<Object> future) {
      this.key = key;
      this.sent = System.nanoTime();
      future.whenComplete((r, e) -> {
        result = r;
        error = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        done = System.nanoTime();
      });
    }

    boolean answeredFrom(String node) {
      return done != 0 && error == null && node.equals(result);
    }
  }

  private static Run runOnce(Side side, int rep, Options o, Path logs) throws Exception {
    List<Process> nodes = new ArrayList<>();
    ActorSystem client = null;
    try {
      int[] ports = freePorts(o.nodes());
      for (int i = 0; i < o.nodes(); i++) {
        nodes.add(startNode(side, ports[i], ports[0],
            side == Side.ACTORPOOL ? o.actorPoolProperties() : List.of(),
            logs.resolve(side.label() + "-rep" + rep + "-node" + (i + 1) + ".log").toFile()));
      }
      client = FailoverNode.start(side, 0, ports[0], List.of("client"));
      Cluster cluster = Cluster.get(client);
      awaitCondition("every node up", CLUSTER_UP_LIMIT,
          () -> upMembers(cluster.state()) == o.nodes() + 1);
      Function<String, CompletableFuture<Object>> submit = submitter(side, client);
      List<String> keys = IntStream.range(0, o.groups())
          .mapToObj(i -> String.format(Locale.ROOT, "g%02d", i)).toList();
      List<Job> jobs = new ArrayList<>();

      // Warm up until the steady state (in a dry run: until every group answered once); count
      // the moves of groups between nodes on the way (the allocation strategy's rebalances).
      long start = System.nanoTime();
      long answeredAll = 0;
      long lastChange = 0;
      long moves = 0;
      Map<String, String> seen = Map.of();
      while (true) {
        tick(keys, submit, jobs);
        long now = System.nanoTime();
        Map<String, String> homes = homes(jobs, keys);
        for (var e : homes.entrySet()) {
          if (seen.containsKey(e.getKey()) && !seen.get(e.getKey()).equals(e.getValue())) {
            moves++;
            lastChange = now;
          }
        }
        seen = homes;
        if (answeredAll == 0 && homes.size() == keys.size()) {
          answeredAll = now;
          lastChange = now;
        }
        if (answeredAll != 0 && (o.dryRun()
            || now - lastChange >= STEADY.toNanos() && allFresh(jobs, keys, now))) {
          break;
        }
        if (answeredAll == 0 && now - start > CLUSTER_UP_LIMIT.toNanos()) {
          throw new IllegalStateException(side + ": not every group answered within "
              + CLUSTER_UP_LIMIT + ": " + homes);
        }
        if (answeredAll != 0 && now - answeredAll > SETTLE_LIMIT.toNanos()) {
          break;
        }
      }
      double settle = System.nanoTime() - answeredAll > SETTLE_LIMIT.toNanos() ? Double.NaN
          : (System.nanoTime() - answeredAll) / 1e6;
      if (o.dryRun()) {
        drain(jobs);
        double[] none = new double[6];
        Arrays.fill(none, Double.NaN);
        return outcome(side, rep, 0, moves, settle, none, jobs);
      }

      // Kill the non-seed node with the most groups (the seed is the oldest: the coordinator).
      Map<String, String> homes = homes(jobs, keys);
      int victim = 1;
      for (int i = 2; i < o.nodes(); i++) {
        if (count(homes, ports[i]) > count(homes, ports[victim])) {
          victim = i;
        }
      }
      String victimId = String.valueOf(ports[victim]);
      List<String> lost = keys.stream().filter(k -> homes.get(k).equals(victimId)).toList();
      Address victimAddress = Address.apply("pekko", FailoverNode.SYSTEM, FailoverNode.HOST,
          ports[victim]);
      int firstJobAfterKill = jobs.size();
      nodes.get(victim).destroyForcibly();
      long killed = System.nanoTime();

      double unreachable = Double.NaN;
      double down = Double.NaN;
      double removed = Double.NaN;
      double[] recovered = {Double.NaN, Double.NaN, Double.NaN};
      while (Double.isNaN(recovered[2])
          && System.nanoTime() - killed < RECOVERY_LIMIT.toNanos()) {
        tick(keys, submit, jobs);
        CurrentClusterState state = cluster.state();
        double now = millisSince(killed);
        if (Double.isNaN(unreachable) && isUnreachable(state, victimAddress)) {
          unreachable = now;
        }
        MemberStatus status = status(state, victimAddress);
        if (Double.isNaN(down) && (status == null || status == MemberStatus.down())) {
          down = now;
        }
        if (Double.isNaN(removed) && status == null) {
          removed = now;
        }
        recovered = recoveredAt(jobs, lost, victimId, killed);
      }
      drain(jobs);
      System.out.printf(Locale.ROOT, "failover %s rep %d: killed node %d (%s) with groups %s;"
              + " %d jobs sent after the kill%n", side.label(), rep, victim + 1, victimId, lost,
          jobs.size() - firstJobAfterKill);
      return outcome(side, rep, lost.size(), moves, settle, new double[] {unreachable, down,
          removed, recovered[0], recovered[1], recovered[2]}, jobs);
    } finally {
      try {
        if (client != null) {
          client.terminate();
          client.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
      } catch (TimeoutException e) {
        System.err.println("failover: client system did not terminate in 30 s");
      } finally {
        for (Process p : nodes) {
          p.destroyForcibly();
        }
        for (Process p : nodes) {
          p.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static Function<String, CompletableFuture<Object>> submitter(Side side,
      ActorSystem client) {
    if (side == Side.ACTORPOOL) {
      ClusterPools pools = ClusterPools.get(client);
      return key -> pools.submit(FailoverNode.TYPE, key, new RemoteJob("where", key), JOB_TIMEOUT)
          .toCompletableFuture();
    }
    ActorRef region = FailoverNode.region(client);
    return key -> Patterns.ask(region, key, JOB_TIMEOUT).toCompletableFuture();
  }

  /** Sends one job to every group, then paces the stream to one tick. */
  private static void tick(List<String> keys, Function<String, CompletableFuture<Object>> submit,
      List<Job> jobs) {
    long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    for (String key : keys) {
      jobs.add(new Job(key, submit.apply(key)));
    }
    for (long left = next - System.nanoTime(); left > 0; left = next - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** Each group's node as its latest answer says; groups that never answered are absent. */
  private static Map<String, String> homes(List<Job> jobs, List<String> keys) {
    Map<String, String> homes = new HashMap<>();
    Map<String, Long> at = new HashMap<>();
    for (Job j : jobs) {
      if (j.done != 0 && j.error == null && j.done >= at.getOrDefault(j.key, 0L)) {
        homes.put(j.key, String.valueOf(j.result));
        at.put(j.key, j.done);
      }
    }
    homes.keySet().retainAll(keys);
    return homes;
  }

  private static long count(Map<String, String> homes, int port) {
    return homes.values().stream().filter(String.valueOf(port)::equals).count();
  }

  /**
   * When the first, the median and the last of the {@code lost} groups first answered from another
   * node, in ms after the kill; NaN while not enough have (a group not back counts as slowest).
   */
  private static double[] recoveredAt(List<Job> jobs, List<String> lost, String victimId,
      long killed) {
    Map<String, Long> first = new HashMap<>();
    for (Job j : jobs) {
      if (j.done > killed && j.error == null && lost.contains(j.key)
          && !victimId.equals(j.result)) {
        first.merge(j.key, j.done, Math::min);
      }
    }
    double[] back = new double[lost.size()];
    Arrays.fill(back, Double.NaN);
    int i = 0;
    for (long t : first.values()) {
      back[i++] = (t - killed) / 1e6;
    }
    Arrays.sort(back);
    return new double[] {back.length == 0 ? Double.NaN : back[0], median(back),
        back.length == 0 ? 0 : back[back.length - 1]};
  }

  /** Whether every group answered within the last {@link #FRESH} (no move is under way). */
  private static boolean allFresh(List<Job> jobs, List<String> keys, long now) {
    Map<String, Long> last = new HashMap<>();
    for (int i = jobs.size() - 1; i >= 0 && now - jobs.get(i).sent < 2 * FRESH.toNanos(); i--) {
      Job j = jobs.get(i);
      if (j.done != 0 && j.error == null) {
        last.merge(j.key, j.done, Math::max);
      }
    }
    return keys.stream().allMatch(k -> now - last.getOrDefault(k, 0L) < FRESH.toNanos());
  }

  /** Waits for every job's answer: a result, a failure or its timeout (plus the check interval). */
  private static void drain(List<Job> jobs) {
    long deadline = System.nanoTime() + JOB_TIMEOUT.plusSeconds(10).toNanos();
    while (System.nanoTime() < deadline && jobs.stream().anyMatch(j -> j.done == 0)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
    }
  }

  /** {@code phases}: unreachable, downed, removed, first, median, last group back (ms). */
  private static Run outcome(Side side, int rep, int victimGroups, long moves, double settle,
      double[] phases, List<Job> jobs) {
    long completed = 0;
    long groupLost = 0;
    long timedOut = 0;
    long other = 0;
    long unanswered = 0;
    for (Job j : jobs) {
      if (j.done == 0) {
        unanswered++;
      } else if (j.error == null) {
        completed++;
      } else if (j.error instanceof GroupLostException) {
        groupLost++;
      } else if (j.error instanceof AskTimeoutException || j.error instanceof TimeoutException) {
        timedOut++;
      } else {
        other++;
      }
    }
    return new Run(side, rep, victimGroups, moves, settle, phases[0], phases[1], phases[2],
        phases[3], phases[4], phases[5], jobs.size(), completed, groupLost, timedOut, other, unanswered);
  }

  /* ---------------- Nodes and cluster state ---------------- */

  private static Process startNode(Side side, int port, int seedPort, List<String> properties,
      File log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The same JVM flags as NodeCrashIT's nodes; INFO logs with times, for the phases.
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dpekko.loglevel=INFO",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
    properties.forEach(p -> cmd.add("-D" + p));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        FailoverNode.class.getName(), side.label(), String.valueOf(port),
        String.valueOf(seedPort)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getByName(FailoverNode.HOST)));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static long upMembers(CurrentClusterState state) {
    long up = 0;
    for (Member m : state.getMembers()) {
      if (m.status() == MemberStatus.up()) {
        up++;
      }
    }
    return up;
  }

  private static MemberStatus status(CurrentClusterState state, Address node) {
    for (Member m : state.getMembers()) {
      if (m.address().equals(node)) {
        return m.status() == MemberStatus.removed() ? null : m.status();
      }
    }
    return null;
  }

  private static boolean isUnreachable(CurrentClusterState state, Address node) {
    return state.getUnreachable().stream().anyMatch(m -> m.address().equals(node))
        || status(state, node) == null;
  }

  private static void awaitCondition(String what, Duration limit,
      java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("failover: " + what + " not reached in " + limit);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  private static double millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e6;
  }

  /* ---------------- Figures and report ---------------- */

  private static List<Figure> figures(List<Run> runs, Options o) {
    List<Figure> f = new ArrayList<>();
    f.add(new Figure("failover", "run", "all", "dryRun", o.dryRun() ? 1 : 0));
    f.add(new Figure("failover", "run", "all", "reps", o.reps()));
    f.add(new Figure("failover", "run", "all", "actorPoolAsShipped",
        o.actorPoolProperties().isEmpty() ? 1 : 0));
    f.add(new Figure("failover", "run", "all", "nodes", o.nodes()));
    f.add(new Figure("failover", "run", "all", "groups", o.groups()));
    for (Run r : runs) {
      String rep = "rep" + r.rep();
      String s = r.side().label();
      f.add(new Figure("failover", rep, s, "victimGroups", r.victimGroups()));
      f.add(new Figure("failover", rep, s, "movesBeforeKill", r.moves()));
      f.add(new Figure("failover", rep, s, "settleMs", r.settleMs()));
      f.add(new Figure("failover", rep, s, "unreachableMs", r.unreachableMs()));
      f.add(new Figure("failover", rep, s, "downMs", r.downMs()));
      f.add(new Figure("failover", rep, s, "removedMs", r.removedMs()));
      f.add(new Figure("failover", rep, s, "firstRecoveredMs", r.firstRecoveredMs()));
      f.add(new Figure("failover", rep, s, "medianRecoveredMs", r.medianRecoveredMs()));
      f.add(new Figure("failover", rep, s, "recoveryMs", r.recoveryMs()));
      f.add(new Figure("failover", rep, s, "sent", r.sent()));
      f.add(new Figure("failover", rep, s, "completed", r.completed()));
      f.add(new Figure("failover", rep, s, "groupLost", r.groupLost()));
      f.add(new Figure("failover", rep, s, "timedOut", r.timedOut()));
      f.add(new Figure("failover", rep, s, "otherFailed", r.otherFailed()));
      f.add(new Figure("failover", rep, s, "unanswered", r.unanswered()));
    }
    if (o.dryRun()) {
      return f;
    }
    double[] ratios = IntStream.rangeClosed(1, o.reps())
        .mapToDouble(rep -> recovery(runs, Side.ACTORPOOL, rep) / recovery(runs, Side.PLAIN, rep))
        .toArray();
    f.add(new Figure("failover", "median", "ratio", "recovery", median(ratios)));
    for (Side side : Side.values()) {
      double[] times = runs.stream().filter(r -> r.side() == side).mapToDouble(Run::recoveryMs)
          .toArray();
      f.add(new Figure("failover", "median", side.label(), "recoveryMs", median(times)));
      for (String metric : List.of("unanswered", "groupLost", "timedOut", "otherFailed")) {
        f.add(new Figure("failover", "total", side.label(), metric, runs.stream()
            .filter(r -> r.side() == side).mapToLong(r -> switch (metric) {
              case "unanswered" -> r.unanswered();
              case "groupLost" -> r.groupLost();
              case "timedOut" -> r.timedOut();
              default -> r.otherFailed();
            }).sum()));
      }
    }
    return f;
  }

  private static double recovery(List<Run> runs, Side side, int rep) {
    return runs.stream().filter(r -> r.side() == side && r.rep() == rep)
        .mapToDouble(Run::recoveryMs).findFirst().orElse(Double.NaN);
  }

  /** The median; NaN (not recovered) sorts last, so it counts as the slowest. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String markdown(List<Run> runs, List<Figure> figures, Options o,
      String startLoad, Path logs) {
    StringBuilder md = new StringBuilder("## Node failover\n\n");
    md.append(Machine.describe(o.command(), startLoad)).append('\n');
    md.append(String.format(Locale.ROOT, "%d node JVMs plus this JVM as client on 127.0.0.1, %d"
            + " groups (one shard each), one job per group every %d ms (submit/ask timeout %d s),"
            + " %d repetitions, the side first in a repetition alternating. Both sides:"
            + " `benchmarks/src/main/resources/failover.conf` (failure detector 1 s + 2 s, SBR"
            + " keep-majority with stable-after 3 s, remember-entities in ddata, in memory)."
            + " The kill (of the non-seed node with the most groups) waits for a steady state: every"
            + " group answered within 1 s and none moved for 6 s, at most 30 s (settled after: ms"
            + " from the first answer of every group, - if it never settled; moves: groups seen"
            + " changing node on the way). ActorPool node properties: %s. Times in ms"
            + " after the SIGKILL, as the client saw them; recovered = every group of the killed"
            + " node answered from another node. Node logs: `%s`.%n%n",
        o.nodes(), o.groups(), TICK_MILLIS, JOB_TIMEOUT.toSeconds(), o.reps(),
        o.actorPoolProperties().isEmpty() ? "as shipped" : o.actorPoolProperties(), logs));
    md.append("| rep | side | moves before the kill | settled after | groups on killed node"
        + " | unreachable | downed | removed | first group back | median group back"
        + " | recovered (all back) | jobs sent | completed | GroupLost | timed out | other failures"
        + " | unanswered (lost) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Run r : runs) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %d | %s | %s | %s | %s | %s"
              + " | %s | %d | %d | %d | %d | %d | %d |%n", r.rep(), r.side().label(), r.moves(),
          ms(r.settleMs()), r.victimGroups(), ms(r.unreachableMs()), ms(r.downMs()),
          ms(r.removedMs()), ms(r.firstRecoveredMs()), ms(r.medianRecoveredMs()),
          ms(r.recoveryMs()),
          r.sent(), r.completed(), r.groupLost(), r.timedOut(), r.otherFailed(),
          r.unanswered()));
    }
    if (!o.dryRun()) {
      double ratio = value(figures, "median", "ratio", "recovery");
      double lost = value(figures, "total", "actorpool", "unanswered");
      StringBuilder perRep = new StringBuilder();
      for (int rep = 1; rep <= o.reps(); rep++) {
        perRep.append(rep == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.2fx",
            recovery(runs, Side.ACTORPOOL, rep) / recovery(runs, Side.PLAIN, rep)));
      }
      md.append(String.format(Locale.ROOT, "%nMedian recovery: ActorPool %s ms, plain sharding %s"
              + " ms; per-repetition ratios %s, median %.2fx (goal <= %.1fx): %s. Accepted"
              + " ActorPool jobs lost (no answer at all): %d.%n", ms(value(figures, "median",
                  "actorpool", "recoveryMs")), ms(value(figures, "median", "plain", "recoveryMs")),
          perRep, ratio, GOAL, !o.actorPoolProperties().isEmpty()
              ? "diagnostic (ActorPool properties changed), not a result of the shipped library"
              : ratio <= GOAL && lost == 0 ? "met" : "NOT MET", Math.round(lost)));
    }
    return md.toString();
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static double value(List<Figure> figures, String scenario, String subject,
      String metric) {
    return figures.stream().filter(f -> f.scenario().equals(scenario)
            && f.subject().equals(subject) && f.metric().equals(metric))
        .mapToDouble(Figure::value).findFirst().orElse(Double.NaN);
  }
}
