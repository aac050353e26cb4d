package io.actorpool.benchmarks;

import io.actorpool.ActorPool;
import io.actorpool.LeasedExecutor;
import io.actorpool.Submit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.routing.BalancingPool;
import org.apache.pekko.routing.RoundRobinPool;
import org.apache.pekko.routing.SmallestMailboxPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput against job size: one client keeps {@code inFlight} jobs of {@code workMicros}
 * microseconds of busy work in flight (a sliding window), {@value #JOBS} jobs per invocation, on
 * two worker threads. The score is jobs per second.
 *
 * <p>Kinds: {@code fjp} ({@code ForkJoinPool(2)}), {@code tpe} ({@code ThreadPoolExecutor(2)}),
 * Pekko {@code RoundRobinPool}, {@code BalancingPool} and {@code SmallestMailboxPool} with two
 * routees, each on the default dispatcher ({@code roundRobin}, {@code balancing},
 * {@code smallestMailbox}) and on a dispatcher tuned for two cores ({@code ...2core}, see
 * {@code bench-two-core-dispatcher} in application.conf), ActorPool {@code Submit} ({@code submit}:
 * one supervisor, min = max = 1 pool of 2 workers), the same with the supervisor actor on the
 * two-core dispatcher ({@code submit2core}), and a {@code LeasedExecutor} on such a pool
 * ({@code leased}). Actor-based kinds reply to a sink actor, as a job service replies to its
 * caller; completion is counted when the job body ends, for every kind alike.
 *
 * <p>Goals (DESIGN.md): ActorPool &gt;= 0.98x {@code fjp} at 100 us, &gt;= 0.90x at 10 us, and
 * &gt;= 0.8x the best Pekko router at no-op.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ThroughputBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@Threads(1)
@State(Scope.Benchmark)
public class ThroughputBenchmark {

  static final int JOBS = 1024;

  @Param({"fjp", "tpe", "roundRobin", "balancing", "smallestMailbox", "roundRobin2core",
      "balancing2core", "smallestMailbox2core", "submit", "submit2core", "leased"})
  public String kind;

  @Param({"0", "1", "10", "100"})
  public int workMicros;

  @Param({"1", "64", "1024"})
  public int inFlight;

  private ActorSystem system;
  private ExecutorService executor;
  private ActorRef target;
  private ActorRef sink;
  private LeasedExecutor lease;
  private Semaphore window;
  private Runnable done;
  private Runnable job;
  private BaselineActors.Job routed;
  private Submit submit;

  @Setup(Level.Trial)
  public void setUp() {
    window = new Semaphore(inFlight);
    done = window::release;
    int micros = workMicros;
    job = () -> {
      Work.spin(micros);
      window.release();
    };
    routed = new BaselineActors.Job(micros, done);
    submit = new Submit(() -> {
      long result = Work.spin(micros);
      window.release();
      return result;
    });
    switch (kind) {
      case "fjp" -> executor = new ForkJoinPool(2);
      case "tpe" -> executor = RoundTripBenchmark.twoThreads();
      case "submit", "submit2core" -> {
        startSystem();
        target = Systems.supervisor(system, 1, 2, kind.equals("submit2core"));
      }
      case "leased" -> {
        startSystem();
        target = Systems.supervisor(system, 1, 2);
        lease = ActorPool.get(system)
            .acquireLease(target, Systems.LEASE_FOR, Systems.ASK_TIMEOUT)
            .toCompletableFuture().join();
      }
      default -> {
        startSystem();
        target = system.actorOf(router(kind), kind);
      }
    }
  }

  private void startSystem() {
    system = Systems.start("throughput");
    sink = system.actorOf(BaselineActors.sink(), "sink");
  }

  private static Props router(String kind) {
    boolean tuned = kind.endsWith("2core");
    Props routee = tuned ? BaselineActors.routee().withDispatcher(Systems.TWO_CORE_DISPATCHER)
        : BaselineActors.routee();
    return switch (kind.replace("2core", "")) {
      case "roundRobin" -> new RoundRobinPool(2).props(routee);
      case "smallestMailbox" -> new SmallestMailboxPool(2).props(routee);
      // A BalancingPool builds its own dispatcher; the tuned one gets its two-core executor from
      // the deployment config of its actor name (application.conf), not from a dispatcher id.
      case "balancing" -> new BalancingPool(2).props(BaselineActors.routee());
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Systems.release(lease);
    Systems.stop(system);
    Systems.stop(executor);
  }

  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void jobs() throws InterruptedException {
    for (int i = 0; i < JOBS; i++) {
      window.acquire();
      switch (kind) {
        case "fjp", "tpe" -> executor.execute(job);
        case "submit", "submit2core" -> target.tell(submit, sink);
        case "leased" -> lease.execute(job);
        default -> target.tell(routed, sink);
      }
    }
    // Every permit back means every job of this invocation has finished.
    window.acquire(inFlight);
    window.release(inFlight);
  }
}
