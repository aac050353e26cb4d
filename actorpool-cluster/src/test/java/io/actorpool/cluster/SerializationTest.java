package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.actorpool.AwaitSettled;
import io.actorpool.GetPoolStatus;
import io.actorpool.LeaseInfo;
import io.actorpool.PoolInfo;
import io.actorpool.PoolState;
import io.actorpool.PoolStatus;
import io.actorpool.ScaleChanged;
import io.actorpool.Submit;
import io.actorpool.cluster.internal.JobWire;
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
        new JobWire.Tracked(7L, new RemoteJob("echo", "x"), 5000L),
        new JobWire.Accepted(7L),
        new JobWire.Outcome(7L, "X", null),
        new JobWire.Outcome(8L, null, "java.lang.IllegalStateException: boom"));
    for (Object message : messages) {
      assertEquals(message, roundTrip(message));
    }
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
