package io.actorpool.benchmarks;

import io.actorpool.LeasedExecutor;
import io.actorpool.PoolSettings;
import io.actorpool.PoolSupervisor;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/** Starting and stopping what the benchmarks measure, the same way in every benchmark. */
public final class Systems {

  /** Long enough never to fire during a benchmark; short enough to end a hung one. */
  public static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  /** A lease that outlives any benchmark iteration. */
  public static final Duration LEASE_FOR = Duration.ofMinutes(30);

  private Systems() {}

  public static ActorSystem start(String name) {
    return ActorSystem.create(name);
  }

  /** The dispatcher tuned for two cores, from application.conf. */
  public static final String TWO_CORE_DISPATCHER = "bench-two-core-dispatcher";

  /** A supervisor with exactly {@code pools} pools of {@code workers} threads. */
  public static ActorRef supervisor(ActorSystem system, int pools, int workers) {
    return supervisor(system, pools, workers, false);
  }

  /**
   * As {@link #supervisor(ActorSystem, int, int)}; {@code twoCores} runs the supervisor actor on
   * the two-core dispatcher instead of the default one, as a user can with {@code withDispatcher}.
   */
  public static ActorRef supervisor(ActorSystem system, int pools, int workers, boolean twoCores) {
    PoolSettings settings = PoolSettings.create(system)
        .withPoolBounds(pools, pools)
        .withWorkersPerPool(workers)
        .withLeaseMaxTotal(Duration.ofHours(2))
        .withDefaultLeaseDuration(LEASE_FOR);
    Props props = PoolSupervisor.props(settings);
    return system.actorOf(twoCores ? props.withDispatcher(TWO_CORE_DISPATCHER) : props, "pools");
  }

  public static void stop(ActorSystem system) {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  public static void stop(ExecutorService executor) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  public static void release(LeasedExecutor lease) {
    if (lease != null) {
      lease.release().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }
}
