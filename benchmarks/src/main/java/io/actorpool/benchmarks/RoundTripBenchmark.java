package io.actorpool.benchmarks;

import io.actorpool.ActorPool;
import io.actorpool.LeasedExecutor;
import io.actorpool.Submit;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * Job round trip, one client, a no-op job: the latency of handing one job to another thread and
 * getting its result back, as p50 and p99 ({@link Mode#SampleTime}).
 *
 * <p>Kinds, all measured in the same run:
 *
 * <ul>
 *   <li>{@code spin}: a volatile hand-off to a spinning thread, the floor of any hand-off;
 *   <li>{@code tpe}: {@code ThreadPoolExecutor(2)} submit + get;
 *   <li>{@code fjp}: {@code ForkJoinPool(2)} submit + get;
 *   <li>{@code ask}: Pekko {@code ask} to one echo actor;
 *   <li>{@code relay}: Pekko {@code ask} to a relay actor that hands the job to a 2-thread
 *       executor whose thread replies to the asker: the same hops as ActorPool's Submit path;
 *   <li>{@code submit}: ActorPool {@code Submit} via {@code ask} (one supervisor, one pool of 2
 *       workers);
 *   <li>{@code submit2core}: the same, with the supervisor actor on the dispatcher tuned for two
 *       cores ({@code Props.withDispatcher}), as the tuned Pekko baselines of the throughput
 *       benchmark;
 *   <li>{@code leased}: {@code LeasedExecutor.submit} on a leased pool of 2 workers.
 * </ul>
 *
 * <p>Goal (DESIGN.md): {@code submit} p50 &lt;= 1.2x {@code relay} p50.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RoundTripBenchmark}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Threads(1)
@State(Scope.Benchmark)
public class RoundTripBenchmark {

  @Param({"spin", "tpe", "fjp", "ask", "relay", "submit", "submit2core", "leased"})
  public String kind;

  private static final Callable<Object> NO_OP = () -> Boolean.TRUE;

  private ActorSystem system;
  private ExecutorService executor;
  private ActorRef target;
  private LeasedExecutor lease;
  private SpinHandoff spin;

  @Setup(Level.Trial)
  public void setUp() {
    switch (kind) {
      case "spin" -> spin = new SpinHandoff();
      case "tpe" -> executor = twoThreads();
      case "fjp" -> executor = new ForkJoinPool(2);
      case "ask" -> {
        system = Systems.start("roundtrip");
        target = system.actorOf(BaselineActors.echo(), "echo");
      }
      case "relay" -> {
        system = Systems.start("roundtrip");
        executor = twoThreads();
        target = system.actorOf(BaselineActors.relay(executor), "relay");
      }
      case "submit", "submit2core" -> {
        system = Systems.start("roundtrip");
        target = Systems.supervisor(system, 1, 2, kind.equals("submit2core"));
      }
      case "leased" -> {
        system = Systems.start("roundtrip");
        target = Systems.supervisor(system, 1, 2);
        lease = ActorPool.get(system)
            .acquireLease(target, Systems.LEASE_FOR, Systems.ASK_TIMEOUT)
            .toCompletableFuture().join();
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (spin != null) {
      spin.stop();
    }
    Systems.release(lease);
    Systems.stop(system);
    Systems.stop(executor);
  }

  @Benchmark
  public Object roundTrip() throws Exception {
    return switch (kind) {
      case "spin" -> spin.roundTrip();
      case "tpe", "fjp" -> executor.submit(NO_OP).get();
      case "ask", "relay" -> Patterns.ask(target, Boolean.TRUE, Systems.ASK_TIMEOUT)
          .toCompletableFuture().get();
      case "submit", "submit2core" -> Patterns.ask(target, new Submit(NO_OP), Systems.ASK_TIMEOUT)
          .toCompletableFuture().get();
      case "leased" -> lease.submit(NO_OP).toCompletableFuture().get();
      default -> throw new IllegalStateException(kind);
    };
  }

  static ThreadPoolExecutor twoThreads() {
    return new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
  }

  /** A server thread that spins on a volatile request slot and answers in a volatile reply slot. */
  static final class SpinHandoff {
    private volatile long request;
    private volatile long reply;
    private volatile boolean running = true;
    private long seq;
    private final Thread server;

    SpinHandoff() {
      server = new Thread(() -> {
        long seen = 0;
        while (running) {
          long r = request;
          if (r != seen) {
            seen = r;
            reply = r;
          } else {
            Thread.onSpinWait();
          }
        }
      }, "spin-server");
      server.setDaemon(true);
      server.start();
    }

    long roundTrip() {
      long id = ++seq;
      request = id;
      while (reply != id) {
        Thread.onSpinWait();
      }
      return id;
    }

    void stop() {
      running = false;
    }
  }
}
