package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.actorpool.AcquireLease;
import io.actorpool.AwaitSettled;
import io.actorpool.GetPoolStatus;
import io.actorpool.LeaseExpiredException;
import io.actorpool.LeaseExpiring;
import io.actorpool.LeaseInfo;
import io.actorpool.LeaseReleasedException;
import io.actorpool.LeaseRenewed;
import io.actorpool.LeaseRevoked;
import io.actorpool.PoolInfo;
import io.actorpool.PoolState;
import io.actorpool.PoolStatus;
import io.actorpool.ReleaseLease;
import io.actorpool.RenewLease;
import io.actorpool.ScaleChanged;
import io.actorpool.Submit;
import io.actorpool.UnknownLeaseException;
import io.actorpool.cluster.internal.JobWire;
import io.actorpool.cluster.internal.LeaseWire;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.serialization.JavaSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses nodes round-trips through the serializer Pekko picks for it, which
 * is never Java serialization; with {@code serialize-messages = on}, a local send proves the same
 * for messages as actors really send them.
 */
class SerializationTest {

  private static ActorSystem system;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("SerializationTest", ConfigFactory.parseString(
        "pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static Object roundTrip(Object message) {
    var serializer = serialization.findSerializerFor(message);
    assertTrue(!(serializer instanceof JavaSerializer), message + " uses Java serialization");
    byte[] bytes = serialization.serialize(message).get();
    String manifest = org.apache.pekko.serialization.Serializers.manifestFor(serializer, message);
    return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  private static PoolStatus status() {
    return new PoolStatus(2, 3, 1, 1, 1, 0, 3, 17, 2, 1, 8, 2, /* stuck= */ 0,
        /* leaseWaiters= */ 1,
        List.of(new PoolInfo("pool-1", PoolState.IDLE, 0, 2, 2, Set.of()),
            new PoolInfo("pool-2", PoolState.BUSY, 2, 2, 5, Set.of()),
            new PoolInfo("pool-3-gpu", PoolState.LEASED, 1, 1, 1, Set.of("gpu"))),
        List.of(new LeaseInfo("lease-1", "pool-3", "akka://x/user/holder",
            Duration.ofSeconds(30), Duration.ofSeconds(45), 1, false)));
  }

  @Test
  void coreProtocol_roundTripsAsCbor() {
    assertInstanceOf(org.apache.pekko.serialization.jackson.JacksonCborSerializer.class,
        serialization.findSerializerFor(new ScaleChanged(31)));
    for (Object message : List.of(new ScaleChanged(31), new ScaleChanged(0),
        GetPoolStatus.INSTANCE, AwaitSettled.INSTANCE, status())) {
      assertEquals(message, roundTrip(message));
    }
    assertTrue(((ScaleChanged) roundTrip(ScaleChanged.recheck())).isRecheck());
  }

  @Test
  void clusterMessages_roundTrip_withNestedPayloads() {
    NodeLoad load = new NodeLoad(0.25, 0.5, false, 1234L);
    List<Object> messages = List.of(
        new PoolEnvelope("tenant-1", new ScaleChanged(12)),
        new PoolEnvelope("tenant-1", GetPoolStatus.INSTANCE),
        new PoolEnvelope("tenant-1", new RemoteJob("echo", "hello")),
        new PoolEnvelope("tenant-1", new RemoteJob("work", 250L)),
        new RemoteJob("echo", null),
        load,
        new GetClusterPoolStatus("tenants"),
        new ClusterPoolStatus("tenants",
            List.of(new ClusterPoolStatus.Group("t-1", "pekko://a@127.0.0.1:1", status())),
            List.of("t-2"), Map.of("pekko://a@127.0.0.1:1", load)),
        new LeaseLost("tenants", "t-1", "lease-7", "node removed"),
        new JobWire.Tracked(7L, new RemoteJob("echo", "x"), 5000L, null),
        new JobWire.Tracked(8L, new RemoteJob("echo", "x"), 0L, "lease-3"),
        new JobWire.Accepted(7L),
        new JobWire.Outcome(7L, "X", null),
        new AcquireRemoteLease(Duration.ofSeconds(30), Duration.ZERO, null),
        new AcquireRemoteLease(Duration.ofSeconds(30), Duration.ofSeconds(1), holder()),
        granted(),
        new LeaseWire.Acquire(3L, new AcquireRemoteLease(Duration.ofSeconds(5), Duration.ZERO,
            holder())),
        new LeaseWire.Granted(3L, granted()),
        new LeaseWire.Ended("lease-2", "REVOKED", "tenant-1-pool-1 revoked and draining"),
        new LeaseWire.Ended("lease-2", LeaseWire.Ended.LOST, "the group stopped"));
    for (Object message : messages) {
      assertEquals(message, roundTrip(message));
    }
  }

  @Test
  void coreLeaseRecords_roundTripAsCbor() {
    List<Object> messages = List.of(
        new RenewLease("lease-1", Duration.ofSeconds(20)),
        new ReleaseLease("lease-1"),
        new LeaseRenewed("lease-1", Duration.ofMillis(19_990), Duration.ofSeconds(35), true),
        new LeaseExpiring("lease-1", Duration.ofSeconds(15)),
        new LeaseRevoked("lease-1"),
        new LeaseInfo("lease-1", "pool-3", "pekko://x@127.0.0.1:1/user/holder",
            Duration.ofSeconds(-2), Duration.ofSeconds(13), 0, true));
    for (Object message : messages) {
      assertInstanceOf(org.apache.pekko.serialization.jackson.JacksonCborSerializer.class,
          serialization.findSerializerFor(message), message.toString());
      assertEquals(message, roundTrip(message));
    }
  }

  @Test
  void failuresNestedInOutcomes_keepTheirTypeAndMessage() {
    for (RuntimeException e : List.of(new RemoteJobException("java.lang.IllegalStateException: x"),
        new LeaseExpiredException("lease-1 has expired"),
        new LeaseReleasedException("lease-1 was released"),
        new UnknownLeaseException("no lease [lease-9]"))) {
      for (Object message : List.of(new JobWire.Outcome(9L, null, e),
          new LeaseWire.Refused(4L, e))) {
        Object back = roundTrip(message);
        Throwable failure = (Throwable) (back instanceof JobWire.Outcome o ? o.failure()
            : ((LeaseWire.Refused) back).failure());
        assertEquals(e.getClass(), failure.getClass());
        assertEquals(e.getMessage(), failure.getMessage());
      }
    }
  }

  @Test
  void coreLeaseFailures_illegalArgumentAndState_crossWithTheirMessage() {
    Throwable arg = ((Status.Failure) roundTrip(new Status.Failure(
        new IllegalArgumentException("leaseFor must be <= max-total")))).cause();
    assertEquals(IllegalArgumentException.class, arg.getClass());
    assertEquals("leaseFor must be <= max-total", arg.getMessage());
    Throwable state = ((Status.Failure) roundTrip(new Status.Failure(
        new IllegalStateException("already runs to its max-total")))).cause();
    assertEquals(IllegalStateException.class, state.getClass());
    // An unbound subclass crosses as the nearest bound superclass.
    Throwable number = ((Status.Failure) roundTrip(new Status.Failure(
        new NumberFormatException("not a number: x")))).cause();
    assertEquals(IllegalArgumentException.class, number.getClass());
    assertEquals("not a number: x", number.getMessage());
    Throwable local = ((Status.Failure) roundTrip(new Status.Failure(
        LocalLeaseException.forGroup("t-1")))).cause();
    assertEquals(LocalLeaseException.class, local.getClass());
  }

  @Test
  void localOnlyMessages_failToSerialize_withWhatToSendInstead() {
    TestKit probe = new TestKit(system);
    List<Object> local = List.of(new Submit(() -> 42),
        new AcquireLease(Duration.ofSeconds(5), Duration.ZERO),
        new AcquireLease(Duration.ofSeconds(5), Duration.ZERO, probe.getRef()));
    for (Object message : local) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> serialization.serialize(message).get());
      assertTrue(e.getMessage().contains("cannot be sent to another node"), e.getMessage());
      assertTrue(e.getMessage().contains(message instanceof Submit ? "RemoteJob"
          : "ClusterPools.acquireLease"), e.getMessage());
    }
  }

