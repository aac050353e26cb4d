package io.actorpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.ActorPool;
import io.actorpool.GetPoolStatus;
import io.actorpool.LeasedExecutor;
import io.actorpool.JobRejectedException;
import io.actorpool.JobTimeoutException;
import io.actorpool.KillWorkers;
import io.actorpool.PoolEvent;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.PoolSupervisor;
import io.actorpool.Submit;
import io.actorpool.WorkerCrashedException;
import io.actorpool.process.TestJobs.Add;
import io.actorpool.process.TestJobs.BlockOnce;
import io.actorpool.process.TestJobs.Env;
import io.actorpool.process.TestJobs.Exit;
import io.actorpool.process.TestJobs.Fail;
import io.actorpool.process.TestJobs.FailWithOwnType;
import io.actorpool.process.TestJobs.IgnoreInterrupts;
import io.actorpool.process.TestJobs.Initialized;
import io.actorpool.process.TestJobs.Person;
import io.actorpool.process.TestJobs.Pid;
import io.actorpool.process.TestJobs.Print;
import io.actorpool.process.TestJobs.Retain;
import io.actorpool.process.TestJobs.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Status;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process backend end to end: every supervisor here runs its pool in a real child JVM on
 * 127.0.0.1, and the assertions look at that child from outside (pid, exit, output).
 */
class ProcessBackendTest {

  /** A child JVM start plus remoting join on a loaded two-core machine. */
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final long PARENT = ProcessHandle.current().pid();

