package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Kill;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolSupervisorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("PoolSupervisorTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  /** The seed's settings: min 1, max 5, 10 units per pool, 2 workers, checked every 60 s. */
  private static PoolSettings seedSettings() {
    return PoolSettings.create(system)
        .withPoolBounds(/* min= */ 1, /* max= */ 5)
        .withUnitsPerPool(10)
        .withWorkersPerPool(2)
        .withCheckInterval(Duration.ofSeconds(60));
  }

  private static ActorRef supervisor(PoolSettings settings) {
    return system.actorOf(PoolSupervisor.props(settings), "pools-" + NAMES.incrementAndGet());
  }

  private static ActorRef supervisor(PoolSettings settings, SizeProvider provider) {
    return system.actorOf(PoolSupervisor.props(settings, provider),
        "pools-" + NAMES.incrementAndGet());
  }

  private static PoolStatus status(TestKit probe, ActorRef pools) {
    pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
    return probe.expectMsgClass(PoolStatus.class);
  }

  private static PoolStatus settled(TestKit probe, ActorRef pools) {
    pools.tell(AwaitSettled.INSTANCE, probe.getRef());
    return probe.expectMsgClass(WAIT, PoolStatus.class);
  }

  @Test
  void seedScenario_31DevicesThenNone_growsTo4AndBackTo1() {
    TestKit probe = new TestKit(system);
    Set<String> devices = ConcurrentHashMap.newKeySet();
    ActorRef pools = supervisor(seedSettings(), devices::size);

    PoolStatus initial = settled(probe, pools);
    assertEquals(1, initial.desired());
    assertEquals(1, initial.total());

    for (int i = 0; i < 31; i++) {
      devices.add("device-" + i);
      pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    }
    PoolStatus grown = settled(probe, pools);
    assertEquals(4, grown.desired());
    assertEquals(4, grown.total());
    assertEquals(4, grown.idle());
    assertEquals(31, grown.units());

    devices.clear();
    pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    PoolStatus shrunk = settled(probe, pools);
    assertEquals(1, shrunk.desired());
    assertEquals(1, shrunk.total());
    // The oldest pool is the one kept.
    assertEquals("pool-1", shrunk.pools().get(0).name());
  }

  @Test
  void scaleChanged_units0To60_followsTheUnitsRuleForSeveralBounds() {
    TestKit probe = new TestKit(system);
    int[][] bounds = {{1, 5, 10}, {0, 3, 7}, {2, 8, 5}};
    for (int[] b : bounds) {
      int min = b[0];
      int max = b[1];
      int perPool = b[2];
      ActorRef pools = supervisor(
          PoolSettings.create(system).withPoolBounds(min, max).withUnitsPerPool(perPool)
              .withWorkersPerPool(1));
      for (int units = 0; units <= 60; units++) {
        pools.tell(new ScaleChanged(units), probe.getRef());
        int expected = Math.min(max, Math.max(min, (units + perPool - 1) / perPool));
        PoolStatus s = status(probe, pools);
        assertEquals(expected, s.desired(), "min=" + min + " max=" + max + " units=" + units);
        assertTrue(s.total() <= max, "total " + s.total() + " above max " + max);
        if (units % 10 == 0) {
          assertEquals(expected, settled(probe, pools).total());
        }
      }
      system.stop(pools);
    }
  }

  @Test
  void shrink_busyPoolsAboveTarget_drainThenStop() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(seedSettings());
    pools.tell(new ScaleChanged(30), probe.getRef());
    assertEquals(3, settled(probe, pools).total());

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      int id = i;
      pools.tell(new Submit(() -> {
        started.countDown();
        release.await();
        return "job-" + id;
      }), probe.getRef());
    }
    assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    PoolStatus busy = status(probe, pools);
    assertEquals(3, busy.busy(), "one job on each pool: " + busy);

    pools.tell(new ScaleChanged(0), probe.getRef());
    PoolStatus draining = status(probe, pools);
    assertEquals(1, draining.desired());
    assertEquals(3, draining.total(), "draining pools still count: " + draining);
    assertEquals(2, draining.draining());
    assertEquals(List.of(PoolState.BUSY, PoolState.DRAINING, PoolState.DRAINING),
        draining.pools().stream().map(PoolInfo::state).collect(Collectors.toList()));

    // New work goes to the pool that stays, never to a draining one.
    pools.tell(new Submit(() -> Thread.currentThread().getName()), probe.getRef());
    String thread = probe.expectMsgClass(String.class);
    assertTrue(thread.contains("-pool-1-worker-"), thread);

    release.countDown();
    Set<Object> results = new HashSet<>(probe.receiveN(3, WAIT));
    assertEquals(Set.of("job-0", "job-1", "job-2"), results);
    PoolStatus after = settled(probe, pools);
    assertEquals(1, after.total());
    assertEquals(0, after.draining());
  }

  @Test
  void signalFailure_hold_keepsLastGoodUnitsAndWarnsOncePerChange() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.SignalFailed.class);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.SignalRecovered.class);
    AtomicInteger value = new AtomicInteger(31);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ActorRef pools = supervisor(seedSettings(), () -> {
      RuntimeException f = failure.get();
      if (f != null) {
        throw f;
      }
      return value.get();
    });
    assertEquals(4, settled(probe, pools).total());

    failure.set(new IllegalStateException("registry down"));
    for (int i = 0; i < 3; i++) {
      pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    }
    PoolEvent.SignalFailed failed = events.expectMsgClass(PoolEvent.SignalFailed.class);
    assertTrue(failed.error().contains("registry down"), failed.error());
    assertEquals(31, failed.unitsUsed());
    PoolStatus held = status(probe, pools);
    assertEquals(4, held.desired());
    assertEquals(4, held.total());
    events.expectNoMessage(Duration.ofMillis(200));

    failure.set(new IllegalStateException("registry timed out"));
    pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    assertTrue(events.expectMsgClass(PoolEvent.SignalFailed.class).error().contains("timed out"));

    failure.set(null);
    value.set(5);
    pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    assertEquals(5, events.expectMsgClass(PoolEvent.SignalRecovered.class).units());
    assertEquals(1, settled(probe, pools).total());
    system.getEventStream().unsubscribe(events.getRef());
  }

  @Test
  void signalFailure_zero_fallsBackToMinPoolsAndSupervisorLives() {
    TestKit probe = new TestKit(system);
    AtomicInteger value = new AtomicInteger(31);
    ActorRef pools = supervisor(seedSettings().withOnSignalFailure(SignalFailureMode.ZERO),
        () -> {
          int v = value.get();
          if (v < 0) {
            throw new java.io.IOException("no signal");
          }
          return v;
        });
    probe.watch(pools);
    assertEquals(4, settled(probe, pools).total());

    value.set(-1);
    pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    PoolStatus zeroed = settled(probe, pools);
    assertEquals(0, zeroed.units());
    assertEquals(1, zeroed.desired());
    assertEquals(1, zeroed.total());

    pools.tell(new Submit(() -> "still serving"), probe.getRef());
    probe.expectMsg("still serving");
  }

  @Test
  void signal_negativeCount_isTreatedAsAFailure() {
    TestKit probe = new TestKit(system);
    AtomicInteger value = new AtomicInteger(25);
    ActorRef pools = supervisor(seedSettings(), value::get);
    assertEquals(3, settled(probe, pools).desired());
    value.set(-7);
    pools.tell(ScaleChanged.recheck(), ActorRef.noSender());
    PoolStatus s = status(probe, pools);
    assertEquals(25, s.units());
    assertEquals(3, s.desired());
  }

  @Test
  void submit_failingJob_reachesCallerAndPoolLivesOn() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(seedSettings());
    PoolStatus before = settled(probe, pools);

    pools.tell(new Submit(() -> {
      throw new IllegalStateException("bad input 42");
    }), probe.getRef());
    Status.Failure failure = probe.expectMsgClass(Status.Failure.class);
    assertInstanceOf(IllegalStateException.class, failure.cause());
    assertEquals("bad input 42", failure.cause().getMessage());

    pools.tell(new Submit(() -> 6 * 7), probe.getRef());
    probe.expectMsg(42);
    pools.tell(new Submit(() -> null), probe.getRef());
    probe.expectMsg(Done.getInstance());
    // The reply leaves the worker before the supervisor books the job as done.
    probe.awaitAssert(WAIT, () -> {
      PoolStatus after = status(probe, pools);
      assertEquals(before.pools().size(), after.pools().size());
      PoolInfo pool = after.pools().get(0);
      assertEquals(before.pools().get(0).name(), pool.name(), "the same pool lives on");
      assertEquals(PoolState.IDLE, pool.state());
      assertEquals(0, pool.runningJobs());
      return null;
    });
  }

  @Test
  void submit_1000ConcurrentFrom8Threads_eachAnsweredExactlyOnce() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(seedSettings().withPoolBounds(2, 4));
    pools.tell(new ScaleChanged(40), probe.getRef());
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      for (int t = 0; t < 8; t++) {
        int base = t * 125;
        clients.execute(() -> {
          for (int i = 0; i < 125; i++) {
            int id = base + i;
            pools.tell(new Submit(() -> id), probe.getRef());
          }
        });
      }
      List<Object> answers = probe.receiveN(1000, WAIT);
      Set<Integer> ids = answers.stream().map(Integer.class::cast).collect(Collectors.toSet());
      assertEquals(1000, ids.size(), "no id answered twice");
      assertTrue(ids.stream().allMatch(id -> id >= 0 && id < 1000));
      probe.expectNoMessage(Duration.ofMillis(300));
      PoolStatus after = status(probe, pools);
      assertEquals(0, after.queued());
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void submit_allWorkersBusy_queuesUpToLimitThenRejects() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(PoolSettings.create(system).withPoolBounds(1, 1)
        .withWorkersPerPool(1).withMaxQueuedJobs(1));
    CountDownLatch release = new CountDownLatch(1);
    pools.tell(new Submit(() -> {
      release.await();
      return "first";
    }), probe.getRef());
    pools.tell(new Submit(() -> "second"), probe.getRef());
    pools.tell(new Submit(() -> "third"), probe.getRef());

    Status.Failure rejected = probe.expectMsgClass(Status.Failure.class);
    assertInstanceOf(JobRejectedException.class, rejected.cause());
    assertTrue(rejected.cause().getMessage().contains("max-queued-jobs = 1"),
        rejected.cause().getMessage());
    PoolStatus s = status(probe, pools);
    assertEquals(1, s.queued());
    assertEquals(1, s.runningJobs());

    release.countDown();
    probe.expectMsg("first");
    probe.expectMsg("second");
    assertEquals(0, status(probe, pools).queued());
  }

  @Test
  void poolCrash_isRestartedWithItsRunningJobAndSupervisorSurvives() throws Exception {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.PoolCrashed.class);
    ActorRef pools = supervisor(seedSettings());
    probe.watch(pools);
    settled(probe, pools);

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    pools.tell(new Submit(() -> {
      started.countDown();
      release.await();
      return "survived";
    }), probe.getRef());
    assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    system.actorSelection(pools.path().child("pool-1")).tell(Kill.getInstance(), ActorRef.noSender());
    PoolEvent.PoolCrashed crashed = events.expectMsgClass(PoolEvent.PoolCrashed.class);
    assertEquals("pool-1", crashed.pool());

    release.countDown();
    probe.expectMsg("survived");
    pools.tell(new Submit(() -> "after crash"), probe.getRef());
    probe.expectMsg("after crash");
    PoolStatus s = settled(probe, pools);
    assertEquals(1, s.total());
    system.getEventStream().unsubscribe(events.getRef());
  }

  @Test
  void facade_submit_returnsResultNullAndFailure() {
    TestKit probe = new TestKit(system);
    ActorPool actorPool = ActorPool.get(system);
    ActorRef pools = supervisor(actorPool.settings().withWorkersPerPool(2));
    settled(probe, pools);

    assertEquals("hello", actorPool.submit(pools, () -> "hello", WAIT)
        .toCompletableFuture().join());
    assertNull(actorPool.submit(pools, () -> null, WAIT).toCompletableFuture().join());
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> actorPool.submit(pools, () -> {
          throw new ArithmeticException("divide by zero");
        }, WAIT).toCompletableFuture().join());
    assertInstanceOf(ArithmeticException.class, e.getCause());
    assertEquals(1, actorPool.status(pools, WAIT).toCompletableFuture().join().total());
  }

  @Test
  void stop_supervisor_leavesNoWorkerThreadBehind() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(seedSettings());
    pools.tell(new ScaleChanged(50), probe.getRef());
    settled(probe, pools);
    for (int i = 0; i < 10; i++) {
      pools.tell(new Submit(() -> "warm"), probe.getRef());
    }
    probe.receiveN(10, WAIT);
    String prefix = pools.path().name() + "-pool-";
    probe.watch(pools);
    system.stop(pools);
    probe.expectTerminated(WAIT, pools);
    probe.awaitAssert(WAIT, () -> {
      long alive = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith(prefix)).count();
      assertEquals(0, alive, "worker threads of " + prefix);
      return null;
    });
  }
}
