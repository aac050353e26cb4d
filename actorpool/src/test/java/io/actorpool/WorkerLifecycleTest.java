package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkerLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("WorkerLifecycleTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static PoolSettings onePool(int workers) {
    return PoolSettings.create(system).withPoolBounds(1, 1).withWorkersPerPool(workers);
  }

  private static ActorRef supervisor(PoolSettings settings) {
    return system.actorOf(PoolSupervisor.props(settings), "workers-" + NAMES.incrementAndGet());
  }

  private static String threadOf(TestKit probe, ActorRef pools) {
    pools.tell(new Submit(() -> Thread.currentThread().getName()), probe.getRef());
    return probe.expectMsgClass(String.class);
  }

  private static PoolStatus status(TestKit probe, ActorRef pools) {
    pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
    return probe.expectMsgClass(PoolStatus.class);
  }

  @Test
  void recycle_maxJobsPerWorker_replacesWorkerAfterItsNthJob() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.WorkerStopped.class);
    ActorRef pools = supervisor(onePool(1).withWorkers(
        onePool(1).workers().withMaxJobsPerWorker(3)));

    List<String> threads = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      threads.add(threadOf(probe, pools));
    }
    Map<String, Long> jobsPerThread = threads.stream()
        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    assertEquals(3, jobsPerThread.size(), "three workers in turn: " + threads);
    assertTrue(jobsPerThread.values().stream().allMatch(n -> n == 3), "" + jobsPerThread);
    String path = pools.path().toStringWithoutAddress();
    for (int i = 0; i < 3; i++) {
      PoolEvent.WorkerStopped stopped = (PoolEvent.WorkerStopped) events.fishForMessage(WAIT,
          "worker of " + path, e -> ((PoolEvent.WorkerStopped) e).supervisor().equals(path));
      assertEquals("max-jobs", stopped.reason());
      assertEquals(3, stopped.jobs());
    }
    system.getEventStream().unsubscribe(events.getRef());
  }

  @Test
  void recycle_maxLifetime_replacesAnAgedWorker() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(onePool(1).withWorkers(onePool(1).workers()
        .withMaxLifetime(Duration.ofMillis(300)).withMaxLifetimeVariance(0)));
    String first = threadOf(probe, pools);
    probe.awaitAssert(WAIT, () -> {
      assertNotEquals(first, threadOf(probe, pools), "a worker past its lifetime is replaced");
      return null;
    });
    assertTrue(status(probe, pools).pools().get(0).workersStarted() >= 2);
  }

  @Test
  void timeout_runningJob_isInterruptedAndCallerGetsJobTimeout() throws Exception {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(onePool(1));
    CountDownLatch interrupted = new CountDownLatch(1);
    pools.tell(new Submit(() -> {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return "ignored";
    }, Duration.ofMillis(200)), probe.getRef());

    Status.Failure failure = probe.expectMsgClass(Status.Failure.class);
    JobTimeoutException timeout = assertInstanceOf(JobTimeoutException.class, failure.cause());
    assertEquals(Duration.ofMillis(200), timeout.timeout());
    assertTrue(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    probe.expectNoMessage(Duration.ofMillis(200)); // exactly one answer
    assertEquals("next", ActorPool.get(system).submit(pools, () -> "next", WAIT)
        .toCompletableFuture().join());
  }

  @Test
  void timeout_queuedJob_isDroppedWithoutRunning() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(onePool(1));
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean ran = new AtomicBoolean();
    pools.tell(new Submit(() -> {
      release.await();
      return "first";
    }), probe.getRef());
    pools.tell(new Submit(() -> ran.getAndSet(true), Duration.ofMillis(150)), probe.getRef());

    assertInstanceOf(JobTimeoutException.class,
        probe.expectMsgClass(Status.Failure.class).cause());
    assertEquals(0, status(probe, pools).queued());
    release.countDown();
    probe.expectMsg("first");
    probe.expectNoMessage(Duration.ofMillis(200));
    assertFalse(ran.get(), "a job that timed out in the queue never runs");
  }

  @Test
  void timeout_jobIgnoringInterrupt_keepsItsWorkerCountedUntilItReturns() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(onePool(1).withWorkers(
        onePool(1).workers().withJobTimeout(Duration.ofMillis(150))));
    AtomicBoolean stubborn = new AtomicBoolean(true);
    pools.tell(new Submit(() -> {
      while (stubborn.get()) {
        Thread.onSpinWait();
      }
      return "late";
    }), probe.getRef());
    assertInstanceOf(JobTimeoutException.class,
        probe.expectMsgClass(Status.Failure.class).cause());
    assertEquals(1, status(probe, pools).runningJobs(), "honest: the worker is still busy");
    stubborn.set(false);
    probe.awaitAssert(WAIT, () -> {
      assertEquals(0, status(probe, pools).runningJobs());
      return null;
    });
    probe.expectNoMessage(Duration.ofMillis(100)); // the late result is not sent
  }

  @Test
  void poisonJob_crashingEveryWorker_failsAfterMaxJobCrashesAndIsNotRetried() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.JobCrashed.class);
    ActorRef pools = supervisor(onePool(2).withWorkers(
        onePool(2).workers().withMaxJobCrashes(3)));
    AtomicInteger attempts = new AtomicInteger();
    pools.tell(new Submit(() -> {
      attempts.incrementAndGet();
      throw new StackOverflowError("poison");
    }), probe.getRef());

    Status.Failure failure = probe.expectMsgClass(Status.Failure.class);
    WorkerCrashedException crashed = assertInstanceOf(WorkerCrashedException.class,
        failure.cause());
    assertEquals(3, crashed.crashes());
    assertInstanceOf(StackOverflowError.class, crashed.getCause());
    assertEquals(List.of(true, true, false), List.of(
        events.expectMsgClass(PoolEvent.JobCrashed.class).retried(),
        events.expectMsgClass(PoolEvent.JobCrashed.class).retried(),
        events.expectMsgClass(PoolEvent.JobCrashed.class).retried()));
    probe.expectNoMessage(Duration.ofMillis(200));
    assertEquals(3, attempts.get(), "not retried after the limit");
    assertEquals("healthy", ActorPool.get(system).submit(pools, () -> "healthy", WAIT)
        .toCompletableFuture().join());
    system.getEventStream().unsubscribe(events.getRef());
  }

  @Test
  void crash_once_isRetriedOnAFreshWorkerAndSucceeds() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(onePool(1));
    AtomicInteger attempts = new AtomicInteger();
    List<String> threads = new ArrayList<>();
    pools.tell(new Submit(() -> {
      synchronized (threads) {
        threads.add(Thread.currentThread().getName());
      }
      if (attempts.incrementAndGet() == 1) {
        throw new StackOverflowError("first time only");
      }
      return "second time lucky";
    }), probe.getRef());
    probe.expectMsg("second time lucky");
    assertEquals(2, threads.size());
    assertNotEquals(threads.get(0), threads.get(1), "the crashed worker was replaced");
  }

  @Test
  void initializerFailure_failsTheJobWithWorkerCrashed() {
    TestKit probe = new TestKit(system);
    PoolSettings settings = onePool(1);
    ActorRef pools = supervisor(settings.withWorkers(settings.workers().withMaxJobCrashes(2)
        .withInitializer(pool -> {
          throw new IllegalStateException("no config for " + pool);
        })));
    pools.tell(new Submit(() -> "never"), probe.getRef());
    WorkerCrashedException crashed = assertInstanceOf(WorkerCrashedException.class,
        probe.expectMsgClass(Status.Failure.class).cause());
    Throwable cause = crashed.getCause();
    assertTrue(cause.getMessage().contains("initializer failed"), cause.getMessage());
    assertInstanceOf(IllegalStateException.class, cause.getCause());
  }

  @Test
  void ephemeral_1000Jobs_eachGetsAWorkerAndEveryWorkerIsReaped() {
    TestKit probe = new TestKit(system);
    PoolSettings settings = PoolSettings.create(system).withPoolBounds(2, 2).withWorkersPerPool(4);
    ActorRef pools = supervisor(settings.withWorkers(
        settings.workers().withMode(WorkerMode.EPHEMERAL)));
    for (int i = 0; i < 1000; i++) {
      int id = i;
      pools.tell(new Submit(() -> id), probe.getRef());
    }
    Set<Object> answers = new HashSet<>(probe.receiveN(1000, WAIT));
    assertEquals(1000, answers.size());
    probe.awaitAssert(WAIT, () -> {
      PoolStatus s = status(probe, pools);
      assertEquals(0, s.runningJobs());
      for (PoolInfo pool : s.pools()) {
        assertEquals(0, pool.liveWorkers(), "every worker reaped: " + pool);
      }
      assertEquals(1000, s.pools().stream().mapToLong(PoolInfo::workersStarted).sum(),
          "one worker per job");
      return null;
    });
  }

  @Test
  void stopGracefully_finishesQueuedAndRunningJobsThenStops() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(onePool(1));
    probe.watch(pools);
    CountDownLatch release = new CountDownLatch(1);
    pools.tell(new Submit(() -> {
      release.await();
      return "running";
    }), probe.getRef());
    pools.tell(new Submit(() -> "queued"), probe.getRef());
    TestKit stopper = new TestKit(system);
    pools.tell(StopGracefully.INSTANCE, stopper.getRef());
    pools.tell(new Submit(() -> "too late"), probe.getRef());
    assertInstanceOf(JobRejectedException.class,
        probe.expectMsgClass(Status.Failure.class).cause());
    stopper.expectNoMessage(Duration.ofMillis(100));

    release.countDown();
    probe.expectMsg("running");
    probe.expectMsg("queued");
    stopper.expectMsg(WAIT, Done.getInstance());
    probe.expectTerminated(WAIT, pools);
  }

  @Test
  void facade_submitWithTimeout_failsWithJobTimeout() {
    ActorRef pools = supervisor(onePool(1));
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> ActorPool.get(system).submit(pools, () -> {
          new CountDownLatch(1).await();
          return "never";
        }, Duration.ofMillis(100)).toCompletableFuture().join());
    assertInstanceOf(JobTimeoutException.class, e.getCause());
  }
}
