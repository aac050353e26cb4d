package io.actorpool.samples;

import io.actorpool.ActorPool;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.ScaleChanged;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;

/**
 * Adaptive sizing with a {@code SizeProvider}: leasepool's {@code 04_adaptive_sizing.py}, ported.
 *
 * <p>The supervisor does not need to know what the units are: connected devices here, but
 * tenants, queues or shards work the same. The desired pool count is {@code max(min-pools,
 * ceil(units / units-per-pool))}, capped by {@code max-pools}.
 *
 * <p>Run: {@code mvn -q -pl samples exec:java} (after {@code mvn -q install -DskipTests}).
 */
public final class AdaptiveSizing {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    ActorSystem system = ActorSystem.create("adaptive-sizing");
    try {
      Set<String> connectedDevices = ConcurrentHashMap.newKeySet();
      PoolSettings settings = PoolSettings.create(system)
          .withPoolBounds(/* min= */ 1, /* max= */ 5)
          .withUnitsPerPool(10)
          .withWorkersPerPool(2)
          .withCheckInterval(Duration.ofSeconds(60));
      ActorRef pools = system.actorOf(PoolSupervisor.props(settings, connectedDevices::size),
          "pools");
      ActorPool actorPool = ActorPool.get(system);

      PoolStatus status = settle(actorPool, pools);
      System.out.println("Initial desired: " + status.desired());
      System.out.println("Initial total: " + status.total());

      for (int i = 0; i < 31; i++) {
        connectedDevices.add("device-" + i);
        // Wake the supervisor at once instead of waiting for check-interval.
        pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
      }
      status = settle(actorPool, pools);
      System.out.println("After adding 31 devices:");
      System.out.println(" desired: " + status.desired());
      System.out.println(" total: " + status.total());

      String where = actorPool.submit(pools, () -> Thread.currentThread().getName(), TIMEOUT)
          .toCompletableFuture().get();
      System.out.println(" a job ran on: " + where);

      connectedDevices.clear();
      pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
      status = settle(actorPool, pools);
      System.out.println("After removing all devices:");
      System.out.println(" desired: " + status.desired());
      System.out.println(" total: " + status.total());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  /** Waits until the pools match the target, the way the seed's sleep(0.1) hopes they do. */
  private static PoolStatus settle(ActorPool actorPool, ActorRef pools) throws Exception {
    return actorPool.awaitSettled(pools, TIMEOUT).toCompletableFuture().get();
  }
}
