package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SystemLoadTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("SystemLoadTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  /** Short windows so a test sees verdicts within a second: 4 samples in the current window. */
  private static SystemLoadSettings fast() {
    return SystemLoadSettings.create(ConfigFactory.parseString(
        "sample-interval = 100ms, current-window = 400ms, history = 2s"));
  }

  private static List<LoadProbe> fixed(double cpu) {
    return List.of(
        LoadProbe.of(LoadSignal.CPU, () -> cpu),
        LoadProbe.of(LoadSignal.SYSTEM_CPU, () -> 0.0),
        LoadProbe.of(LoadSignal.MEMORY, () -> 0.1),
        LoadProbe.of(LoadSignal.GC, () -> 0.0),
        LoadProbe.of(LoadSignal.SCHEDULING_LAG, () -> 0.0));
  }

  private static LoadSnapshot nextSnapshot(TestKit probe) {
    return probe.expectMsgClass(WAIT, LoadSnapshot.class);
  }

  @Test
  void cpu_allCoresSpinning_overloadedWithinTwoSamplesThenRecovers() throws Exception {
    // Real probes. On a shared, loaded CI machine our spinners may get only part of the cores,
    // so this JVM's own CPU limit is lowered from 0.95 to 0.4 and the machine-wide signal, which
    // is saturated whoever else runs, is checked too. Idle stays far below both.
    SystemLoadSettings settings = SystemLoadSettings.create(ConfigFactory.parseString(
        "sample-interval = 250ms, current-window = 500ms, history = 5s,"
            + " cpu.max-used-ratio = 0.4, system-cpu { check-overload = on,"
            + " max-used-ratio = 0.9 }"));
    TestKit probe = new TestKit(system);
    ActorRef load = system.actorOf(SystemLoad.props(settings));
    load.tell(new SubscribeLoad(probe.getRef()), ActorRef.noSender());
    nextSnapshot(probe);

    int cores = Runtime.getRuntime().availableProcessors();
    AtomicBoolean spinning = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(cores);
    List<Thread> spinners = new ArrayList<>();
    try {
      for (int i = 0; i < cores; i++) {
        Thread t = new Thread(() -> {
          started.countDown();
          long x = 0;
          while (spinning.get()) {
            x += System.nanoTime() & 1;
          }
          if (x == 42) {
            System.out.print("");
          }
        }, "spinner-" + i);
        t.setDaemon(true);
        spinners.add(t);
        t.start();
      }
      assertTrue(started.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
      // The first snapshot after the spinners started may cover an interval that was mostly
      // idle; the next two cover spinning intervals only.
      probe.receiveN(1, WAIT);
      boolean overloaded = false;
      List<LoadSnapshot> seen = new ArrayList<>();
      for (int i = 0; i < 2 && !overloaded; i++) {
        LoadSnapshot s = nextSnapshot(probe);
        seen.add(s);
        overloaded = s.overloadedSignals().contains(LoadSignal.CPU)
            || s.overloadedSignals().contains(LoadSignal.SYSTEM_CPU);
      }
      assertTrue(overloaded, "CPU not overloaded within two samples of spinning: " + seen);
    } finally {
      spinning.set(false);
      for (Thread t : spinners) {
        t.join();
      }
    }
    // This JVM's CPU recovers; the machine's may stay busy with other tenants' work.
    Object recovered = probe.fishForMessage(WAIT, "CPU recovered", m ->
        m instanceof LoadSnapshot s && !s.overloadedSignals().contains(LoadSignal.CPU));
    assertNotNull(recovered);
    system.stop(load);
  }

  @Test
  void probe_throws_reportedUnknownAndActorKeepsSampling() {
    AtomicInteger reads = new AtomicInteger();
    List<LoadProbe> probes = new ArrayList<>(fixed(0.99));
    // The memory probe fails for its first 5 reads, then works.
    probes.set(2, LoadProbe.of(LoadSignal.MEMORY, () -> {
      if (reads.incrementAndGet() <= 5) {
        throw new IllegalStateException("cgroup file vanished");
      }
      return 0.95;
    }));
    TestKit probe = new TestKit(system);
    ActorRef load = system.actorOf(SystemLoad.props(fast(), probes));
    load.tell(new SubscribeLoad(probe.getRef()), ActorRef.noSender());

    LoadSnapshot failing = nextSnapshot(probe);
    assertTrue(failing.unknownSignals().contains(LoadSignal.MEMORY));
    assertFalse(failing.overloadedSignals().contains(LoadSignal.MEMORY));
    assertTrue(Double.isNaN(failing.memory()));
    // The other signals are still judged while memory is unknown.
    probe.fishForMessage(WAIT, "CPU overloaded while memory is unknown", m ->
        m instanceof LoadSnapshot s && s.unknownSignals().contains(LoadSignal.MEMORY)
            && s.overloadedSignals().contains(LoadSignal.CPU));
    // And memory comes back, over its 0.9 limit, once the probe works again.
    probe.fishForMessage(WAIT, "memory known and overloaded again", m ->
        m instanceof LoadSnapshot s && s.unknownSignals().isEmpty()
            && s.overloadedSignals().contains(LoadSignal.MEMORY));

    TestKit asker = new TestKit(system);
    load.tell(GetLoad.INSTANCE, asker.getRef());
    assertEquals(0.95, asker.expectMsgClass(LoadSnapshot.class).memory());
    system.stop(load);
  }

  @Test
  void schedulingLag_builtInProbe_measuresSmallLagOnIdleDispatcher() {
    List<LoadProbe> probes = new ArrayList<>(fixed(0.0));
    probes.remove(4);
    TestKit probe = new TestKit(system);
    ActorRef load = system.actorOf(SystemLoad.props(
        fast().withSchedulingLagInterval(Duration.ofMillis(50)), probes));
    load.tell(new SubscribeLoad(probe.getRef()), ActorRef.noSender());
    probe.fishForMessage(WAIT, "a lag was measured", m ->
        m instanceof LoadSnapshot s && !s.unknownSignals().contains(LoadSignal.SCHEDULING_LAG)
            && s.schedulingLag().compareTo(Duration.ofSeconds(1)) < 0);
    system.stop(load);
  }

  @Test
  void unsubscribe_stopsSnapshots_andDeadSubscriberIsDropped() {
    TestKit kept = new TestKit(system);
    TestKit leaving = new TestKit(system);
    TestKit dying = new TestKit(system);
    ActorRef load = system.actorOf(SystemLoad.props(fast(), fixed(0.1)));
    for (TestKit p : List.of(kept, leaving, dying)) {
      load.tell(new SubscribeLoad(p.getRef()), ActorRef.noSender());
      nextSnapshot(p);
    }
    load.tell(new UnsubscribeLoad(leaving.getRef()), ActorRef.noSender());
    TestKit watcher = new TestKit(system);
    watcher.watch(dying.getRef());
    dying.getRef().tell(PoisonPill.getInstance(), ActorRef.noSender());
    watcher.expectTerminated(dying.getRef());
    // Drain what was in flight, then only the kept subscriber hears more.
    kept.receiveN(3, WAIT);
    leaving.receiveWhile(Duration.ofMillis(300), m -> m);
    kept.receiveN(2, WAIT);
    leaving.expectNoMessage(Duration.ofMillis(300));
    system.stop(load);
  }
}