  private static ActorSystem system;
  /** One pool shared by the tests that do not disturb their child. */
  private static ActorRef shared;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ProcessBackendTest");
    shared = supervisor(settings(p -> p));
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system, scala.concurrent.duration.Duration.create(60, "s"), true);
    // Whatever the tests did, no child may outlive the system.
    await().atMost(WAIT).until(() -> children().isEmpty());
  }

  interface Tweak {
    ProcessSettings apply(ProcessSettings p);
  }

  static PoolSettings settings(Tweak tweak) {
    PoolSettings base = PoolSettings.create(system).withPoolBounds(1, 1).withWorkersPerPool(2);
    ProcessSettings process = ProcessSettings.create(base)
        .withJvmOptions(TestJobs.FAST_JVM)
        .withAllowedCallables(TestJobs.ALLOWED)
        .withJobHandlers(Map.of("square", TestJobs.Square.class.getName(),
            "greet", TestJobs.Greet.class.getName()))
        .withCancelGrace(Duration.ofMillis(500));
    return tweak.apply(process).applyTo(base);
  }

  static ActorRef supervisor(PoolSettings settings) {
    return system.actorOf(PoolSupervisor.props(settings), "process-" + NAMES.incrementAndGet());
  }

  /** Child JVMs of this test JVM, found by the marker the backend puts on their command line. */
  static List<ProcessHandle> children() {
    return children("-Dactorpool.process.parent=" + PARENT + " ");
  }

  /**
   * Live descendants whose command line has {@code marker}. The backend puts its markers first,
   * because Linux reports only the first 4096 characters of a long command line.
   */
  static List<ProcessHandle> children(String marker) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  static Object ask(TestKit probe, ActorRef pools, Submit submit) {
    pools.tell(submit, probe.getRef());
    return probe.expectMsgClass(WAIT, Object.class);
  }

  static long pid(TestKit probe, ActorRef pools) {
    return (Long) ask(probe, pools, new Submit(new Pid()));
  }

  /**
   * The next worker of {@code pools} to stop. Events of other tests' supervisors, which stop in
   * the background, are skipped.
   */
  static PoolEvent.WorkerStopped stopped(TestKit events, ActorRef pools) {
    String path = pools.path().toStringWithoutAddress();
    return (PoolEvent.WorkerStopped) events.fishForMessage(WAIT, "a worker of " + path,
        m -> m instanceof PoolEvent.WorkerStopped w && w.supervisor().equals(path));
  }

  static Throwable failure(Object reply) {
    return assertInstanceOf(Status.Failure.class, reply, "a failure, got " + reply).cause();
  }

  static PoolStatus status(TestKit probe, ActorRef pools) {
    pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
    return probe.expectMsgClass(PoolStatus.class);
  }

  /**
   * The status once no job is counted running. A job answers its caller before it tells the
   * supervisor it is done, so a status asked right after a reply may still count it.
   */
  static PoolStatus idleStatus(TestKit probe, ActorRef pools) {
    return probe.awaitAssert(WAIT, () -> {
      PoolStatus s = status(probe, pools);
      assertEquals(0, s.busy(), "busy pools: " + s);
      assertEquals(0, s.runningJobs(), "running jobs: " + s);
      return s;
    });
  }

  /* ---------------- Jobs across the boundary ---------------- */

  @Test
  void callable_allowListed_runsInAChildJvm() {
    TestKit probe = new TestKit(system);
    long pid = pid(probe, shared);
    assertNotEquals(PARENT, pid, "the job ran in the parent");
    assertTrue(children().stream().anyMatch(p -> p.pid() == pid), "a child of this JVM: " + pid);
    assertEquals(5, ask(probe, shared, new Submit(new Add(2, 3))));
  }

  @Test
  void processJob_registeredType_roundTripsPayloadAndResult() {
    TestKit probe = new TestKit(system);
    assertEquals(49, ask(probe, shared, new Submit(new ProcessJob("square", 7))));
    assertEquals(new Person("hello ada", 37),
        ask(probe, shared, new Submit(new ProcessJob("greet", new Person("ada", 36)))));
  }

  @Test
  void failures_keepClassAndMessage_andActorPoolTypes() {
    TestKit probe = new TestKit(system);
    ProcessJobException e = assertInstanceOf(ProcessJobException.class,
        failure(ask(probe, shared, new Submit(new Fail("boom")))));
    assertEquals(IllegalStateException.class.getName(), e.exceptionClass());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
    Throwable own = failure(ask(probe, shared, new Submit(new FailWithOwnType("full"))));
    assertInstanceOf(JobRejectedException.class, own);
    assertEquals("full", own.getMessage());
  }

  @Test
  void callable_notRegistered_failsAtOnceSayingHowToRegister() {
    TestKit probe = new TestKit(system);
    Throwable lambda = failure(ask(probe, shared, new Submit(() -> 42)));
    assertInstanceOf(NotPortableJobException.class, lambda);
    assertTrue(lambda.getMessage().contains("allowed-callables")
        && lambda.getMessage().contains("job-handlers"), lambda.getMessage());
    Throwable unknownType = failure(ask(probe, shared, new Submit(new ProcessJob("nope", 1))));
    assertInstanceOf(NotPortableJobException.class, unknownType);
    assertTrue(unknownType.getMessage().contains("[nope] is not registered"),
        unknownType.getMessage());
    // The pool is unharmed.
    assertEquals(5, ask(probe, shared, new Submit(new Add(1, 4))));
  }

  @Test
  void stdout_ofTheChild_reachesTheParentLogUnderThePoolsName() {
    TestKit probe = new TestKit(system);
    String line = "hello from the child " + UUID.randomUUID();
    ask(probe, shared, new Submit(new Print(line)));
    Path log = Path.of("target/process-tests.log");
    await().atMost(WAIT).until(() -> Files.exists(log) && Files.readAllLines(log).stream()
        .anyMatch(l -> l.contains(line) && l.contains("io.actorpool.process.")));
  }

  /* ---------------- Timeouts, crashes, poison jobs ---------------- */

  @Test
  void timeout_jobIgnoringInterrupt_childIsKilledAndReplaced() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.WorkerStopped.class);
    ActorRef pools = supervisor(settings(p -> p));
    long before = pid(probe, pools);

    Throwable t = failure(ask(probe, pools,
        new Submit(new IgnoreInterrupts(60_000), Duration.ofSeconds(1))));
    assertInstanceOf(JobTimeoutException.class, t);
    PoolEvent.WorkerStopped stopped = stopped(events, pools);
    assertEquals("crashed", stopped.reason());
    await().atMost(WAIT).until(() -> ProcessHandle.of(before).isEmpty()
        || !ProcessHandle.of(before).get().isAlive());

    long after = pid(probe, pools);
    assertNotEquals(before, after, "a fresh child runs the next job");
    PoolStatus status = idleStatus(probe, pools);
    assertEquals(2, status.pools().get(0).workersStarted());
    system.stop(pools);
  }

  @Test
  void timeout_interruptibleJob_keepsItsChild() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p));
    long before = pid(probe, pools);
    assertInstanceOf(JobTimeoutException.class,
        failure(ask(probe, pools, new Submit(new Wait(), Duration.ofSeconds(1)))));
    assertEquals(before, pid(probe, pools));
    system.stop(pools);
  }

  @Test
  void sigkill_ofTheChildMidJob_retriesTheJobOnAFreshChild() throws IOException {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p));
    Path marker = Files.createTempFile("block-once", ".pid");
    Files.delete(marker);
    pools.tell(new Submit(new BlockOnce(marker.toString())), probe.getRef());
    await().atMost(WAIT).until(() -> Files.exists(marker) && !Files.readString(marker).isEmpty());
    long killed = Long.parseLong(Files.readString(marker));

    assertTrue(ProcessHandle.of(killed).orElseThrow().destroyForcibly());

    long retriedOn = probe.expectMsgClass(WAIT, Long.class);
    assertNotEquals(killed, retriedOn);
    PoolStatus status = idleStatus(probe, pools);
    assertEquals(1, status.total());
    assertEquals(2, status.pools().get(0).workersStarted());
    assertEquals(1, status.pools().get(0).liveWorkers());
    system.stop(pools);
  }

  @Test
  void poisonJob_systemExit_failsWithWorkerCrashedAfterMaxJobCrashes() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p).withWorkers(
        settings(p -> p).workers().withMaxJobCrashes(2)));
    WorkerCrashedException e = assertInstanceOf(WorkerCrashedException.class,
        failure(ask(probe, pools, new Submit(new Exit(3)))));
    assertEquals(2, e.crashes());
    assertTrue(e.getCause().getMessage().contains("exited with code 3"), "" + e.getCause());
    // Quarantined, not retried again: the pool runs the next job normally.
    assertEquals(5, ask(probe, pools, new Submit(new Add(2, 3))));
    idleStatus(probe, pools);
    system.stop(pools);
  }

  @Test
  void poisonJob_outOfMemory_crashesItsChildAndIsQuarantined() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p));
    WorkerCrashedException e = assertInstanceOf(WorkerCrashedException.class,
        failure(ask(probe, pools, new Submit(new TestJobs.Hog()))));
    assertTrue(String.valueOf(e.getCause()).contains("OutOfMemoryError"), "" + e.getCause());
    assertEquals(5, ask(probe, pools, new Submit(new Add(2, 3))));
    idleStatus(probe, pools);
    system.stop(pools);
  }

  @Test
  void killWorkers_killsTheChildAndStartsAFreshOne() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p));
    long before = pid(probe, pools);
    TestKit running = new TestKit(system);
    pools.tell(new Submit(new Wait()), running.getRef());
    probe.awaitAssert(WAIT, () -> {
      assertEquals(1, status(probe, pools).runningJobs());
      return null;
    });
    pools.tell(KillWorkers.INSTANCE, probe.getRef());
    probe.expectMsgClass(org.apache.pekko.Done.class);
    assertInstanceOf(WorkerCrashedException.class,
        failure(running.expectMsgClass(WAIT, Status.Failure.class)));
    assertNotEquals(before, pid(probe, pools));
    system.stop(pools);
  }

  /* ---------------- Recycling, env, initializer ---------------- */

  @Test
  void maxJobsPerWorker_replacesTheChildAfterItsNthJob() {
    TestKit probe = new TestKit(system);
    PoolSettings s = settings(p -> p);
    ActorRef pools = supervisor(s.withWorkers(s.workers().withMaxJobsPerWorker(2)));
    long first = pid(probe, pools);
    assertEquals(first, pid(probe, pools));
    assertNotEquals(first, pid(probe, pools));
    system.stop(pools);
  }

  @Test
  void maxLifetime_passed_replacesTheChildBetweenJobs() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.WorkerStopped.class);
    PoolSettings s = settings(p -> p);
    ActorRef pools = supervisor(s.withWorkers(s.workers().withMaxLifetime(Duration.ofSeconds(1))
        .withMaxLifetimeVariance(0)));
    long first = pid(probe, pools);
    // Jobs keep coming; once the child is a second old, the next one finds a fresh child.
    await().atMost(WAIT).until(() -> pid(probe, pools) != first);
    assertEquals("max-lifetime",
        stopped(events, pools).reason());
    system.stop(pools);
  }

  @Test
  void memoryGrowth_pastTheLimit_recyclesTheChildBetweenJobs() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.WorkerStopped.class);
    ActorRef pools = supervisor(settings(p -> p
        .withJvmOptions(List.of("-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
        .withMaxMemoryGrowth(32L << 20)));
    long first = pid(probe, pools);
    assertEquals(64, ask(probe, pools, new Submit(new Retain(64))));
    PoolEvent.WorkerStopped stopped = stopped(events, pools);
    assertEquals("memory-growth", stopped.reason());
    assertNotEquals(first, pid(probe, pools));
    system.stop(pools);
  }

  @Test
  void envAndInitializer_reachEveryChildWorker() {
    TestKit probe = new TestKit(system);
    PoolSettings s = settings(p -> p.withEnv(Map.of("ACTORPOOL_TEST_ENV", "from-parent")));
    ActorRef pools = supervisor(s.withWorkers(s.workers().withInitializer(
        new TestJobs.MarkThread())));
    assertEquals("from-parent", ask(probe, pools, new Submit(new Env("ACTORPOOL_TEST_ENV"))));
    String mark = (String) ask(probe, pools, new Submit(new Initialized()));
    assertTrue(mark.startsWith("initialized for ProcessBackendTest") || mark.contains("process-"),
        mark);
    assertTrue(!mark.endsWith(" " + PARENT), mark);
    system.stop(pools);
  }

  @Test
  void idleTimeout_stopsTheIdleChild_andTheNextJobStartsAFreshOneUnnoticed() {
    TestKit probe = new TestKit(system);
    TestKit events = new TestKit(system);
    system.getEventStream().subscribe(events.getRef(), PoolEvent.WorkerStopped.class);
    PoolSettings s = settings(p -> p);
    ActorRef pools = supervisor(s.withWorkers(s.workers().withIdleTimeout(Duration.ofSeconds(1))));
    long first = pid(probe, pools);
    PoolEvent.WorkerStopped stopped = stopped(events, pools);
    assertEquals("idle", stopped.reason());
    await().atMost(WAIT).until(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));
    assertNotEquals(first, pid(probe, pools));
    system.stop(pools);
  }

  @Test
  void lease_ofAProcessPool_runsItsJobsInTheChild() {
    LeasedExecutor lease = ActorPool.get(system)
        .acquireLease(shared, Duration.ofMinutes(1), WAIT)
        .toCompletableFuture().join();
    try {
      long pid = lease.submit(new Pid()).toCompletableFuture().join();
      assertNotEquals(PARENT, pid);
      CompletionException lambda = assertThrows(CompletionException.class,
          () -> lease.submit(() -> 1).toCompletableFuture().join());
      assertInstanceOf(NotPortableJobException.class, lambda.getCause());
    } finally {
      lease.release().toCompletableFuture().join();
    }
  }

  /* ---------------- Shutdown ---------------- */

  @Test
  void stoppedSupervisor_leavesNoChildProcess() {
    TestKit probe = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p));
    long pid = pid(probe, pools);
    probe.watch(pools);
    system.stop(pools);
    probe.expectTerminated(WAIT, pools);
    await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void stopGracefully_finishesTheRunningJobThenTheChildExits() {
    TestKit probe = new TestKit(system);
    TestKit job = new TestKit(system);
    ActorRef pools = supervisor(settings(p -> p));
    long pid = pid(probe, pools);
    pools.tell(new Submit(new IgnoreInterrupts(1_000)), job.getRef());
    probe.watch(pools);
    pools.tell(io.actorpool.StopGracefully.INSTANCE, probe.getRef());
    assertEquals("finished", job.expectMsgClass(WAIT, String.class));
    probe.expectMsgClass(WAIT, org.apache.pekko.Done.class);
    probe.expectTerminated(WAIT, pools);
    await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void terminatedSystem_leavesNoChildProcess() {
    ActorSystem other = ActorSystem.create("ProcessBackendTestOther");
    try {
      TestKit probe = new TestKit(other);
      PoolSettings base = PoolSettings.create(other).withPoolBounds(2, 2);
      PoolSettings s = ProcessSettings.create(base).withJvmOptions(TestJobs.FAST_JVM)
          .withAllowedCallables(TestJobs.ALLOWED).applyTo(base);
      ActorRef pools = other.actorOf(PoolSupervisor.props(s), "pools");
      pools.tell(new Submit(new Pid()), probe.getRef());
      long pid = probe.expectMsgClass(WAIT, Long.class);
      assertEquals(2, children("-Dactorpool.process.system=ProcessBackendTestOther ").size());
      probe.awaitAssert(WAIT, () -> {
        pools.tell(GetPoolStatus.INSTANCE, probe.getRef());
        assertEquals(2, probe.expectMsgClass(PoolStatus.class).pools().stream()
            .mapToInt(p -> p.liveWorkers()).sum());
        return null;
      });
      TestKit.shutdownActorSystem(other, scala.concurrent.duration.Duration.create(60, "s"), true);
      await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
      await().atMost(WAIT).until(() ->
          children("-Dactorpool.process.system=ProcessBackendTestOther ").isEmpty());
    } finally {
      TestKit.shutdownActorSystem(other);
    }
  }
}
