package io.actorpool.benchmarks;

import io.actorpool.LeasedExecutor;
import io.actorpool.PoolSettings;
import io.actorpool.PoolSupervisor;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;

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

  /** A supervisor with exactly {@code pools} pools of {@code workers} threads. */
  public static ActorRef supervisor(ActorSystem system, int pools, int workers) {
    PoolSettings settings = PoolSettings.create(system)
        .withPoolBounds(pools, pools)
        .withWorkersPerPool(workers)
        .withLeaseMaxTotal(Duration.ofHours(2))
        .withDefaultLeaseDuration(LEASE_FOR);
    return system.actorOf(PoolSupervisor.props(settings), "pools");
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
