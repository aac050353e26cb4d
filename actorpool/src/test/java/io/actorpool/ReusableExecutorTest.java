package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** loky's reusable-executor semantics, on threads. */
class ReusableExecutorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ActorSystem system;
  private static ActorPool actorPool;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ReusableExecutorTest");
    actorPool = ActorPool.get(system);
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static PoolSettings workers(int n) {
    return actorPool.settings().withPoolBounds(1, 1).withWorkersPerPool(n);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void sameSettings_giveTheSameExecutor() throws Exception {
    ReusableExecutor first = actorPool.reusableExecutor("same", workers(2));
    ReusableExecutor again = actorPool.reusableExecutor("same", workers(2));
    assertSame(first, again);
    assertNotSame(first, actorPool.reusableExecutor("other", workers(2)));
    assertEquals(9, (int) join(first.submit(() -> 3 * 3)));
  }

  @Test
  void newSize_resizesInPlace() throws Exception {
    ReusableExecutor small = actorPool.reusableExecutor("resize", workers(2));
    ReusableExecutor big = actorPool.reusableExecutor("resize", workers(4));
    assertSame(small, big);
    assertEquals(4, big.settings().workersPerPool());

    CountDownLatch allStarted = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<String>> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      running.add(big.submit(() -> {
        allStarted.countDown();
        release.await();
        return Thread.currentThread().getName();
      }).toCompletableFuture());
    }
    assertTrue(allStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "4 jobs ran at once");
    release.countDown();
    for (CompletableFuture<String> f : running) {
      join(f);
    }

    actorPool.reusableExecutor("resize", workers(1));
    Awaitility.await().atMost(WAIT).untilAsserted(() ->
        assertEquals(1, join(big.status()).pools().get(0).liveWorkers()));
  }

  @Test
  void killWorkers_interruptsRunningJobsAndStartsFreshWorkers() throws Exception {
    ReusableExecutor executor = actorPool.reusableExecutor("kill", workers(1));
    String before = join(executor.submit(() -> Thread.currentThread().getName()));
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> stuck = executor.submit(() -> {
      started.countDown();
      new CountDownLatch(1).await();
      return "never";
    }).toCompletableFuture();
    assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    ReusableExecutor same = actorPool.reusableExecutor("kill", workers(1), /* killWorkers= */ true);
    assertSame(executor, same);
    CompletionException e = assertThrows(CompletionException.class, stuck::join);
    assertInstanceOf(WorkerCrashedException.class, e.getCause());
    String after = join(executor.submit(() -> Thread.currentThread().getName()));
    assertNotEquals(before, after, "a fresh worker");
  }

  @Test
  void idleTimeout_stopsWorkers_andTheNextJobStartsThemTransparently() throws Exception {
    PoolSettings settings = workers(2);
    ReusableExecutor executor = actorPool.reusableExecutor("idle",
        settings.withWorkers(settings.workers().withIdleTimeout(Duration.ofMillis(200))));
    assertEquals("warm", join(executor.submit(() -> "warm")));
    Awaitility.await().atMost(WAIT).untilAsserted(() ->
        assertEquals(0, join(executor.status()).pools().get(0).liveWorkers()));
    long startedBefore = join(executor.status()).pools().get(0).workersStarted();

    assertEquals("again", join(executor.submit(() -> "again")));
    assertTrue(join(executor.status()).pools().get(0).workersStarted() > startedBefore);
  }

  @Test
  void initializer_runsOnceInEachWorker() throws Exception {
    Map<String, AtomicInteger> initialized = new ConcurrentHashMap<>();
    PoolSettings settings = workers(3);
    ReusableExecutor executor = actorPool.reusableExecutor("init", settings.withWorkers(
        settings.workers().withMaxJobsPerWorker(10).withInitializer(pool ->
            initialized.computeIfAbsent(Thread.currentThread().getName(),
                t -> new AtomicInteger()).incrementAndGet())));
    List<CompletableFuture<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      jobs.add(executor.submit(() -> Thread.currentThread().getName()).toCompletableFuture());
    }
    for (CompletableFuture<String> job : jobs) {
      assertTrue(initialized.containsKey(join(job)), "ran on an initialized worker");
    }
    // A replacement worker may still be starting; once it has, the books must match.
    Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(
        join(executor.status()).pools().get(0).workersStarted(), initialized.size()));
    assertTrue(initialized.values().stream().allMatch(n -> n.get() == 1), "" + initialized);
  }

  @Test
  void otherSettings_replaceTheExecutorAfterTheOldOneDrains() throws Exception {
    ReusableExecutor old = actorPool.reusableExecutor("replace", workers(1));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> running = old.submit(() -> {
      release.await();
      return "finished on the old one";
    }).toCompletableFuture();

    PoolSettings different = workers(1).withMaxQueuedJobs(5);
    ReusableExecutor replacement = actorPool.reusableExecutor("replace", different);
    assertNotSame(old, replacement);
    assertTrue(old.isShutdown());
    assertThrows(RejectedExecutionException.class, () -> old.submit(() -> "late"));
    assertEquals("new", join(replacement.submit(() -> "new")));

    release.countDown();
    assertEquals("finished on the old one", join(running));
    join(old.shutdown());
  }

  @Test
  void shutdown_thenGet_createsANewExecutor() throws Exception {
    ReusableExecutor first = actorPool.reusableExecutor("cycle", workers(1));
    join(first.shutdown());
    assertThrows(RejectedExecutionException.class, () -> first.execute(() -> { }));
    ReusableExecutor second = actorPool.reusableExecutor("cycle", workers(1));
    assertNotSame(first, second);
    assertEquals("ok", join(second.submit(() -> "ok")));
  }
}
