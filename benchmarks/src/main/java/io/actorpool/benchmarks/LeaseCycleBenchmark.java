package io.actorpool.benchmarks;

import io.actorpool.AcquireLease;
import io.actorpool.ActorPool;
import io.actorpool.LeaseGranted;
import io.actorpool.LeasedExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
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
 * The lease cycle: acquire a whole pool, run one no-op job on it and wait for the result, give
 * the pool back; at 1, 2, 8 and 32 client threads (one benchmark method per thread count, since
 * JMH cannot make the thread count a {@code @Param}). The score is the mean cycle time.
 *
 * <p>Both sides hold {@value #POOLS} pools of one worker thread each, created up front: a
 * realistic bound rather than one pool per client thread, so at 8 and 32 threads clients wait
 * for each other, as they would in production.
 *
 * <ul>
 *   <li>{@code pool2}: Commons Pool2 {@code GenericObjectPool} of single-thread executors,
 *       {@code borrowObject} (blocking, default non-fair), submit + get, {@code returnObject};
 *   <li>{@code actorpool}: {@code ActorPool.get(system).acquireLease(...)} on a supervisor with
 *       min = max = {@value #POOLS} pools, {@code LeasedExecutor.submit} + get, {@code release()}
 *       and wait until the pool is given back (FIFO waiters);
 *   <li>{@code actorpoolAsk}: the same cycle, acquiring with a plain {@code ask(AcquireLease)}
 *       instead of the facade, to isolate the facade's own cost: its {@code thenApply} on the
 *       ask's future runs on the common pool, which on 2 cores starts a thread per call.
 * </ul>
 *
 * <p>Goal (DESIGN.md): {@code actorpool} &lt;= 10x {@code pool2} at 1 thread and &lt;= 2x at 32.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LeaseCycleBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class LeaseCycleBenchmark {

  static final int POOLS = 8;

  private static final Callable<Object> NO_OP = () -> Boolean.TRUE;

  @Param({"pool2", "actorpool", "actorpoolAsk"})
  public String kind;

  private ActorSystem system;
  private ActorRef supervisor;
  private ActorPool actorPool;
  private GenericObjectPool<ExecutorService> pool2;
  private final AcquireLease acquire = new AcquireLease(Systems.LEASE_FOR, Systems.ASK_TIMEOUT);
  /** As the facade does: the supervisor answers by waitUpTo, the margin covers a gone one. */
  private static final Duration ASK_FOR_LEASE = Systems.ASK_TIMEOUT.plusSeconds(10);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (kind.equals("pool2")) {
      pool2 = Pool2Executors.pool(POOLS);
    } else {
      system = Systems.start("lease");
      supervisor = Systems.supervisor(system, POOLS, 1);
      actorPool = ActorPool.get(system);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool2 != null) {
      pool2.close();
    }
    Systems.stop(system);
  }

  private Object cycle() throws Exception {
    if (pool2 != null) {
      ExecutorService executor = pool2.borrowObject();
      try {
        return executor.submit(NO_OP).get();
      } finally {
        pool2.returnObject(executor);
      }
    }
    LeasedExecutor lease = kind.equals("actorpoolAsk")
        ? ((LeaseGranted) Patterns.ask(supervisor, acquire, ASK_FOR_LEASE)
            .toCompletableFuture().get()).executor()
        : actorPool.acquireLease(supervisor, Systems.LEASE_FOR, Systems.ASK_TIMEOUT)
            .toCompletableFuture().get();
    try {
      return lease.submit(NO_OP).toCompletableFuture().get();
    } finally {
      lease.release().toCompletableFuture().get();
    }
  }

  @Benchmark
  @Threads(1)
  public Object threads01() throws Exception {
    return cycle();
  }

  @Benchmark
  @Threads(2)
  public Object threads02() throws Exception {
    return cycle();
  }

  @Benchmark
  @Threads(8)
  public Object threads08() throws Exception {
    return cycle();
  }

  @Benchmark
  @Threads(32)
  public Object threads32() throws Exception {
    return cycle();
  }
}
