package io.actorpool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.actorpool.internal.StateLine;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.Status;
import org.apache.pekko.event.Logging;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 8: the state line, LoadChanged, the MXBean, refused updates and PoolObserver. */
class ObservabilityTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ObservabilityTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static PoolSettings settings() {
    return PoolSettings.create(system).withPoolBounds(/* min= */ 1, /* max= */ 5)
        .withUnitsPerPool(10).withWorkersPerPool(2);
  }

  private static ActorRef supervisor(PoolSettings settings) {
    return system.actorOf(PoolSupervisor.props(settings), "obs-" + NAMES.incrementAndGet());
  }

  private static PoolStatus settled(TestKit probe, ActorRef pools) {
    pools.tell(AwaitSettled.INSTANCE, probe.getRef());
    return probe.expectMsgClass(WAIT, PoolStatus.class);
  }

  private static ObjectName mbeanName(ActorRef pools) throws Exception {
    return new ObjectName("io.actorpool:type=PoolSupervisor,name="
        + ObjectName.quote(pools.path().toString()));
  }

  @Test
  void stateLine_status_nameFirstThenCountsThenLoad() {
    PoolStatus s = new PoolStatus(4, 5, 2, 1, 1, 1, 7, 31, 3, 1, 8, 2, 0, 0, List.of(), List.of());
    assertEquals("pools - desired=4 total=5 idle=2 leased=1 busy=1 draining=1 queued=7"
        + " load=unknown", StateLine.format("pools", s, null));
  }

  @Test
  void loggingInterval_default60sAndOff_parsed() {
    assertEquals(Duration.ofSeconds(60), settings().loggingInterval().orElseThrow());
    PoolSettings off = PoolSettings.create(ConfigFactory.parseString("logging-interval = off"));
    assertTrue(off.loggingInterval().isEmpty());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> PoolSettings.create(ConfigFactory.parseString("logging-interval = 0s")));
    assertTrue(bad.getMessage().contains("actor-pool.logging-interval"), bad.getMessage());
  }

  @Test
  void stateLine_loggingInterval_loggedAtInfoWithNameFirst() {
    TestKit probe = new TestKit(system);
    system.getEventStream().subscribe(probe.getRef(), Logging.Info.class);
    ActorRef pools = supervisor(settings().withLoggingInterval(Duration.ofMillis(100)));
    String name = pools.path().name();
    Logging.Info line = (Logging.Info) probe.fishForMessage(WAIT, "the state line",
        m -> m instanceof Logging.Info i && String.valueOf(i.message()).startsWith(name + " - "));
    assertTrue(String.valueOf(line.message()).matches(name + " - desired=1 total=1 idle=1"
        + " leased=0 busy=0 draining=0 queued=0 load=.*"), String.valueOf(line.message()));
    system.getEventStream().unsubscribe(probe.getRef());
    system.stop(pools);
  }

  @Test
  void updateSettings_invalidChange_refusedWholeWithTheReason() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings());
    settled(probe, pools);

    pools.tell(UpdateSettings.change(s -> s.withUnitsPerPool(5).withPoolBounds(5, 3)),
        probe.getRef());
    Status.Failure refused = probe.expectMsgClass(Status.Failure.class);
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class,
        refused.cause());
    assertTrue(cause.getMessage().contains("min-pools must be <= actor-pool.max-pools, was: [5] >"
        + " [3]"), cause.getMessage());
    PoolStatus unchanged = settled(probe, pools);
    assertEquals(1, unchanged.minPools());
    assertEquals(5, unchanged.maxPools());

    pools.tell(UpdateSettings.change(s -> s.withPoolBounds(2, 4)), probe.getRef());
    probe.expectMsg(Done.getInstance());
    PoolStatus changed = settled(probe, pools);
    assertEquals(2, changed.total());
    assertEquals(4, changed.maxPools());
    system.stop(pools);
  }

  @Test
  void updateSettings_bothOrNeitherForm_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new UpdateSettings(null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new UpdateSettings(settings(), s -> s));
  }

  @Test
  void mxBean_runningSupervisor_showsStatusAndRunsOperations() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings());
    ObjectName name = mbeanName(pools);
    await().atMost(WAIT).until(() -> JMX.isRegistered(name));

    // setUnits makes Units a writable attribute, as jconsole shows it.
    JMX.setAttribute(name, new Attribute("Units", 31));
    await().atMost(WAIT).until(() -> (int) JMX.getAttribute(name, "Total") == 4);
    assertEquals(4, JMX.getAttribute(name, "Desired"));
    assertEquals(31, JMX.getAttribute(name, "Units"));
    assertEquals(4, ((String[]) JMX.getAttribute(name, "Pools")).length);
    assertTrue(((String) JMX.getAttribute(name, "StateLine")).startsWith(
        pools.path().name() + " - desired=4 total=4"));
    await().atMost(WAIT).untilAsserted(() -> assertTrue(
        Arrays.stream((String[]) JMX.getAttribute(name, "RecentEvents"))
            .anyMatch(e -> e.contains("target 1 -> 4 (units 31; ScaleChanged(31))")),
        Arrays.toString((String[]) JMX.getAttribute(name, "RecentEvents"))));

    RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
        () -> JMX.invoke(name, "setPoolBounds", new Object[] {5, 3},
            new String[] {"int", "int"}));
    assertInstanceOf(IllegalArgumentException.class, refused.getCause());
    assertTrue(refused.getCause().getMessage().contains("was: [5] > [3]"),
        refused.getCause().getMessage());

    JMX.invoke(name, "setPoolBounds", new Object[] {1, 2}, new String[] {"int", "int"});
    PoolStatus bounded = settled(probe, pools);
    assertEquals(2, bounded.total());
    await().atMost(WAIT).until(() -> (int) JMX.getAttribute(name, "MaxPools") == 2);

    JMX.invoke(name, "killWorkers", new Object[0], new String[0]);
    JMX.invoke(name, "recheck", new Object[0], new String[0]);

    pools.tell(PoisonPill.getInstance(), ActorRef.noSender());
    await().atMost(WAIT).until(() -> !JMX.isRegistered(name));
  }

  @Test
  void mxBean_jmxOff_notRegistered() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings().withJmx(false));
    settled(probe, pools);
    ObjectName name = mbeanName(pools);
    // The observer registers before it first asks for the status; its status is answered by now.
    PoolObserver observer = PoolObserver.watch(system, pools);
    await().atMost(WAIT).until(() -> observer.status().isPresent());
    assertFalse(JMX.isRegistered(name));
    observer.close();
    system.stop(pools);
  }

  @Test
  void loadChanged_overloadFlips_publishedBothWays() {
    TestKit probe = new TestKit(system);
    system.getEventStream().subscribe(probe.getRef(), PoolEvent.LoadChanged.class);
    AtomicReference<Double> cpu = new AtomicReference<>(0.0);
    SystemLoadSettings fast = SystemLoadSettings.create(ConfigFactory.parseString(
        "sample-interval = 100ms, current-window = 400ms, history = 2s"));
    ActorRef load = system.actorOf(SystemLoad.props(fast, List.of(
        LoadProbe.of(LoadSignal.CPU, cpu::get),
        LoadProbe.of(LoadSignal.SYSTEM_CPU, () -> 0.0),
        LoadProbe.of(LoadSignal.MEMORY, () -> 0.1),
        LoadProbe.of(LoadSignal.GC, () -> 0.0),
        LoadProbe.of(LoadSignal.SCHEDULING_LAG, () -> 0.0))));

    cpu.set(1.0);
    PoolEvent.LoadChanged up = probe.expectMsgClass(WAIT, PoolEvent.LoadChanged.class);
    assertTrue(up.overloaded());
    assertEquals(List.of("cpu"), up.signals());
    assertEquals(load.path().toStringWithoutAddress(), up.supervisor());

    cpu.set(0.0);
    PoolEvent.LoadChanged down = probe.expectMsgClass(WAIT, PoolEvent.LoadChanged.class);
    assertFalse(down.overloaded());
    system.getEventStream().unsubscribe(probe.getRef());
    system.stop(load);
  }

  @Test
  void poolObserver_events_seenInOrderWithStatus() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings());
    settled(probe, pools);
    List<Object> seen = new CopyOnWriteArrayList<>();
    PoolObserver observer = PoolObserver.watch(system, pools, Duration.ofMillis(200))
        .onEvery(seen::add);
    await().atMost(WAIT).until(() -> observer.status().isPresent());

    pools.tell(new ScaleChanged(25), ActorRef.noSender());
    settled(probe, pools);
    await().atMost(WAIT).until(() -> observer.status().orElseThrow().total() == 3);
    List<Object> events = new ArrayList<>(observer.recentEvents());
    // The decision comes first, with its policy; then the target it set.
    ScalingDecision decision = assertInstanceOf(ScalingDecision.class, events.get(0));
    assertEquals("units", decision.policy());
    assertInstanceOf(PoolEvent.TargetChanged.class, events.get(1));
    assertEquals(2, events.stream().filter(PoolEvent.PoolStarted.class::isInstance).count());
    assertTrue(seen.stream().anyMatch(PoolStatus.class::isInstance));
    assertTrue(observer.stateLine().startsWith(pools.path().name() + " - desired=3 total=3"));
    observer.close();
    system.stop(pools);
  }
}
