package io.actorpool.benchmarks.scenario;

import io.actorpool.ActorPool;
import io.actorpool.PoolSettings;
import io.actorpool.PoolSupervisor;
import io.actorpool.ScaleChanged;
import io.actorpool.benchmarks.Systems;
import io.actorpool.benchmarks.Work;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;

/**
 * Real jobs on real pools while a real antagonist runs: an open-loop stream of busy-work jobs at a
 * fixed rate, with each job's latency measured from its scheduled start (so a stalled submitter
 * is not forgiven), once on ActorPool and once on a static pool of as many threads.
 *
 * <p>Antagonists: {@code cpu} is one thread spinning on one core; {@code heap} is one thread
 * allocating 64 KiB arrays into a retained ring of {@value #HEAP_RING_MIB} MiB, so the collector
 * works the whole time.
 */
public final class AntagonistRun {

  static final int HEAP_RING_MIB = 256;
  /** Below G1's humongous threshold, so the antagonist churns the young generation as apps do. */
  static final int HEAP_CHUNK = 64 * 1024;
  static final int POOLS = 2;
  static final int WORKERS = 2;
  static final int JOB_MICROS = 200;
  static final int JOBS_PER_SECOND = 500;

  private AntagonistRun() {}

  /** The p99 latency, in microseconds, of jobs run during the antagonist. */
  public record Outcome(String antagonist, String pool, double p50Micros, double p99Micros,
      int jobs) {}

  /** Runs the jobs on {@code pool} ({@code static} or {@code actorpool}) under the antagonist. */
  public static Outcome run(String antagonist, String pool, Duration length) throws Exception {
    ActorSystem system = null;
    ExecutorService fixed = null;
    Consumer<Runnable> submit;
    if (pool.equals("static")) {
      fixed = Executors.newFixedThreadPool(POOLS * WORKERS);
      submit = fixed::execute;
    } else {
      system = Systems.start("antagonist");
      // Sized by units like a real deployment: 2 pools' worth of units, bounds 1..4.
      PoolSettings settings = PoolSettings.create(system).withPoolBounds(1, 4)
          .withUnitsPerPool(10).withWorkersPerPool(WORKERS);
      ActorRef supervisor = system.actorOf(PoolSupervisor.props(settings), "pools");
      supervisor.tell(new ScaleChanged(POOLS * 10), ActorRef.noSender());
      ActorPool actorPool = ActorPool.get(system);
      actorPool.awaitSettled(supervisor, Systems.ASK_TIMEOUT).toCompletableFuture().join();
      submit = job -> actorPool.submit(supervisor, () -> {
        job.run();
        return null;
      }, Systems.ASK_TIMEOUT);
    }
    try {
      return measure(antagonist, pool, length, submit);
    } finally {
      Systems.stop(system);
      Systems.stop(fixed);
    }
  }

  private static Outcome measure(String antagonist, String pool, Duration length,
      Consumer<Runnable> submit) throws Exception {
    int jobs = (int) Math.max(1, length.toMillis() * JOBS_PER_SECOND / 1000);
    long periodNanos = 1_000_000_000L / JOBS_PER_SECOND;
    long[] latency = new long[jobs];
    CountDownLatch finished = new CountDownLatch(jobs);
    AtomicInteger next = new AtomicInteger();
    Antagonist noise = Antagonist.start(antagonist);
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime() + periodNanos;
    try {
      clock.scheduleAtFixedRate(() -> {
        long now = System.nanoTime();
        // Catch up on every job whose time has come, so a late tick still submits them.
        int i;
        while ((i = next.get()) < jobs && start + i * periodNanos <= now) {
          next.incrementAndGet();
          long due = start + i * periodNanos;
          int index = i;
          submit.accept(() -> {
            Work.spin(JOB_MICROS);
            latency[index] = System.nanoTime() - due;
            finished.countDown();
          });
        }
      }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
      if (!finished.await(length.toSeconds() + 60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(pool + " did not finish its jobs under " + antagonist);
      }
    } finally {
      clock.shutdownNow();
      noise.stop();
    }
    long[] sorted = latency.clone();
    Arrays.sort(sorted);
    return new Outcome(antagonist, pool, percentile(sorted, 0.50) / 1000.0,
        percentile(sorted, 0.99) / 1000.0, jobs);
  }

  static long percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** A real busy thread or a real allocation loop, until stopped. */
  static final class Antagonist {
    private volatile boolean running = true;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    static Antagonist start(String kind) {
      Antagonist a = new Antagonist();
      Runnable body = switch (kind) {
        case "cpu" -> a::spin;
        case "heap" -> a::allocate;
        default -> throw new IllegalArgumentException("unknown antagonist " + kind);
      };
      Thread t = new Thread(() -> {
        try {
          body.run();
        } finally {
          a.done.complete(null);
        }
      }, "antagonist-" + kind);
      t.setDaemon(true);
      t.start();
      return a;
    }

    private void spin() {
      long sink = 0;
      while (running) {
        sink += Work.spin(1000);
      }
      blackhole = sink;
    }

    private void allocate() {
      byte[][] ring = new byte[HEAP_RING_MIB * (1 << 20) / HEAP_CHUNK][];
      int i = 0;
      while (running) {
        ring[i++ % ring.length] = new byte[HEAP_CHUNK];
      }
      blackhole = ring.length;
    }

    static volatile long blackhole;

    void stop() {
      running = false;
      done.orTimeout(10, TimeUnit.SECONDS).join();
    }
  }
}
