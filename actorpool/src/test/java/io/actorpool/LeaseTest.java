package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeaseTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("LeaseTest");
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static PoolSettings settings(int maxPools, int workers) {
    return PoolSettings.create(system)
        .withPoolBounds(/* min= */ 1, maxPools)
        .withWorkersPerPool(workers)
        .withLeaseGrace(Duration.ofMillis(300))
        .withLeaseRevokeTimeout(Duration.ofMillis(300));
  }

  private static ActorRef supervisor(PoolSettings settings) {
    return system.actorOf(PoolSupervisor.props(settings), "leases-" + NAMES.incrementAndGet());
  }

  private static LeasedExecutor acquire(TestKit holder, ActorRef pools, Duration leaseFor) {
    pools.tell(new AcquireLease(leaseFor, Duration.ZERO), holder.getRef());
    return holder.expectMsgClass(LeaseGranted.class).executor();
  }

  private static PoolStatus status(TestKit probe, ActorRef pools) {
    pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
    return probe.expectMsgClass(PoolStatus.class);
  }

  private static PoolStatus settled(TestKit probe, ActorRef pools) {
    pools.tell(AwaitSettled.INSTANCE, probe.getRef());
    return probe.expectMsgClass(WAIT, PoolStatus.class);
  }

  private static Throwable failureOf(java.util.concurrent.CompletionStage<?> stage) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> stage.toCompletableFuture().join());
    return e.getCause();
  }

  @Test
  void acquire_idlePool_grantsItAndListsTheLease() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(2, 2));
    LeasedExecutor lease = acquire(holder, pools, Duration.ofSeconds(30));
    assertEquals("pool-1", lease.poolName());
    assertEquals(42, lease.submit(() -> 42).toCompletableFuture().join());

    PoolStatus s = status(holder, pools);
    assertEquals(1, s.leased());
    assertEquals(1, s.leases().size());
    LeaseInfo info = s.leases().get(0);
    assertEquals(lease.leaseId(), info.leaseId());
    assertEquals("pool-1", info.pool());
    assertEquals(holder.getRef().path().toString(), info.holder());
    assertTrue(info.untilSoftExpiry().compareTo(Duration.ofSeconds(29)) > 0, info.toString());
    assertEquals(info.untilSoftExpiry().plusMillis(300), info.untilHardExpiry());
  }

  @Test
  void acquire_noIdlePoolBelowMax_startsANewPool() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(3, 1));
    LeasedExecutor first = acquire(holder, pools, LONG);
    LeasedExecutor second = acquire(holder, pools, LONG);
    assertNotEquals(first.poolName(), second.poolName());
    PoolStatus s = status(holder, pools);
    assertEquals(2, s.total());
    assertEquals(2, s.leased());
  }

  @Test
  void acquire_zeroWaitAtMaxPools_failsAtOnce() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1));
    acquire(holder, pools, LONG);
    pools.tell(new AcquireLease(LONG, Duration.ZERO), holder.getRef());
    Status.Failure failure = holder.expectMsgClass(Status.Failure.class);
    assertInstanceOf(LeaseUnavailableException.class, failure.cause());
    assertTrue(failure.cause().getMessage().contains("1 leased"), failure.cause().getMessage());
    assertEquals(0, status(holder, pools).leaseWaiters());
  }

  @Test
  void acquire_timedWaitAtMaxPools_failsWithin50msOfTheWait() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1));
    acquire(holder, pools, LONG);
    Duration wait = Duration.ofMillis(300);
    long start = System.nanoTime();
    pools.tell(new AcquireLease(LONG, wait), holder.getRef());
    Status.Failure failure = holder.expectMsgClass(Status.Failure.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    LeaseUnavailableException unavailable =
        assertInstanceOf(LeaseUnavailableException.class, failure.cause());
    assertTrue(took.compareTo(wait) >= 0, "failed early, after " + took);
    // The supervisor's own measure of the wait; the delivery of the reply to this thread on a
    // busy machine is not the supervisor's to bound.
    Duration waited = unavailable.waited().orElseThrow();
    assertTrue(waited.compareTo(wait) >= 0, "refused early, after " + waited);
    Duration tolerance = holder.dilated(Duration.ofMillis(50));
    assertTrue(waited.compareTo(wait.plus(tolerance)) <= 0, "refused late, after " + waited);
  }

  @Test
  void acquire_threeWaiters_areServedInArrivalOrder() {
    TestKit first = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1));
    LeasedExecutor held = acquire(first, pools, LONG);
    List<TestKit> waiters = List.of(new TestKit(system), new TestKit(system), new TestKit(system));
    for (TestKit w : waiters) {
      pools.tell(new AcquireLease(LONG, WAIT), w.getRef());
      // Each request is queued before the next one is sent.
      assertEquals(waiters.indexOf(w) + 1, status(first, pools).leaseWaiters());
    }
    held.release().toCompletableFuture().join();
    for (int i = 0; i < waiters.size(); i++) {
      LeasedExecutor next = waiters.get(i).expectMsgClass(LeaseGranted.class).executor();
      for (int later = i + 1; later < waiters.size(); later++) {
        waiters.get(later).expectNoMessage(Duration.ofMillis(50));
      }
      next.release().toCompletableFuture().join();
    }
    assertEquals(0, status(first, pools).leased());
  }

  @Test
  void expiry_softThenGrace_warnsHolderThenRevokes() {
    TestKit holder = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.LeaseChanged.class);
    ActorRef pools = supervisor(settings(2, 1));
    LeasedExecutor lease = acquire(holder, pools, Duration.ofMillis(300));

    LeaseExpiring expiring = holder.expectMsgClass(LeaseExpiring.class);
    assertEquals(lease.leaseId(), expiring.leaseId());
    assertEquals(Duration.ofMillis(300), expiring.untilRevoke());
    assertTrue(lease.isActive(), "still usable during the grace period");
    assertEquals("in grace", lease.submit(() -> "in grace").toCompletableFuture().join());

    assertEquals(lease.leaseId(), holder.expectMsgClass(LeaseRevoked.class).leaseId());
    assertFalse(lease.isActive());
    assertInstanceOf(LeaseExpiredException.class, failureOf(lease.submit(() -> "too late")));
    assertThrows(java.util.concurrent.RejectedExecutionException.class,
        () -> lease.execute(() -> { }));

    List<PoolEvent.LeaseStep> steps = new java.util.ArrayList<>();
    events.receiveWhile(WAIT, Duration.ofMillis(500), 3, ev -> {
      PoolEvent.LeaseChanged c = (PoolEvent.LeaseChanged) ev;
      if (c.leaseId().equals(lease.leaseId())) {
        steps.add(c.step());
      }
      return c;
    });
    assertEquals(List.of(PoolEvent.LeaseStep.GRANTED, PoolEvent.LeaseStep.EXPIRING,
        PoolEvent.LeaseStep.REVOKED), steps);
    system.getEventStream().unsubscribe(events.getRef());
    // The revoked pool is replaced once its threads end.
    PoolStatus after = settled(holder, pools);
    assertEquals(1, after.total());
    assertEquals(0, after.leased());
  }

  @Test
  void revoke_interruptsRunningAndFailsQueuedWork() throws Exception {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1));
    LeasedExecutor lease = acquire(holder, pools, Duration.ofMillis(200));
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> running = lease.submit(() -> {
      started.countDown();
      new CountDownLatch(1).await();
      return "never";
    }).toCompletableFuture();
    CompletableFuture<String> queued = lease.submit(() -> "queued").toCompletableFuture();
    assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    holder.expectMsgClass(LeaseExpiring.class);
    holder.expectMsgClass(LeaseRevoked.class);
    Throwable interrupted = failureOf(running);
    assertInstanceOf(LeaseExpiredException.class, interrupted);
    assertInstanceOf(InterruptedException.class, interrupted.getCause());
    assertInstanceOf(LeaseExpiredException.class, failureOf(queued));
    PoolStatus after = settled(holder, pools);
    assertEquals(1, after.total());
    assertEquals("pool-2", after.pools().get(0).name());
  }

  @Test
  void revoke_jobIgnoringInterrupts_staysCountedAndStuckUntilItEnds() throws Exception {
    TestKit holder = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.LeaseChanged.class);
    ActorRef pools = supervisor(settings(1, 1));
    LeasedExecutor lease = acquire(holder, pools, Duration.ofMillis(200));
    AtomicBoolean stubborn = new AtomicBoolean(true);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> job = lease.submit(() -> {
      started.countDown();
      while (stubborn.get()) {
        Thread.onSpinWait(); // ignores interrupts on purpose
      }
      return "finished anyway";
    }).toCompletableFuture();
    assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    holder.expectMsgClass(LeaseExpiring.class);
    holder.expectMsgClass(LeaseRevoked.class);
    events.fishForMessage(WAIT, "stuck event",
        ev -> ((PoolEvent.LeaseChanged) ev).step() == PoolEvent.LeaseStep.STUCK);
    PoolStatus stuck = status(holder, pools);
    assertEquals(1, stuck.total(), "the stuck pool fills max-pools: " + stuck);
    assertEquals(1, stuck.stuck());
    assertEquals(1, stuck.draining());
    assertEquals(PoolState.STUCK, stuck.pools().get(0).state());
    // No replacement while it is stuck: that would exceed max-pools.
    pools.tell(new AcquireLease(LONG, Duration.ZERO), holder.getRef());
    assertInstanceOf(LeaseUnavailableException.class,
        holder.expectMsgClass(Status.Failure.class).cause());

    stubborn.set(false);
    assertEquals("finished anyway", job.join());
    PoolStatus after = settled(holder, pools);
    assertEquals(1, after.total());
    assertEquals(0, after.stuck());
    assertEquals(PoolState.IDLE, after.pools().get(0).state());
    system.getEventStream().unsubscribe(events.getRef());
  }

  @Test
  void holderStops_leaseReleasedAtOnce_runningFinishesQueuedCancelled() throws Exception {
    TestKit holder = new TestKit(system);
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1));
    LeasedExecutor lease = acquire(holder, pools, LONG);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> running = lease.submit(() -> {
      started.countDown();
      release.await();
      return "finished";
    }).toCompletableFuture();
    CompletableFuture<String> queued = lease.submit(() -> "queued").toCompletableFuture();
    assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    system.stop(holder.getRef());
    probe.within(Duration.ofSeconds(1), () -> {
      probe.awaitAssert(() -> {
        assertFalse(lease.isActive());
        assertInstanceOf(LeaseReleasedException.class, failureOf(queued));
        return null;
      });
      return null;
    });
    assertFalse(running.isDone(), "running work is not interrupted");
    release.countDown();
    assertEquals("finished", running.join());
    lease.release().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    PoolStatus after = settled(probe, pools);
    assertEquals(0, after.leased());
    assertEquals(1, after.idle());
  }

  @Test
  void renew_movesDeadlineUpToMaxTotal() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1)
        .withDefaultLeaseDuration(Duration.ofSeconds(10))
        .withLeaseMaxTotal(Duration.ofSeconds(20)));
    LeasedExecutor lease = acquire(holder, pools, Duration.ofSeconds(10));

    LeaseRenewed renewed = lease.renew(Duration.ofSeconds(5)).toCompletableFuture().join();
    assertFalse(renewed.capped());
    assertTrue(renewed.untilSoftExpiry().compareTo(Duration.ofSeconds(14)) > 0, "" + renewed);
    assertTrue(renewed.untilSoftExpiry().compareTo(Duration.ofSeconds(15)) <= 0, "" + renewed);

    LeaseRenewed capped = lease.renew(Duration.ofMinutes(1)).toCompletableFuture().join();
    assertTrue(capped.capped());
    assertTrue(capped.untilSoftExpiry().compareTo(Duration.ofSeconds(20)) <= 0, "" + capped);

    Throwable atMax = failureOf(lease.renew(Duration.ofSeconds(1)));
    assertInstanceOf(IllegalStateException.class, atMax);
    assertTrue(atMax.getMessage().contains("max-total"), atMax.getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        failureOf(lease.renew(Duration.ofSeconds(-1))));

    lease.release().toCompletableFuture().join();
    assertInstanceOf(LeaseReleasedException.class,
        failureOf(lease.renew(Duration.ofSeconds(1))));
  }

  @Test
  void renew_duringGrace_savesTheLease() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1).withLeaseGrace(Duration.ofSeconds(5)));
    LeasedExecutor lease = acquire(holder, pools, Duration.ofMillis(200));
    holder.expectMsgClass(LeaseExpiring.class);
    LeaseRenewed renewed = lease.renew(Duration.ofSeconds(30)).toCompletableFuture().join();
    assertTrue(renewed.untilSoftExpiry().compareTo(Duration.ofSeconds(29)) > 0, "" + renewed);
    holder.expectNoMessage(Duration.ofMillis(300));
    assertTrue(lease.isActive());
  }

  @Test
  void release_twice_isIdempotentAndWaitsForSubmittedWork() throws Exception {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(1, 1));
    LeasedExecutor lease = acquire(holder, pools, LONG);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> work = lease.submit(() -> {
      finish.await();
      return "done";
    }).toCompletableFuture();

    CompletableFuture<Done> first = lease.release().toCompletableFuture();
    CompletableFuture<Done> second = lease.release().toCompletableFuture();
    assertInstanceOf(LeaseReleasedException.class, failureOf(lease.submit(() -> "late")));
    assertFalse(first.isDone(), "the pool comes back only when submitted work finishes");
    PoolStatus releasing = status(holder, pools);
    assertEquals(1, releasing.leased());
    assertTrue(releasing.leases().get(0).released());

    finish.countDown();
    assertEquals("done", work.join());
    assertEquals(Done.getInstance(), first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(Done.getInstance(), second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(Done.getInstance(), lease.release().toCompletableFuture().join());

    pools.tell(new ReleaseLease(lease.leaseId()), holder.getRef());
    holder.expectMsg(Done.getInstance());
    PoolStatus after = settled(holder, pools);
    assertEquals(1, after.idle());
    assertEquals(0, after.leased());
  }

  @Test
  void badInput_isRefusedClearlyAndChangesNothing() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(2, 1));
    PoolStatus before = settled(probe, pools);

    pools.tell(new AcquireLease(Duration.ZERO, Duration.ZERO), probe.getRef());
    assertTrue(probe.expectMsgClass(Status.Failure.class).cause().getMessage()
        .contains("leaseFor must be > 0, was: [PT0S]"));
    pools.tell(new AcquireLease(Duration.ofSeconds(-5), Duration.ZERO), probe.getRef());
    assertInstanceOf(IllegalArgumentException.class,
        probe.expectMsgClass(Status.Failure.class).cause());
    pools.tell(new AcquireLease(Duration.ofSeconds(5), Duration.ofMillis(-1)), probe.getRef());
    assertTrue(probe.expectMsgClass(Status.Failure.class).cause().getMessage()
        .contains("waitUpTo must be >= 0, was: [PT-0.001S]"));
    pools.tell(new AcquireLease(Duration.ofDays(1), Duration.ZERO), probe.getRef());
    assertTrue(probe.expectMsgClass(Status.Failure.class).cause().getMessage()
        .contains("max-total"));

    pools.tell(new ReleaseLease("lease-404"), probe.getRef());
    Throwable unknown = probe.expectMsgClass(Status.Failure.class).cause();
    assertInstanceOf(UnknownLeaseException.class, unknown);
    assertTrue(unknown.getMessage().contains("[lease-404]"), unknown.getMessage());
    pools.tell(new RenewLease("lease-404", Duration.ofSeconds(1)), probe.getRef());
    assertInstanceOf(UnknownLeaseException.class,
        probe.expectMsgClass(Status.Failure.class).cause());

    assertEquals(before, status(probe, pools));
  }

  @Test
  void lowerTarget_neverRevokesALease_andItsPoolGoesWhenReturned() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(4, 1).withUnitsPerPool(10));
    pools.tell(new ScaleChanged(20), holder.getRef());
    LeasedExecutor a = acquire(holder, pools, LONG);
    LeasedExecutor b = acquire(holder, pools, LONG);

    pools.tell(new ScaleChanged(0), holder.getRef());
    PoolStatus shrunk = status(holder, pools);
    assertEquals(1, shrunk.desired());
    assertEquals(2, shrunk.leased(), "leases survive a lower target: " + shrunk);
    assertTrue(a.isActive() && b.isActive());

    b.release().toCompletableFuture().join();
    PoolStatus after = settled(holder, pools);
    assertEquals(1, after.total());
    assertEquals(a.poolName(), after.pools().get(0).name());
    assertEquals(PoolState.LEASED, after.pools().get(0).state());
  }

  @Test
  void leasedPool_runsOnlyTheLeasesWork() {
    TestKit holder = new TestKit(system);
    ActorRef pools = supervisor(settings(2, 2).withPoolBounds(2, 2));
    LeasedExecutor lease = acquire(holder, pools, LONG);
    Set<String> submitThreads = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      pools.tell(new Submit(() -> Thread.currentThread().getName()), holder.getRef());
      submitThreads.add(holder.expectMsgClass(String.class));
    }
    String leasePrefix = "-" + lease.poolName() + "-worker-";
    assertTrue(submitThreads.stream().noneMatch(t -> t.contains(leasePrefix)), "" + submitThreads);
    String leaseThread = lease.submit(() -> Thread.currentThread().getName())
        .toCompletableFuture().join();
    assertTrue(leaseThread.contains(leasePrefix), leaseThread);
  }

  @Test
  void facade_acquireLease_grantsAndFailsLikeTheMessage() {
    ActorPool actorPool = ActorPool.get(system);
    ActorRef pools = supervisor(settings(1, 1));
    LeasedExecutor lease = actorPool.acquireLease(pools, LONG, Duration.ZERO)
        .toCompletableFuture().join();
    assertTrue(lease.timeLeft().compareTo(Duration.ofMinutes(4)) > 0);
    assertInstanceOf(LeaseUnavailableException.class,
        failureOf(actorPool.acquireLease(pools, LONG, Duration.ZERO)));
    lease.release().toCompletableFuture().join();
  }
}
