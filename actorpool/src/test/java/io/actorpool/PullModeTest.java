package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pull mode driven as Crawlee's AutoscaledPool is: run, pause, resume, abort, failures. */
class PullModeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("PullModeTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static ActorRef supervisor(PullSettings pull) {
    PoolSettings settings = PoolSettings.create(system).withPoolBounds(1, 1).withWorkersPerPool(2);
    return system.actorOf(PoolSupervisor.props(settings.withPull(pull)),
        "pull-" + NAMES.incrementAndGet());
  }

  private static ActorRef supervisor() {
    return supervisor(PoolSettings.create(system).pull());
  }

  /** A source over a queue of items; {@code task} handles one item on a worker. */
  static class QueueSource implements TaskSource {
    final ConcurrentLinkedQueue<Integer> items = new ConcurrentLinkedQueue<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final List<Long> startNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Function<Integer, Object> task;

    QueueSource(int count, Function<Integer, Object> task) {
      IntStream.range(0, count).forEach(items::add);
      this.task = task;
    }

    @Override
    public CompletionStage<Boolean> isTaskReady() {
      return CompletableFuture.completedFuture(!items.isEmpty());
    }

    @Override
    public CompletionStage<?> runTask() {
      Integer item = items.poll();
      if (item == null) {
        return CompletableFuture.completedFuture(null);
      }
      startNanos.add(System.nanoTime());
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        return CompletableFuture.completedFuture(task.apply(item));
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public CompletionStage<Boolean> isFinished() {
      return CompletableFuture.completedFuture(items.isEmpty());
    }
  }

  private static Object await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException("interrupted", e);
    }
    return null;
  }

  @Test
  void run_pullsWhileCapacityAllows_andRepliesWhenFinished() {
    TestKit probe = new TestKit(system);
    QueueSource source = new QueueSource(50, item -> item * 2);
    supervisor().tell(new Run(source), probe.getRef());
    RunCompleted done = probe.expectMsgClass(WAIT, RunCompleted.class);
    assertTrue(done.started() >= 50, done.toString());
    assertEquals(done.started(), done.succeeded());
    assertEquals(0, done.failed());
    assertTrue(source.peak.get() <= 2, "never more tasks than the two slots: " + source.peak);
  }

  @Test
  void pause_waitsForRunningTasks_startsNothingNew_andResumeFinishes() {
    TestKit probe = new TestKit(system);
    TestKit control = new TestKit(system);
    CountDownLatch release = new CountDownLatch(1);
    QueueSource source = new QueueSource(10, item -> await(release));
    ActorRef pools = supervisor();
    pools.tell(new Run(source), probe.getRef());
    control.awaitAssert(WAIT, () -> {
      assertEquals(2, source.running.get());
      return null;
    });

    pools.tell(Pause.INSTANCE, control.getRef());
    control.expectNoMessage(Duration.ofMillis(200)); // two tasks still run
    release.countDown();
    control.expectMsg(WAIT, Done.getInstance());
    int startedWhilePaused = source.startNanos.size();
    assertEquals(2, startedWhilePaused);
    control.expectNoMessage(Duration.ofMillis(200));
    assertEquals(startedWhilePaused, source.startNanos.size(), "nothing starts while paused");

    pools.tell(Resume.INSTANCE, control.getRef());
    control.expectMsg(Done.getInstance());
    RunCompleted done = probe.expectMsgClass(WAIT, RunCompleted.class);
    assertTrue(done.succeeded() >= 10, done.toString());
  }

  @Test
  void abort_interruptsRunningTasks_andFailsTheRun() {
    TestKit probe = new TestKit(system);
    TestKit control = new TestKit(system);
    AtomicInteger interrupted = new AtomicInteger();
    QueueSource source = new QueueSource(10, item -> {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
      }
      return null;
    });
    ActorRef pools = supervisor();
    pools.tell(new Run(source), probe.getRef());
    control.awaitAssert(WAIT, () -> {
      assertEquals(2, source.running.get());
      return null;
    });
    pools.tell(Abort.INSTANCE, control.getRef());
    control.expectMsg(Done.getInstance());
    assertInstanceOf(RunAbortedException.class,
        probe.expectMsgClass(Status.Failure.class).cause());
    control.awaitAssert(WAIT, () -> {
      assertEquals(2, interrupted.get());
      return null;
    });
    assertEquals(8, source.items.size(), "no task started after the abort");
  }

  @Test
  void taskException_abortsTheRunAndReachesTheSenderOfRun() {
    TestKit probe = new TestKit(system);
    QueueSource source = new QueueSource(20, item -> {
      if (item == 5) {
        throw new IllegalStateException("page 5 is broken");
      }
      return item;
    });
    supervisor().tell(new Run(source), probe.getRef());
    Throwable cause = probe.expectMsgClass(WAIT, Status.Failure.class).cause();
    assertInstanceOf(IllegalStateException.class, cause);
    assertEquals("page 5 is broken", cause.getMessage());
  }

  @Test
  void continueOnError_countsFailuresAndFinishes() {
    TestKit probe = new TestKit(system);
    QueueSource source = new QueueSource(20, item -> {
      if (item % 5 == 0) {
        throw new IllegalStateException("bad " + item);
      }
      return item;
    });
    ActorRef pools = supervisor(PoolSettings.create(system).pull().withContinueOnError(true));
    pools.tell(new Run(source), probe.getRef());
    RunCompleted done = probe.expectMsgClass(WAIT, RunCompleted.class);
    assertEquals(4, done.failed());
    assertEquals(done.started() - 4, done.succeeded());
  }

  @Test
  void taskTimeout_failsTheRunWithJobTimeout() {
    TestKit probe = new TestKit(system);
    QueueSource source = new QueueSource(3, item -> await(new CountDownLatch(1)));
    ActorRef pools = supervisor(
        PoolSettings.create(system).pull().withTaskTimeout(Duration.ofMillis(200)));
    pools.tell(new Run(source), probe.getRef());
    assertInstanceOf(JobTimeoutException.class,
        probe.expectMsgClass(WAIT, Status.Failure.class).cause());
  }

  @Test
  void maxTasksPerMinute_spacesTaskStarts() {
    TestKit probe = new TestKit(system);
    QueueSource source = new QueueSource(5, item -> item);
    ActorRef pools = supervisor(PoolSettings.create(system).pull().withMaxTasksPerMinute(600));
    pools.tell(new Run(source), probe.getRef());
    RunCompleted done = probe.expectMsgClass(WAIT, RunCompleted.class);
    assertEquals(5, done.started());
    // 600 a minute is one start every 100ms, so five starts span at least 400ms. A start is never
    // early; on a busy machine it may be late, so only the lower bound is asserted.
    assertTrue(done.took().toMillis() >= 400, "five starts in " + done.took());
  }

  @Test
  void failingReadinessCheck_failsTheRun_andASecondRunIsRefused() {
    TestKit probe = new TestKit(system);
    TestKit second = new TestKit(system);
    CountDownLatch release = new CountDownLatch(1);
    ActorRef pools = supervisor();
    QueueSource slow = new QueueSource(4, item -> await(release));
    pools.tell(new Run(slow), probe.getRef());
    pools.tell(new Run(new QueueSource(1, item -> item)), second.getRef());
    assertInstanceOf(IllegalStateException.class,
        second.expectMsgClass(Status.Failure.class).cause());
    release.countDown();
    probe.expectMsgClass(WAIT, RunCompleted.class);

    TaskSource broken = new QueueSource(1, item -> item) {
      @Override
      public CompletionStage<Boolean> isTaskReady() {
        return CompletableFuture.failedFuture(new IllegalStateException("frontier unavailable"));
      }
    };
    pools.tell(new Run(broken), probe.getRef());
    assertEquals("frontier unavailable",
        probe.expectMsgClass(WAIT, Status.Failure.class).cause().getMessage());
  }
}