  @Test
  void acquireLease_inEnvelope_isRefusedBeforeSending() {
    LocalLeaseException e = assertThrows(LocalLeaseException.class,
        () -> new PoolEnvelope("tenant-1", new AcquireLease(Duration.ofSeconds(5), Duration.ZERO)));
    assertTrue(e.getMessage().contains("AcquireRemoteLease"), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e);
    assertThrows(IllegalArgumentException.class,
        () -> new AcquireRemoteLease(Duration.ZERO, Duration.ZERO, null));
    assertThrows(IllegalArgumentException.class,
        () -> new AcquireRemoteLease(Duration.ofSeconds(1), Duration.ofSeconds(-1), null));
  }

  private static ActorRef holder() {
    return system.actorOf(Props.create(Echo.class, Echo::new));
  }

  private static RemoteLeaseGranted granted() {
    return new RemoteLeaseGranted("tenants", "tenant-1", "lease-2", "tenant-1-pool-1", holder(),
        Duration.ofSeconds(30), Duration.ofSeconds(45));
  }

  @Test
  void failureReplies_crossWithoutJavaSerialization() {
    for (RuntimeException e : List.of(new RemoteJobException("boom"),
        new GroupLostException("node gone"), new io.actorpool.JobRejectedException("full"))) {
      Object back = roundTrip(new Status.Failure(e));
      Throwable cause = ((Status.Failure) back).cause();
      assertEquals(e.getClass(), cause.getClass());
      assertEquals(e.getMessage(), cause.getMessage());
    }
  }

  @Test
  void serializeMessagesOn_localSendsOfClusterMessagesVerify() {
    TestKit probe = new TestKit(system);
    ActorRef echo = system.actorOf(Props.create(Echo.class, Echo::new));
    PoolEnvelope envelope = new PoolEnvelope("tenant-1", new RemoteJob("echo", "hi"));
    echo.tell(envelope, probe.getRef());
    assertEquals(envelope, probe.expectMsgClass(PoolEnvelope.class));
    echo.tell(status(), probe.getRef());
    assertEquals(status(), probe.expectMsgClass(PoolStatus.class));
  }

  @Test
  void submit_inEnvelope_isRefusedBeforeSending() {
    LocalJobException e = assertThrows(LocalJobException.class,
        () -> new PoolEnvelope("tenant-1", new Submit(() -> 42)));
    assertTrue(e.getMessage().contains("actor-pool.cluster.job-types"), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e);
  }

  static final class Echo extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(m, getSelf())).build();
    }
  }
}
