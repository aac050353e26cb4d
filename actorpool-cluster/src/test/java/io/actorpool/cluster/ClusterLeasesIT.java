package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorpool.AwaitSettled;
import io.actorpool.LeaseExpiredException;
import io.actorpool.LeaseExpiring;
import io.actorpool.LeaseInfo;
import io.actorpool.LeaseReleasedException;
import io.actorpool.LeaseRenewed;
import io.actorpool.LeaseRevoked;
import io.actorpool.PoolSettings;
import io.actorpool.PoolState;
import io.actorpool.PoolStatus;
import io.actorpool.ScaleChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.RemoteTransport;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import scala.jdk.javaapi.FutureConverters;

/**
 * Leases across nodes, three cluster nodes in one JVM on 127.0.0.1 (port 0), every node hosting
 * group type {@code leases} with equal load. A lease is always taken from a node other than the
 * one hosting the group, so every message and failure crosses nodes. The tests share the cluster
 * and run in order; the last two crash node 3, then node 2: cut off by Artery's test-mode
 * blackhole and downed, so the survivors learn of it only through its removal, as after a real
 * crash.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLeasesIT {

  private static final String TYPE = "leases";
  private static final Duration WAIT = InJvmCluster.WAIT;
  private static final Duration ASK = InJvmCluster.ASK;
  private static final Duration LEASE = Duration.ofSeconds(8);
  private static final Duration NO_WAIT = Duration.ZERO;
  private static final NodeLoad CALM = new NodeLoad(0.1, 0.1, false, 0L);

  private static final List<ActorSystem> nodes = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    Config testMode = ConfigFactory.parseString("pekko.remote.artery.advanced.test-mode = on");
    nodes.addAll(InJvmCluster.start("ClusterLeasesIT", List.of(testMode, testMode, testMode),
        i -> () -> CALM));
    PoolSettings settings = PoolSettings.create(nodes.get(0)).withPoolBounds(1, 3)
        .withWorkersPerPool(1).withDefaultLeaseDuration(LEASE).withLeaseGrace(Duration.ofSeconds(1))
        .withLeaseMaxTotal(Duration.ofSeconds(10));
    nodes.forEach(n -> ClusterPools.get(n).start(TYPE, settings));
    // Nine groups spread over the three nodes (placement is tested in ClusterPoolsIT).
    for (int i = 0; i < 9; i++) {
      pools(1).tell(TYPE, "g" + i, new ScaleChanged(1), ActorRef.noSender());
      await(pools(1).ask(TYPE, "g" + i, AwaitSettled.INSTANCE, ASK));
    }
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(TestKit::shutdownActorSystem);
  }

  private static ClusterPools pools(int node) {
    return ClusterPools.get(nodes.get(node - 1));
  }

  private static Address address(int node) {
    return Cluster.get(nodes.get(node - 1)).selfAddress();
  }

  private static <T> T await(CompletionStage<T> stage) {
    return InJvmCluster.await(stage);
  }

  private static Throwable failure(CompletionStage<?> stage) {
    CompletionException e = assertThrows(CompletionException.class, () -> await(stage));
    return e.getCause();
  }

  /** A group hosted on {@code node} now, asked from node 1. */
  private static String groupOn(int node) {
    List<String> keys = IntStream.range(0, 9).mapToObj(i -> "g" + i).toList();
    return new TestKit(nodes.get(0)).awaitAssert(WAIT, () -> {
      Map<String, String> where = InJvmCluster.placement(nodes.get(0), TYPE, keys);
      return keys.stream().filter(k -> where.get(k).equals(address(node).toString()))
          .findFirst().orElseThrow(() -> new AssertionError("no group on node " + node + ": "
              + where));
    });
  }

  /**
   * A crash as the other nodes see it: every message to and from {@code node} is dropped (Artery's
   * test-mode blackhole), so it answers nothing more and hears nothing, and node 1 downs it. The
   * other nodes learn of its end only from its removal from the cluster.
   */
  private static void crash(int node) throws ReflectiveOperationException {
    Address gone = address(node);
    // A Scala object nested in a trait's companion, which javac cannot name.
    ThrottlerTransportAdapter.Direction both = (ThrottlerTransportAdapter.Direction) Class
        .forName(ThrottlerTransportAdapter.class.getName() + "$Direction$Both$")
        .getField("MODULE$").get(null);
    for (int i = 1; i <= nodes.size(); i++) {
      ActorSystem other = nodes.get(i - 1);
      if (i != node && !other.whenTerminated().isCompleted()) {
        RemoteTransport transport =
            ((RemoteActorRefProvider) ((ExtendedActorSystem) other).provider()).transport();
        CompletionStage<Object> blackholed = FutureConverters.asJava(transport.managementCommand(
            new ThrottlerTransportAdapter.SetThrottle(gone, both,
                ThrottlerTransportAdapter.Blackhole$.MODULE$)));
        assertEquals(Boolean.TRUE, await(blackholed));
      }
    }
    Cluster.get(nodes.get(0)).down(gone);
  }

  private static PoolStatus status(String key) {
    return await(pools(1).status(TYPE, key, ASK));
  }

  private static void awaitNoLease(String key, String leaseId) {
    new TestKit(nodes.get(0)).awaitAssert(WAIT, () -> {
      PoolStatus status = status(key);
      assertTrue(status.leases().stream().noneMatch(l -> l.leaseId().equals(leaseId)),
          "lease " + leaseId + " has ended on " + key + ": " + status.leases());
      return null;
    });
  }

  @Test
  @Order(1)
  void leaseFromAnotherNode_runsJobsOnTheLeasedPool_andIsReleased() {
    String key = groupOn(1);
    RemoteLeasedExecutor lease = await(pools(2).acquireLease(TYPE, key, LEASE, NO_WAIT));
    assertEquals(address(1), lease.node());
    assertEquals(key, lease.key());
    assertTrue(lease.isActive());
    assertTrue(lease.timeLeft().compareTo(Duration.ZERO) > 0, lease.timeLeft().toString());

    assertEquals("HELLO", await(lease.submit(new RemoteJob("echo", "hello"))));
    Throwable failed = failure(lease.submit(new RemoteJob("fail", "x"), ASK));
    assertInstanceOf(RemoteJobException.class, failed);
    assertTrue(failed.getMessage().contains("IllegalStateException: boom: x"), failed.getMessage());

    // A job in flight runs on the leased pool, and the group's status shows it under the lease.
    CompletionStage<Object> working = lease.submit(new RemoteJob("work", 1_000L));
    new TestKit(nodes.get(0)).awaitAssert(WAIT, () -> {
      PoolStatus status = status(key);
      LeaseInfo info = status.leases().stream()
          .filter(l -> l.leaseId().equals(lease.leaseId())).findFirst().orElseThrow();
      assertEquals(lease.poolName(), info.pool());
      assertEquals(1, info.runningJobs(), info.toString());
      assertTrue(info.holder().contains(address(2).toString()), "held by node 2: " + info);
      assertTrue(status.pools().stream().anyMatch(p -> p.name().equals(lease.poolName())
          && p.state() == PoolState.LEASED), status.pools().toString());
      return null;
    });
    assertEquals(1_000L, await(working));

    assertEquals(Done.getInstance(), await(lease.release()));
    assertFalse(lease.isActive());
    awaitNoLease(key, lease.leaseId());
    assertInstanceOf(LeaseReleasedException.class,
        failure(lease.submit(new RemoteJob("echo", "late"))));
    assertEquals(Done.getInstance(), await(lease.release()), "release is idempotent");
  }

  @Test
  @Order(2)
  void renew_acrossNodes_movesTheDeadline_upToMaxTotal() {
    String key = groupOn(1);
    RemoteLeasedExecutor lease =
        await(pools(3).acquireLease(TYPE, key, Duration.ofSeconds(2), NO_WAIT));
    LeaseRenewed renewed = await(lease.renew(Duration.ofSeconds(3)));
    assertEquals(lease.leaseId(), renewed.leaseId());
    assertFalse(renewed.capped());
    assertTrue(renewed.untilSoftExpiry().compareTo(Duration.ofSeconds(4)) > 0, renewed.toString());
    assertTrue(lease.timeLeft().compareTo(Duration.ofSeconds(4)) > 0, lease.timeLeft().toString());

    LeaseRenewed capped = await(lease.renew(Duration.ofSeconds(60)));
    assertTrue(capped.capped(), capped.toString());
    assertTrue(capped.untilSoftExpiry().compareTo(Duration.ofSeconds(10)) <= 0, capped.toString());
    // The core's IllegalStateException crosses back with its type.
    Throwable atMax = failure(lease.renew(Duration.ofSeconds(1)));
    assertInstanceOf(IllegalStateException.class, atMax);
    assertTrue(atMax.getMessage().contains("max-total"), atMax.getMessage());

    await(lease.release());
    assertInstanceOf(LeaseReleasedException.class, failure(lease.renew(Duration.ofSeconds(1))));
  }

  @Test
  @Order(3)
  void remoteHolder_getsExpiringAndRevoked_thenSubmitsFailWithLeaseExpired() {
    String key = groupOn(1);
    TestKit holder = new TestKit(nodes.get(1));
    RemoteLeasedExecutor lease = await(
        pools(2).acquireLease(TYPE, key, Duration.ofSeconds(1), NO_WAIT, holder.getRef()));
    LeaseExpiring expiring = holder.expectMsgClass(Duration.ofSeconds(10), LeaseExpiring.class);
    assertEquals(lease.leaseId(), expiring.leaseId());
    assertEquals(Duration.ofSeconds(1), expiring.untilRevoke());
    assertEquals(lease.leaseId(),
        holder.expectMsgClass(Duration.ofSeconds(10), LeaseRevoked.class).leaseId());
    holder.awaitAssert(WAIT, () -> {
      assertFalse(lease.isActive());
      return null;
    });
    assertInstanceOf(LeaseExpiredException.class,
        failure(lease.submit(new RemoteJob("echo", "late"))));
    awaitNoLease(key, lease.leaseId());
  }

  @Test
  @Order(4)
  void holderActorOnAnotherNode_stops_releasesItsLease() {
    String key = groupOn(1);
    TestKit holder = new TestKit(nodes.get(1));
    RemoteLeasedExecutor lease =
        await(pools(2).acquireLease(TYPE, key, LEASE, NO_WAIT, holder.getRef()));
    assertTrue(status(key).leases().stream().anyMatch(l -> l.leaseId().equals(lease.leaseId())
        && l.holder().contains(address(2).toString())));

    nodes.get(1).stop(holder.getRef());
    awaitNoLease(key, lease.leaseId());
    holder.awaitAssert(WAIT, () -> {
      assertFalse(lease.isActive());
      return null;
    });
    assertInstanceOf(LeaseReleasedException.class,
        failure(lease.submit(new RemoteJob("echo", "late"))));
  }

  @Test
  @Order(5)
  void holdersNode_crashed_releasesItsLeases() throws Exception {
    String key = groupOn(1);
    TestKit holder = new TestKit(nodes.get(2));
    // One lease held by an actor on node 3, one by node 3 itself (no holder given).
    RemoteLeasedExecutor byActor =
        await(pools(3).acquireLease(TYPE, key, LEASE, NO_WAIT, holder.getRef()));
    RemoteLeasedExecutor byNode = await(pools(3).acquireLease(TYPE, key, LEASE, NO_WAIT));
    assertEquals(2, status(key).leased());

    crash(3);
    awaitNoLease(key, byActor.leaseId());
    awaitNoLease(key, byNode.leaseId());
    assertEquals(0, status(key).leased());
  }

  @Test
  @Order(6)
  void groupsNode_crashed_holderGetsLeaseLost_andJobsInFlightFailWithGroupLost()
      throws Exception {
    String key = groupOn(2);
    TestKit holder = new TestKit(nodes.get(0));
    RemoteLeasedExecutor lease =
        await(pools(1).acquireLease(TYPE, key, LEASE, NO_WAIT, holder.getRef()));
    assertEquals(address(2), lease.node());
    // Occupies the leased pool's only worker when the node goes; not a test synchronization.
    CompletionStage<Object> inFlight = lease.submit(new RemoteJob("work", 60_000L));
    new TestKit(nodes.get(0)).awaitAssert(WAIT, () -> {
      assertEquals(1, status(key).leases().get(0).runningJobs());
      return null;
    });

    crash(2);
    LeaseLost lost = holder.expectMsgClass(WAIT, LeaseLost.class);
    assertEquals(new LeaseLost(TYPE, key, lease.leaseId(), lost.reason()), lost);
    assertTrue(lost.reason().contains(address(2).toString()), lost.reason());
    assertInstanceOf(GroupLostException.class, failure(inFlight));
    assertFalse(lease.isActive());
    assertInstanceOf(GroupLostException.class,
        failure(lease.submit(new RemoteJob("echo", "late"))));
    assertInstanceOf(GroupLostException.class, failure(lease.renew(Duration.ofSeconds(1))));
    assertEquals(Done.getInstance(), await(lease.release()));
    holder.expectNoMessage();
  }
}
