package io.actorpool.benchmarks;

import io.actorpool.AcquireLease;
import io.actorpool.ActorPool;
import io.actorpool.LeaseUnavailableException;
import io.actorpool.LeasedExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The error path of a timed acquire that cannot be served: every pool is already leased
 * ({@value #POOLS} of max-pools {@value #POOLS}), and one client asks for another with a zero wait.
 * The score is the latency until the failure arrives, as p50 and p99 ({@link Mode#SampleTime}).
 *
 * <ul>
 *   <li>{@code pool2}: {@code GenericObjectPool.borrowObject(Duration.ZERO)} on an exhausted pool,
 *       which throws {@code NoSuchElementException};
 *   <li>{@code actorpool}: {@code ask(AcquireLease(leaseFor, waitUpTo = 0))}, which is answered
 *       with {@code Status.Failure(LeaseUnavailableException)}.
 * </ul>
 *
 * <p>Goal (DESIGN.md): {@code actorpool} p99 &lt;= 5 ms.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LeaseTimeoutBenchmark}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(1)
@State(Scope.Benchmark)
public class LeaseTimeoutBenchmark {

  static final int POOLS = 2;

  @Param({"pool2", "actorpool"})
  public String kind;

  private ActorSystem system;
  private ActorRef supervisor;
  private final List<LeasedExecutor> held = new ArrayList<>();
  private GenericObjectPool<ExecutorService> pool2;
  private final AcquireLease unservable = new AcquireLease(Systems.LEASE_FOR, Duration.ZERO);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (kind.equals("pool2")) {
      pool2 = Pool2Executors.pool(POOLS);
      for (int i = 0; i < POOLS; i++) {
        pool2.borrowObject();
      }
    } else {
      system = Systems.start("lease-timeout");
      supervisor = Systems.supervisor(system, POOLS, 1);
      for (int i = 0; i < POOLS; i++) {
        held.add(ActorPool.get(system)
            .acquireLease(supervisor, Systems.LEASE_FOR, Systems.ASK_TIMEOUT)
            .toCompletableFuture().join());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    held.forEach(Systems::release);
    if (pool2 != null) {
      pool2.close();
    }
    Systems.stop(system);
  }

  @Benchmark
  public Object failedAcquire() throws Exception {
    if (pool2 != null) {
      try {
        return pool2.borrowObject(Pool2Executors.NO_WAIT);
      } catch (NoSuchElementException expected) {
        return expected;
      }
    }
    try {
      return Patterns.ask(supervisor, unservable, Systems.ASK_TIMEOUT).toCompletableFuture().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LeaseUnavailableException expected) {
        return expected;
      }
      throw e;
    }
  }
}
