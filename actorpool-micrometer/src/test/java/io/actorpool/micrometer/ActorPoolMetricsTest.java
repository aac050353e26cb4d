package io.actorpool.micrometer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.AcquireLease;
import io.actorpool.AwaitSettled;
import io.actorpool.LeaseGranted;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.ScaleChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActorPoolMetricsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ActorPoolMetricsTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static double gauge(SimpleMeterRegistry registry, String name) {
    Gauge g = registry.find(name).gauge();
    return g == null ? Double.NaN : g.value();
  }

  @Test
  void bind_scaleAndLease_gaugesFollowAndEventsCounted() {
    TestKit probe = new TestKit(system);
    ActorRef pools = system.actorOf(PoolSupervisor.props(PoolSettings.create(system)
        .withPoolBounds(/* min= */ 1, /* max= */ 5).withUnitsPerPool(10).withWorkersPerPool(2)),
        "metered");
    // Settled first, so the start's own events are not counted and the counts below are exact.
    pools.tell(AwaitSettled.INSTANCE, probe.getRef());
    probe.expectMsgClass(WAIT, PoolStatus.class);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ActorPoolMetrics metrics = ActorPoolMetrics.bind(system, pools, registry);
    await().atMost(WAIT).until(() -> gauge(registry, "actorpool.pools.total") == 1);

    pools.tell(new ScaleChanged(31), ActorRef.noSender());
    pools.tell(AwaitSettled.INSTANCE, probe.getRef());
    probe.expectMsgClass(WAIT, PoolStatus.class);
    pools.tell(new AcquireLease(Duration.ofMinutes(1), Duration.ZERO), probe.getRef());
    probe.expectMsgClass(LeaseGranted.class);

    await().atMost(WAIT).untilAsserted(() -> {
      assertEquals(4, gauge(registry, "actorpool.pools.desired"));
      assertEquals(4, gauge(registry, "actorpool.pools.total"));
      assertEquals(1, gauge(registry, "actorpool.pools.leased"));
      assertEquals(3, gauge(registry, "actorpool.pools.idle"));
      assertEquals(31, gauge(registry, "actorpool.units"));
    });
    Counter up = registry.find("actorpool.events").tags("type", "TargetChanged", "kind", "up")
        .counter();
    assertEquals(1, up.count());
    assertEquals(3, registry.find("actorpool.events").tags("type", "PoolStarted").counter()
        .count());
    Counter granted = registry.find("actorpool.events").tags("kind", "granted").counter();
    assertEquals(1, granted.count());
    assertTrue(registry.find("actorpool.pools.total").gauge().getId().getTag("supervisor")
        .endsWith("/user/metered"));
    metrics.close();
    system.stop(pools);
  }
}
