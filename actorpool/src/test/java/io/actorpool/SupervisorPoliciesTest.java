package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sizing pipeline driving a real supervisor: decisions, gating, capabilities, the veto. */
class SupervisorPoliciesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    // The shared SystemLoad actor samples rarely here, so the snapshots a test injects are the
    // ones the supervisors see.
    system = ActorSystem.create("SupervisorPoliciesTest", ConfigFactory.parseString(
        "actor-pool.system-load { sample-interval = 1h, scheduling-lag.interval = 1h }")
        .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  /** Settings from an {@code actor-pool} snippet laid over the reference block. */
  private static PoolSettings settings(String hocon) {
    Config block = ConfigFactory.parseString(hocon)
        .withFallback(system.settings().config().getConfig("actor-pool"));
    return PoolSettings.create(block);
  }

  private static ActorRef supervisor(PoolSettings settings) {
    return system.actorOf(PoolSupervisor.props(settings), "policies-" + NAMES.incrementAndGet());
  }

  private static PoolStatus status(TestKit probe, ActorRef pools) {
    pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
    return probe.expectMsgClass(PoolStatus.class);
  }

  private static TestKit decisionsOf(ActorRef pools) {
    TestKit decisions = new TestKit(system);
    system.getEventStream().subscribe(decisions.getRef(), ScalingDecision.class);
    return decisions;
  }

  /** The next decision of {@code pools} that changed the slots. */
  private static ScalingDecision nextDecision(TestKit decisions, ActorRef pools) {
    return nextDecision(decisions, pools, ScalingDecision::changed);
  }

  private static ScalingDecision nextDecision(TestKit decisions, ActorRef pools,
      java.util.function.Predicate<ScalingDecision> which) {
    String path = pools.path().toStringWithoutAddress();
    return (ScalingDecision) decisions.fishForMessage(WAIT, "decision of " + path,
        m -> ((ScalingDecision) m).supervisor().equals(path) && which.test((ScalingDecision) m));
  }

  @Test
  void units_decisionIsPublishedWithItsPolicyInputsAndReason() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings("workers-per-pool = 2, max-pools = 5"));
    TestKit decisions = decisionsOf(pools);
    pools.tell(new ScaleChanged(31), probe.getRef());
    ScalingDecision d = nextDecision(decisions, pools);
    assertEquals("units", d.policy());
    assertEquals(2, d.fromSlots());
    assertEquals(8, d.toSlots());
    assertEquals("31", d.inputs().get("units"));
    assertTrue(d.reason().contains("ceil(31 units / 10)"), d.reason());
    system.getEventStream().unsubscribe(decisions.getRef());
  }

  @Test
  void customPolicyByClassName_gatesRunningJobsBelowThePoolsSize() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings("""
        min-pools = 1, max-pools = 1, workers-per-pool = 4
        sizing {
          policy = "fixed"
          custom-policies { fixed = "io.actorpool.testpolicies.FixedSlotsPolicy" }
          fixed { slots = 1 }
        }
        """));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    for (int i = 0; i < 4; i++) {
      pools.tell(new Submit(() -> {
        peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        release.await();
        concurrent.decrementAndGet();
        return "done";
      }), probe.getRef());
    }
    probe.awaitAssert(WAIT, () -> {
      PoolStatus s = status(probe, pools);
      assertEquals(1, s.runningJobs(), "the policy allows one slot of the pool's four");
      assertEquals(3, s.queued());
      return null;
    });
    release.countDown();
    probe.receiveN(4, WAIT);
    assertEquals(1, peak.get());
  }

  @Test
  void queuePolicy_growsSlotByTickWhileJobsPileUp() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings("""
        min-pools = 1, max-pools = 4, workers-per-pool = 1
        sizing { policy = "queue", decision-interval = 100ms }
        """));
    TestKit decisions = decisionsOf(pools);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 60; i++) {
      pools.tell(new Submit(() -> {
        release.await();
        return "ok";
      }), probe.getRef());
    }
    List<Integer> steps = new java.util.ArrayList<>();
    while (steps.isEmpty() || steps.get(steps.size() - 1) < 4) {
      ScalingDecision d = nextDecision(decisions, pools);
      assertEquals("queue", d.policy());
      steps.add(d.toSlots());
    }
    assertEquals(List.of(2, 3, 4), steps, "Scaler's vanilla rule adds one slot per decision");
    assertEquals(4, status(probe, pools).total());
    release.countDown();
    probe.receiveN(60, WAIT);
    system.getEventStream().unsubscribe(decisions.getRef());
  }

  @Test
  void capabilityPolicy_scalesCpuAndGpuPoolsSeparately() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings("""
        min-pools = 1, max-pools = 8, workers-per-pool = 1
        sizing { policy = "capability", decision-interval = 100ms }
        """));
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 12; i++) {
      pools.tell(Submit.requiring(() -> {
        release.await();
        return Thread.currentThread().getName();
      }, "gpu"), probe.getRef());
    }
    for (int i = 0; i < 6; i++) {
      pools.tell(Submit.requiring(() -> {
        release.await();
        return Thread.currentThread().getName();
      }, "cpu"), probe.getRef());
    }
    probe.awaitAssert(WAIT, () -> {
      PoolStatus s = status(probe, pools);
      assertEquals(3, countPools(s, "gpu"), "ceil(12 jobs / 5 per slot) gpu pools: " + s.pools());
      assertEquals(2, countPools(s, "cpu"), "ceil(6 jobs / 5 per slot) cpu pools: " + s.pools());
      return null;
    });

    release.countDown();
    List<Object> threads = probe.receiveN(18, WAIT);
    assertEquals(12, threads.stream().filter(t -> ((String) t).contains("-gpu-worker-")).count());
    assertEquals(6, threads.stream().filter(t -> ((String) t).contains("-cpu-worker-")).count());
    probe.awaitAssert(WAIT, () -> {
      PoolStatus s = status(probe, pools);
      assertEquals(0, countPools(s, "gpu") + countPools(s, "cpu"), "idle sets go: " + s.pools());
      assertEquals(1, s.total(), "min-pools keeps one plain pool");
      return null;
    });
    pools.tell(new Submit(() -> "plain job"), probe.getRef());
    probe.expectMsg(WAIT, "plain job");
  }

  private static long countPools(PoolStatus s, String capability) {
    return s.pools().stream()
        .filter(p -> p.capabilities().equals(Set.of(capability)) && p.state() != PoolState.DRAINING)
        .count();
  }

  @Test
  void capabilityJob_withoutTheCapabilityPolicy_isRefusedClearly() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings("max-pools = 2"));
    pools.tell(Submit.requiring(() -> "never", "gpu"), probe.getRef());
    Throwable cause = probe.expectMsgClass(Status.Failure.class).cause();
    assertInstanceOf(JobRejectedException.class, cause);
    assertTrue(cause.getMessage().contains("capability policy"), cause.getMessage());
  }

  @Test
  void overload_vetoesGrowthWhateverTheDemandSays() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings("""
        max-pools = 5, workers-per-pool = 2
        # overload-memory 0s: growth may resume as soon as the load clears.
        sizing { observe-load = on, overload-memory = 0s }
        """));
    TestKit decisions = decisionsOf(pools);
    // A probe stands in for the SystemLoad actor and reports the CPU overloaded.
    pools.tell(LoadSnapshot.of(System.nanoTime(), Set.of(LoadSignal.CPU)), probe.getRef());
    pools.tell(new ScaleChanged(31), probe.getRef());
    ScalingDecision vetoed = nextDecision(decisions, pools,
        d -> d.policy().equals("overload-veto"));
    assertEquals(2, vetoed.toSlots(), "held at one pool of two workers");
    assertEquals("8", vetoed.proposals().get("units").toString());
    assertTrue(vetoed.reason().contains("cpu"), vetoed.reason());
    assertEquals(1, status(probe, pools).total());

    pools.tell(LoadSnapshot.of(System.nanoTime(), Set.of()), probe.getRef());
    pools.tell(new ScaleChanged(11), probe.getRef());
    probe.awaitAssert(WAIT, () -> {
      assertEquals(2, status(probe, pools).total(), "grows once the load has cleared");
      return null;
    });
    system.getEventStream().unsubscribe(decisions.getRef());
  }
}
