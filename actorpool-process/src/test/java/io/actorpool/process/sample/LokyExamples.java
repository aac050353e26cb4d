package io.actorpool.process.sample;

import io.actorpool.ActorPool;
import io.actorpool.PoolSettings;
import io.actorpool.ReusableExecutor;
import io.actorpool.WorkerInitializer;
import io.actorpool.process.ProcessSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;

/**
 * loky's reusable-executor examples (the loky seed's "Usage Examples"), ported to ActorPool's
 * process backend: every job runs in a child JVM, as loky's run in worker processes.
 *
 * <ol>
 *   <li>basic reuse: the same executor serves two batches, and its child stops after an idle
 *       timeout of 2s ({@code timeout=2});
 *   <li>dynamic resizing: asking again with 4 workers resizes the same executor in place;
 *   <li>forcing a restart: {@code killWorkers} gives fresh children with clean state;
 *   <li>a custom initializer that runs once in each child worker thread;
 *   <li>environment variables set in the child ({@code env=...}).
 * </ol>
 *
 * <p>Run: {@code mvn -B -q -pl actorpool-process test-compile exec:java} (after {@code mvn -B -q
 * install -DskipTests} at the root). {@code LokyExamplesTest} runs it in the build.
 */
public final class LokyExamples {

  private LokyExamples() {}

  /** Options that start a child JVM fast; real deployments size the heap for their jobs. */
  static final List<String> JVM = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
      "-XX:+UseSerialGC");

  /* ---------------- The jobs: Jackson-serializable records, allow-listed by package ---------- */

  /** {@code compute_square}. */
  public record ComputeSquare(int x) implements Callable<Integer> {
    @Override
    public Integer call() {
      return x * x;
    }
  }

  /** {@code cpu_task}. */
  public record CpuTask(int x) implements Callable<Long> {
    @Override
    public Long call() {
      long sum = 0;
      for (long i = 0; i < x * 1000L; i++) {
        sum += i * i;
      }
      return sum;
    }
  }

  /** {@code worker_state_task}: leaves state in its child; returns what it found there before. */
  public record WorkerStateTask(int x) implements Callable<String> {
    static volatile String state;

    @Override
    public String call() {
      String before = state;
      state = Integer.toString(x);
      return "set " + x + " (state before: " + before + ")";
    }
  }

  /** {@code setup_worker_logging}: runs once in each child worker thread. */
  public static final class SetupWorkerLogging implements WorkerInitializer {
    static final ThreadLocal<String> PREFIX = new ThreadLocal<>();

    @Override
    public void initialize(String poolName) {
      PREFIX.set(Thread.currentThread().getName());
      // Reaches the parent's log under io.actorpool.process.<pool>.
      System.out.println(Thread.currentThread().getName() + ": Worker initialized");
    }
  }

  /** {@code logged_computation}. */
  public record LoggedComputation(int x) implements Callable<Integer> {
    @Override
    public Integer call() {
      String worker = SetupWorkerLogging.PREFIX.get();
      if (worker == null) {
        throw new IllegalStateException("the initializer did not run on this worker");
      }
      System.out.println(worker + ": Computing square of " + x);
      return x * x;
    }
  }

  /** {@code get_worker_env}. */
  public record GetWorkerEnv(String name) implements Callable<String> {
    @Override
    public String call() {
      String value = System.getenv(name);
      return name + "=" + (value == null ? "UNSET" : value);
    }
  }

  /* ---------------- The examples ---------------- */

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Runs every example, printing what loky's print; returns the printed lines. */
  public static List<String> run(PrintStream out) throws Exception {
    List<String> lines = new ArrayList<>();
    ActorSystem system = ActorSystem.create("loky-examples");
    try {
      ActorPool actorPool = ActorPool.get(system);
      PoolSettings base = PoolSettings.create(system).withPoolBounds(1, 1);
      ProcessSettings process = ProcessSettings.create(base).withJvmOptions(JVM)
          .withAllowedCallables(List.of(LokyExamples.class.getPackageName() + ".*"));

      // Basic reusable executor, with loky's timeout=2 as the idle timeout.
      PoolSettings basic = process.applyTo(base.withWorkersPerPool(4));
      basic = basic.withWorkers(basic.workers().withIdleTimeout(Duration.ofSeconds(2)));
      ReusableExecutor executor = actorPool.reusableExecutor("basic", basic);
      print(out, lines, "First batch: " + map(executor, 0, 5, ComputeSquare::new));
      ReusableExecutor again = actorPool.reusableExecutor("basic", basic);
      print(out, lines, "Second batch: " + map(again, 5, 10, ComputeSquare::new)
          + (again == executor ? " (same executor)" : " (new executor!)"));

      // Dynamic resizing.
      PoolSettings two = process.applyTo(base.withWorkersPerPool(2));
      ReusableExecutor small = actorPool.reusableExecutor("resize", two);
      List<Long> results1 = map(small, 1, 4, CpuTask::new);
      ReusableExecutor large = actorPool.reusableExecutor("resize", two.withWorkersPerPool(4));
      List<Long> results2 = map(large, 1, 9, CpuTask::new);
      print(out, lines, "Small batch: " + results1);
      print(out, lines, "Large batch: " + results2 + (large == small
          ? " (same executor, resized to " + large.settings().workersPerPool() + " workers)"
          : " (new executor!)"));

      // Forcing an executor restart.
      PoolSettings state = process.applyTo(base.withWorkersPerPool(1));
      ReusableExecutor dirty = actorPool.reusableExecutor("state", state);
      print(out, lines, "First run: " + map(dirty, 1, 3, WorkerStateTask::new));
      ReusableExecutor clean = actorPool.reusableExecutor("state", state, true);
      print(out, lines, "After restart: " + map(clean, 3, 5, WorkerStateTask::new));

      // Custom initializer.
      PoolSettings logged = process.applyTo(base.withWorkersPerPool(3));
      logged = logged.withWorkers(logged.workers().withInitializer(new SetupWorkerLogging()));
      ReusableExecutor withInit = actorPool.reusableExecutor("logging", logged);
      print(out, lines, "Results with logging: " + map(withInit, 1, 6, LoggedComputation::new));

      // Environment variables.
      PoolSettings env = process.withEnv(Map.of("PROCESSING_MODE", "parallel",
          "WORKER_POOL", "actorpool", "DEBUG_LEVEL", "2")).applyTo(base.withWorkersPerPool(2));
      ReusableExecutor withEnv = actorPool.reusableExecutor("env", env);
      for (String name : List.of("PROCESSING_MODE", "WORKER_POOL", "DEBUG_LEVEL", "PATH")) {
        String result = withEnv.submit(new GetWorkerEnv(name)).toCompletableFuture().get();
        print(out, lines, name.equals("PATH") ? "PATH=" + (result.length() > 5 ? "(set)" : result)
            : result);
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
    return lines;
  }

  private static <T> List<T> map(ReusableExecutor executor, int from, int to,
      java.util.function.IntFunction<Callable<T>> job) throws Exception {
    List<CompletionStage<T>> pending = new ArrayList<>();
    for (int i = from; i < to; i++) {
      pending.add(executor.submit(job.apply(i)));
    }
    List<T> results = new ArrayList<>();
    for (CompletionStage<T> p : pending) {
      results.add(p.toCompletableFuture().get());
    }
    return results;
  }

  private static void print(PrintStream out, List<String> lines, String line) {
    out.println(line);
    lines.add(line);
  }
}
