package io.actorpool.process.internal;

import io.actorpool.WorkerCrashedException;
import io.actorpool.WorkerSettings;
import io.actorpool.internal.PoolRuntime;
import io.actorpool.internal.PortableTask;
import io.actorpool.internal.WorkerListener;
import io.actorpool.internal.WorkerListener.Reason;
import io.actorpool.process.NotPortableJobException;
import io.actorpool.process.ProcessSettings;
import io.actorpool.process.internal.ProcessProtocol.Cancel;
import io.actorpool.process.internal.ProcessProtocol.Hello;
import io.actorpool.process.internal.ProcessProtocol.Result;
import io.actorpool.process.internal.ProcessProtocol.Run;
import io.actorpool.process.internal.ProcessProtocol.Stop;
import io.actorpool.process.internal.ProcessProtocol.Welcome;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.annotation.InternalApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INTERNAL API.
 *
 * <p>The process backend of one pool: a child JVM that runs the pool's jobs, and up to {@code
 * workers} local proxy threads, each carrying one job to the child and waiting for its answer.
 * Recycling limits ({@code max-jobs-per-worker}, {@code max-lifetime}, {@code
 * process.max-memory-growth}) and {@code idle-timeout} apply to the child as a whole: it is
 * replaced between jobs. {@link #liveWorkers()} and {@link #workersStarted()} count child JVMs.
 */
/*
 * Design notes
 *
 * A job keeps its local state machine: the proxy thread calls PortableTask.runAs with a body that
 * sends Run to the child and blocks for the Result. The job's timeout therefore interrupts the
 * proxy as it would a local worker; the proxy then sends Cancel, and if no Result comes within
 * cancel-grace it kills the child. A job stays counted busy until its Result, or its child's
 * death, really arrives.
 *
 * A child's death is seen by Process.onExit() (fast, and gives the exit code) and by DeathWatch of
 * its actor (which also catches a child whose actor system died while the process lingers: that
 * process is killed). Every job in flight on a dead child gets a LOST result: the body throws
 * WorkerLost, so the job goes the thread backend's crash path (retry within max-job-crashes, then
 * WorkerCrashedException). Jobs killed on purpose by killWorkers fail at once instead, as on
 * threads.
 *
 * Retiring a child (recycling, idle, shutdown) takes it out of rotation at once; it gets Stop when
 * its last job is done, and is killed if it has not exited after stop-timeout. The runtime is
 * terminated only when its proxies are gone and every child process has really exited.
 */
@InternalApi
final class ProcessPoolRuntime implements PoolRuntime {

  private static final int RUNNING = 0;
  private static final int SHUTDOWN = 1;
  private static final int STOP = 2;
  private static final AtomicLong ENDPOINTS = new AtomicLong();

  /** Queue entries that steer proxies rather than carry work. */
  private enum Pill {
    STOP,
    SHRINK
  }

  /** A job waiting for a proxy, already checked and encoded for the child. */
  private record Queued(PortableTask task, Wire.Encoded job) {}

  /** One job in flight in a child. */
  private record Pending(long id, Child child, CompletableFuture<Result> result) {}

  private final String name;
  private final WorkerSettings workers;
  private final ProcessSettings process;
  private final WorkerListener listener;
  private final ActorSystem bridge;
  private final String endpointPath;
  private final ActorRef endpoint;
  private final Logger childLog;
  private final String initializer;
  private final String systemName;

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Set<Thread> proxies = ConcurrentHashMap.newKeySet();
  private final AtomicInteger liveProxies = new AtomicInteger();
  private final AtomicLong proxySeq = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong jobIds = new AtomicLong();
  private final Set<Child> children = ConcurrentHashMap.newKeySet();
  private final AtomicLong started = new AtomicLong();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile int state = RUNNING;
  private volatile int target;
  /** The child new jobs go to; null until one is needed. Guarded by {@code this}. */
  private Child current;

  ProcessPoolRuntime(String name, int workers, WorkerSettings settings, ProcessSettings process,
      WorkerListener listener, ActorSystem userSystem) {
    this.name = name;
    this.target = workers;
    this.workers = settings;
    this.process = process;
    this.listener = listener;
    this.initializer = settings.initializer().map(i -> i.getClass().getName()).orElse(null);
    this.systemName = userSystem.name();
    Bridge b = Bridge.get(userSystem);
    this.bridge = b.system();
    this.childLog = LoggerFactory.getLogger("io.actorpool.process." + name);
    String actorName = "process-" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "-"
        + ENDPOINTS.incrementAndGet();
    this.endpoint = bridge.actorOf(Props.create(Endpoint.class, () -> new Endpoint(this)),
        actorName);
    this.endpointPath = endpoint.path().toStringWithAddress(b.address());
    synchronized (this) {
      // Started now, so the pool's first job does not pay for a JVM start.
      current = startChild();
    }
  }

  @Override
  public String name() {
    return name;
  }

  /* ---------------- Queue and proxies ---------------- */

  @Override
  public void execute(Runnable task) {
    if (state != RUNNING) {
      throw new RejectedExecutionException(name + " is shut down");
    }
    if (!(task instanceof PortableTask portable)) {
      throw new RejectedExecutionException(name + " runs jobs in a child JVM; " + task
          + " is not a job");
    }
    Wire.Encoded job;
    try {
      job = Wire.encode(portable.callable(), process, name);
    } catch (NotPortableJobException e) {
      portable.reject(e);
      return;
    }
    queue.add(new Queued(portable, job));
    startProxies();
  }

  private void startProxies() {
    while (!queue.isEmpty()) {
      int n = liveProxies.get();
      if (n >= target || state == STOP) {
        return;
      }
      if (liveProxies.compareAndSet(n, n + 1)) {
        Thread t = new Thread(this::proxy, name + "-proxy-" + proxySeq.incrementAndGet());
        t.setDaemon(true);
        proxies.add(t);
        t.start();
      }
    }
  }

  private void proxy() {
    boolean counted = false;
    try {
      while (true) {
        Object item;
        try {
          if (state == STOP) {
            return;
          }
          item = queue.take();
        } catch (InterruptedException e) {
          continue; // shutdownNow; the loop head decides
        }
        if (item == Pill.STOP) {
          return;
        }
        if (item == Pill.SHRINK) {
          int n = liveProxies.get();
          if (n > target && liveProxies.compareAndSet(n, n - 1)) {
            counted = true;
            return;
          }
          continue;
        }
        Queued q = (Queued) item;
        q.task().runAs(() -> remote(q.job()));
        // A stale interrupt (a timeout that lost its race) must not hit the next job.
        Thread.interrupted();
      }
    } finally {
      proxies.remove(Thread.currentThread());
      int left = counted ? liveProxies.get() : liveProxies.decrementAndGet();
      if (left == 0 && state != RUNNING) {
        proxiesGone();
      } else if (state == RUNNING) {
        startProxies();
      }
    }
  }

  /* ---------------- One job ---------------- */

  /** Runs one job in the child and returns its value, or throws its failure. */
  private Object remote(Wire.Encoded job) throws Exception {
    Child child = acquire();
    long id = jobIds.incrementAndGet();
    Pending p = new Pending(id, child, new CompletableFuture<>());
    pending.put(id, p);
    Result result;
    try {
      if (!child.isAlive()) {
        p.result().complete(child.lost());
      } else {
        child.ref.tell(new Run(id, job.kind(), job.type(), job.className(), job.json()),
            endpoint);
      }
      try {
        result = p.result().get();
      } catch (InterruptedException e) {
        // The job's timeout, or shutdownNow: stop the job in the child, by force if need be.
        child.ref.tell(new Cancel(id), endpoint);
        try {
          result = getUninterruptibly(p.result(), process.cancelGrace());
        } catch (TimeoutException te) {
          kill(child, Reason.CRASHED, "a job ignored its interrupt for " + process.cancelGrace()
              + " (cancel-grace) after its timeout");
          result = getUninterruptibly(p.result(), null);
        }
      }
    } finally {
      pending.remove(id);
      finished(child, true);
    }
    return answer(result, child);
  }

  private Object answer(Result r, Child child) throws Exception {
    switch (r.outcome()) {
      case Result.OK:
        recordMemory(child, r.rssBytes());
        return Wire.readValue(r.className(), r.json(), ProcessPoolRuntime.class.getClassLoader());
      case Result.FAILED:
        recordMemory(child, r.rssBytes());
        throw Wire.failure(r.className(), r.json());
      case Result.CRASHED:
        // A fatal error or failed initializer leaves the child unsafe: replace it.
        kill(child, Reason.CRASHED, r.json());
        throw new PortableTask.WorkerLost(new WorkerCrashedException(
            child.worker + " crashed running the job: " + r.json(), 1, null));
      default:
        if (child.killedByKillWorkers) {
          throw new WorkerCrashedException(child.worker + " was killed (killWorkers) while "
              + "running this job", 1, null);
        }
        if (state == STOP) {
          throw new WorkerCrashedException(name + " stopped while the job ran in "
              + child.worker + ": " + r.json(), 1, null);
        }
        throw new PortableTask.WorkerLost(new WorkerCrashedException(r.json(), 1, null));
    }
  }

  private static Result getUninterruptibly(CompletableFuture<Result> f, Duration limit)
      throws TimeoutException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return limit == null ? f.get() : f.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The child to run the next job on, started if need be; waits until it has joined. */
  private Child acquire() throws InterruptedException {
    Child child;
    synchronized (this) {
      if (state == STOP) {
        throw new RejectedExecutionException(name + " is shut down");
      }
      child = current;
      if (child != null && System.nanoTime() >= child.deadlineNanos) {
        retire(child, Reason.MAX_LIFETIME);
        child = null;
      }
      if (child == null) {
        child = current = startChild();
      }
      child.running++;
      child.dispatched++;
      if (workers.maxJobsPerWorker() > 0 && child.dispatched >= workers.maxJobsPerWorker()) {
        // Its last job: later ones go to a fresh child.
        retire(child, Reason.MAX_JOBS);
      }
    }
    try {
      child.ready.get();
      return child;
    } catch (InterruptedException e) {
      finished(child, false);
      throw e;
    } catch (ExecutionException e) {
      finished(child, false);
      throw new PortableTask.WorkerLost(e.getCause());
    }
  }

  /** A job left {@code child} (having run there, or not): count it out, apply the limits. */
  private void finished(Child child, boolean ran) {
    synchronized (this) {
      child.running--;
      if (ran) {
        child.jobs++;
      }
      child.lastUsedNanos = System.nanoTime();
      if (child == current && System.nanoTime() >= child.deadlineNanos) {
        retire(child, Reason.MAX_LIFETIME);
      }
      if (child.retiring && child.running == 0) {
        stop(child);
      }
    }
    workers.idleTimeout().ifPresent(idle -> {
      if (child.running == 0) {
        schedule(idle, () -> idleCheck(child, idle));
      }
    });
  }

  private synchronized void idleCheck(Child child, Duration idle) {
    if (child == current && child.running == 0
        && System.nanoTime() - child.lastUsedNanos >= idle.toNanos()) {
      retire(child, Reason.IDLE);
    }
  }

  /** loky's memory-leak protection: growth since the first job, measured after each job. */
  private void recordMemory(Child child, long rss) {
    if (process.maxMemoryGrowth() <= 0 || rss <= 0) {
      return;
    }
    synchronized (this) {
      if (child.baselineRss < 0) {
        child.baselineRss = rss;
      } else if (rss - child.baselineRss > process.maxMemoryGrowth() && !child.retiring) {
        childLog.info("{} {} grew by {} bytes since its first job (max-memory-growth = {}); "
            + "replacing it", name, child.worker, rss - child.baselineRss,
            process.maxMemoryGrowth());
        retire(child, Reason.MEMORY_GROWTH);
        if (child.running == 0) {
          stop(child);
        }
      }
    }
  }

  /* ---------------- Children ---------------- */

  /** One child JVM. Counters are guarded by the runtime's monitor. */
  private final class Child {
    final String worker;
    final String token = UUID.randomUUID().toString();
    final CompletableFuture<ActorRef> ready = new CompletableFuture<>();
    final long deadlineNanos;
    volatile Process process;
    volatile ActorRef ref;
    volatile Reason stopReason;
    volatile String stopDetail;
    volatile boolean killedByKillWorkers;
    boolean retiring;
    int running;
    long dispatched;
    long jobs;
    long baselineRss = -1;
    long lastUsedNanos = System.nanoTime();

    Child(long seq) {
      this.worker = name + "-process-" + seq;
      long deadline = Long.MAX_VALUE;
      if (workers.maxLifetime().isPresent()) {
        double cut = ThreadLocalRandom.current().nextDouble() * workers.maxLifetimeVariance();
        deadline = System.nanoTime()
            + (long) (workers.maxLifetime().get().toNanos() * (1 - cut));
      }
      this.deadlineNanos = deadline;
    }

    boolean isAlive() {
      Process p = process;
      return p != null && p.isAlive();
    }

    String describe() {
      Process p = process;
      return worker + (p == null ? "" : " (pid " + p.pid() + ")");
    }

    Result lost() {
      Process p = process;
      String how;
      if (p == null || p.isAlive()) {
        how = "was lost";
      } else {
        int code = p.exitValue();
        how = "exited with code " + code + (code > 128 ? " (signal " + (code - 128)
            + (code == 137 ? ", SIGKILL" : "") + ")" : "");
      }
      String detail = stopDetail == null ? "" : "; " + stopDetail;
      return new Result(-1, Result.LOST, null,
          "child JVM " + describe() + " of " + name + " " + how + " while running the job"
              + detail, 0);
    }
  }

  /** Launches a child JVM; the caller holds the monitor. */
  private Child startChild() {
    Child child = new Child(started.incrementAndGet());
    children.add(child);
    ChildSpec spec = new ChildSpec(endpointPath, name, child.worker, child.token, initializer,
        process.allowedCallables(), process.jobHandlers());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Markers, so a child can be traced to its parent and pool from outside (ps, tests).
    command.add("-Dactorpool.process.parent=" + ProcessHandle.current().pid());
    command.add("-Dactorpool.process.system=" + systemName);
    command.add("-Dactorpool.process.worker=" + child.worker);
    command.addAll(process.jvmOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildMain.class.getName());
    command.add(spec.toArgument());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(process.env());
    try {
      Process p = builder.start();
      child.process = p;
      Reaper.track(p);
      StreamPump.start(p.getInputStream(), childLog, false, child.worker);
      StreamPump.start(p.getErrorStream(), childLog, true, child.worker);
      childLog.debug("{} started {}", name, child.describe());
      p.onExit().thenRun(() -> exited(child));
      schedule(process.startTimeout(), () -> {
        if (!child.ready.isDone()) {
          kill(child, Reason.CRASHED, "it did not join its parent within " + process.startTimeout()
              + " (start-timeout)");
        }
      });
    } catch (IOException | RuntimeException e) {
      children.remove(child);
      child.stopReason = Reason.CRASHED;
      child.ready.completeExceptionally(new WorkerCrashedException(
          name + " could not start a child JVM: " + e, 1, e));
      if (current == child) {
        current = null;
      }
    }
    return child;
  }

  /** Takes a child out of rotation; it stops once its jobs are done. Holds the monitor. */
  private void retire(Child child, Reason reason) {
    if (!child.retiring) {
      child.retiring = true;
      child.stopReason = reason;
    }
    if (current == child) {
      current = null;
    }
    if (child.running == 0) {
      stop(child);
    }
  }

  /** Asks an idle, retiring child to exit, and kills it if it has not after stop-timeout. */
  private void stop(Child child) {
    ActorRef ref = child.ref;
    if (ref != null) {
      ref.tell(new Stop(String.valueOf(child.stopReason)), endpoint);
    } else {
      destroy(child);
    }
    schedule(process.stopTimeout(), () -> {
      if (child.isAlive()) {
        destroy(child);
      }
    });
  }

  private void kill(Child child, Reason reason, String why) {
    synchronized (this) {
      if (child.stopReason == null || !child.retiring) {
        child.stopReason = reason;
      }
      child.retiring = true;
      if (child.stopDetail == null) {
        child.stopDetail = why;
      }
      if (current == child) {
        current = null;
      }
    }
    if (reason == Reason.CRASHED && !child.killedByKillWorkers && state == RUNNING) {
      childLog.warn("{} killing {}: {}", name, child.describe(), why);
    }
    destroy(child);
  }

  private static void destroy(Child child) {
    Process p = child.process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** The child's process has exited: fail what ran on it and account for it. */
  private void exited(Child child) {
    synchronized (this) {
      children.remove(child);
      if (current == child) {
        current = null;
      }
    }
    Result lost = child.lost();
    child.ready.completeExceptionally(new WorkerCrashedException(lost.json(), 1, null));
    for (Pending p : pending.values()) {
      if (p.child() == child) {
        p.result().complete(lost);
      }
    }
    Reason reason = child.stopReason != null ? child.stopReason : Reason.CRASHED;
    if (child.stopReason == null && state == RUNNING) {
      childLog.warn("{} {}", name, lost.json().replace(" while running the job", ""));
    }
    try {
      listener.workerStopped(child.worker, reason, child.jobs);
    } catch (RuntimeException e) {
      // A listener must never take the pool's bookkeeping down with it.
    }
    if (state == RUNNING && !queue.isEmpty()) {
      startProxies();
    }
    maybeTerminated();
  }

  private void schedule(Duration delay, Runnable action) {
    try {
      bridge.scheduler().scheduleOnce(delay, action, bridge.dispatcher());
    } catch (IllegalStateException e) {
      // The bridge system is shutting down: there is no later, act now.
      action.run();
    }
  }

  /* ---------------- Endpoint ---------------- */

  private Child byToken(String token) {
    for (Child c : children) {
      if (c.token.equals(token)) {
        return c;
      }
    }
    return null;
  }

  private void onResult(Result r) {
    Pending p = pending.get(r.id());
    if (p != null) {
      p.result().complete(r);
    }
  }

  private void onChildActorGone(ActorRef ref) {
    for (Child c : children) {
      if (ref.equals(c.ref) && c.isAlive()) {
        // Its actor system is gone, so the process is of no use: make sure it ends.
        schedule(Duration.ofSeconds(1), () -> {
          if (c.isAlive()) {
            kill(c, c.stopReason != null ? c.stopReason : Reason.CRASHED,
                "its actor system stopped");
          }
        });
      }
    }
  }

  /** The parent's actor for one runtime's children, living in the bridge system. */
  static final class Endpoint extends AbstractActor {
    private final ProcessPoolRuntime runtime;

    Endpoint(ProcessPoolRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(Hello.class, h -> {
            Child child = runtime.byToken(h.token());
            if (child == null) {
              getSender().tell(new Stop("unknown"), getSelf());
              return;
            }
            if (child.ref == null) {
              child.ref = h.child();
              getContext().watch(h.child());
            }
            getSender().tell(new Welcome(runtime.name), getSelf());
            child.ready.complete(h.child());
          })
          .match(Result.class, runtime::onResult)
          .match(Terminated.class, t -> runtime.onChildActorGone(t.getActor()))
          .build();
    }
  }

  /* ---------------- Lifecycle ---------------- */

  @Override
  public void shutdown() {
    if (state != RUNNING) {
      return;
    }
    state = SHUTDOWN;
    int n = liveProxies.get();
    for (int i = 0; i < n; i++) {
      queue.add(Pill.STOP);
    }
    if (n == 0) {
      proxiesGone();
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    state = STOP;
    List<Runnable> never = drainWork();
    queue.clear();
    for (Thread t : proxies) {
      t.interrupt();
    }
    killAll(Reason.SHUTDOWN, false);
    if (liveProxies.get() == 0) {
      proxiesGone();
    }
    return never;
  }

  @Override
  public List<Runnable> cancelQueued() {
    return drainWork();
  }

  @Override
  public boolean remove(Runnable task) {
    return queue.removeIf(o -> o instanceof Queued q && q.task() == task);
  }

  private List<Runnable> drainWork() {
    List<Object> drained = new ArrayList<>();
    queue.drainTo(drained);
    List<Runnable> work = new ArrayList<>();
    for (Object o : drained) {
      if (o instanceof Queued q) {
        work.add(q.task());
      } else if (state != STOP) {
        queue.add(o);
      }
    }
    return work;
  }

  /** The last proxy has left a stopping pool: retire the children. */
  private void proxiesGone() {
    synchronized (this) {
      for (Child c : children) {
        if (state == STOP || c.ref == null) {
          c.stopReason = Reason.SHUTDOWN;
          destroy(c);
        } else {
          retire(c, Reason.SHUTDOWN);
        }
      }
      current = null;
    }
    maybeTerminated();
  }

  private void maybeTerminated() {
    if (state != RUNNING && liveProxies.get() == 0 && children.isEmpty()
        && !terminated.isDone()) {
      endpoint.tell(PoisonPill.getInstance(), ActorRef.noSender());
      terminated.complete(null);
    }
  }

  @Override
  public void resize(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was: [" + workers + "]");
    }
    target = workers;
    int surplus = liveProxies.get() - workers;
    for (int i = 0; i < surplus; i++) {
      queue.add(Pill.SHRINK);
    }
    startProxies();
  }

  @Override
  public void killWorkers() {
    killAll(Reason.CRASHED, true);
    synchronized (this) {
      if (state == RUNNING && current == null) {
        current = startChild();
      }
    }
  }

  private void killAll(Reason reason, boolean byKillWorkers) {
    for (Child c : children) {
      c.killedByKillWorkers |= byKillWorkers;
      kill(c, reason, byKillWorkers ? "killWorkers" : "the pool stopped");
    }
  }

  @Override
  public boolean isShutdown() {
    return state != RUNNING;
  }

  @Override
  public boolean isTerminated() {
    return terminated.isDone();
  }

  @Override
  public CompletionStage<Void> terminated() {
    return terminated;
  }

  /** Child JVMs alive now. */
  @Override
  public int liveWorkers() {
    return children.size();
  }

  /** Child JVMs started since the pool started, replacements included. */
  @Override
  public long workersStarted() {
    return started.get();
  }
}
