package io.actorpool.internal;

import io.actorpool.WorkerCrashedException;
import io.actorpool.WorkerInitializer;
import io.actorpool.WorkerMode;
import io.actorpool.WorkerSettings;
import io.actorpool.internal.WorkerListener.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The thread backend: up to {@code workers} threads named {@code <pool>-worker-<n>} sharing one
 * FIFO queue. Unlike a {@code ThreadPoolExecutor} it replaces a worker between jobs when a
 * recycling limit says so ({@code max-jobs-per-worker}, {@code max-lifetime} with jitter), lets
 * idle workers leave ({@code idle-timeout}) and starts them again on demand, can run one worker
 * per job (ephemeral mode), resizes in place and can kill its workers.
 */
/*
 * Design notes
 *
 * Workers start on demand: execute() starts one while fewer than `workers` are alive, as a
 * ThreadPoolExecutor's core threads do. A worker that leaves for any reason other than shutdown
 * starts a replacement if work is waiting, so a queued task always has a worker coming.
 *
 * Control reaches workers through the queue, not through interrupts, wherever a job might be
 * running: SHRINK pills make surplus workers leave after the jobs queued before them (an
 * in-place resize), and one STOP pill, handed from worker to worker, ends a graceful shutdown
 * after all queued work. Interrupts are used only where interrupting the job is the point:
 * shutdownNow() and killWorkers().
 *
 * A pool is terminated when it is shut down and its last worker has left; the supervisor counts
 * the pool against max-pools until then.
 */
@InternalApi
final class ThreadPoolRuntime implements PoolRuntime {

  private static final int RUNNING = 0;
  private static final int SHUTDOWN = 1;
  private static final int STOP = 2;

  /** Queue entries that steer workers rather than carry work. */
  private enum Pill implements Runnable {
    STOP,
    SHRINK;

    @Override
    public void run() {}
  }

  private final String name;
  private final WorkerSettings settings;
  private final WorkerListener listener;
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Set<WorkerThread> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicLong started = new AtomicLong();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile int state = RUNNING;
  private volatile int target;
  private final boolean ephemeral;

  ThreadPoolRuntime(String name, int workers, WorkerSettings settings, WorkerListener listener) {
    this.name = name;
    this.target = workers;
    this.settings = settings;
    this.listener = listener;
    this.ephemeral = settings.mode() == WorkerMode.EPHEMERAL;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void execute(Runnable task) {
    if (state != RUNNING) {
      throw new RejectedExecutionException(name + " is shut down");
    }
    queue.add(task);
    // Re-check, as ThreadPoolExecutor does: a shutdown that raced the add must not strand it.
    if (state != RUNNING && queue.remove(task)) {
      throw new RejectedExecutionException(name + " is shut down");
    }
    if (ephemeral) {
      handOff();
    } else {
      tryStartWorker(null);
    }
  }

  /**
   * Ephemeral mode: gives queued tasks, one each, to new workers while there is room. A worker
   * takes its task when it is created, so every started worker runs exactly one job.
   */
  private void handOff() {
    while (!queue.isEmpty() && reserve()) {
      Runnable task = queue.poll();
      if (task == null) {
        unreserve();
        return;
      }
      start(task);
    }
  }

  /** Starts a worker if fewer than the target are alive; false otherwise. */
  private boolean tryStartWorker(Runnable firstTask) {
    if (!reserve()) {
      return false;
    }
    start(firstTask);
    return true;
  }

  private boolean reserve() {
    int n;
    do {
      n = live.get();
      if (n >= target || state == STOP) {
        return false;
      }
    } while (!live.compareAndSet(n, n + 1));
    return true;
  }

  private void unreserve() {
    if (live.decrementAndGet() == 0 && state != RUNNING && queue.isEmpty()) {
      terminated.complete(null);
    }
  }

  private void start(Runnable firstTask) {
    WorkerThread worker = new WorkerThread(this, name + "-worker-" + started.incrementAndGet());
    worker.firstTask = firstTask;
    workers.add(worker);
    worker.start();
  }

  /** Starts a worker for waiting work, in the way the mode starts them. */
  private void replace() {
    if (ephemeral) {
      handOff();
    } else if (!queue.isEmpty()) {
      tryStartWorker(null);
    }
  }

  @Override
  public void shutdown() {
    if (state != RUNNING) {
      return;
    }
    state = SHUTDOWN;
    queue.add(Pill.STOP);
    if (live.get() == 0) {
      replace();
      if (live.get() == 0 && queue.remove(Pill.STOP)) {
        // No worker could carry the pill: nothing can be running or queued.
        terminated.complete(null);
      }
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    state = STOP;
    List<Runnable> never = drainWork();
    for (WorkerThread w : workers) {
      w.interrupt();
    }
    if (live.get() == 0) {
      terminated.complete(null);
    }
    return never;
  }

  @Override
  public List<Runnable> cancelQueued() {
    return drainWork();
  }

  /** Takes the queued tasks out, leaving the pills in place. */
  private List<Runnable> drainWork() {
    List<Runnable> drained = new ArrayList<>();
    queue.drainTo(drained);
    List<Runnable> work = new ArrayList<>(drained.size());
    for (Runnable r : drained) {
      if (r instanceof Pill) {
        if (state != STOP) {
          queue.add(r);
        }
      } else {
        work.add(r);
      }
    }
    return work;
  }

  @Override
  public boolean remove(Runnable task) {
    return queue.remove(task);
  }

  @Override
  public void resize(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was: [" + workers + "]");
    }
    target = workers;
    if (ephemeral) {
      // Ephemeral workers leave after each job anyway; the new target applies to the next ones.
      handOff();
      return;
    }
    int surplus = live.get() - workers;
    for (int i = 0; i < surplus; i++) {
      queue.add(Pill.SHRINK);
    }
    while (!queue.isEmpty() && tryStartWorker(null)) {
      // Grow at once while work waits.
    }
  }

  @Override
  public void killWorkers() {
    for (WorkerThread w : workers) {
      w.killed = true;
      w.interrupt();
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

  @Override
  public int liveWorkers() {
    return live.get();
  }

  @Override
  public long workersStarted() {
    return started.get();
  }

  /* ---------------- Workers ---------------- */

  /** Lets a running job see whether its worker was killed under it. */
  static final class WorkerThread extends Thread {
    volatile boolean killed;
    /** The task it was started for (ephemeral mode), taken before the queue. */
    private Runnable firstTask;
    private final ThreadPoolRuntime pool;
    private long jobs;
    private long deadlineNanos = Long.MAX_VALUE;

    private WorkerThread(ThreadPoolRuntime pool, String name) {
      super(name);
      this.pool = pool;
      // Non-daemon, as Pekko's dispatchers are; the pool's actor shuts it down when it stops.
      setDaemon(false);
    }

    @Override
    public void run() {
      pool.work(this);
    }
  }

  /** The body of a worker. */
  private void work(WorkerThread self) {
    Reason reason = Reason.SHUTDOWN;
    boolean counted = false;
    boolean tookStop = false;
    try {
      settings.maxLifetime().ifPresent(lifetime -> {
        double cut = ThreadLocalRandom.current().nextDouble() * settings.maxLifetimeVariance();
        self.deadlineNanos = System.nanoTime() + (long) (lifetime.toNanos() * (1 - cut));
      });
      if (!initialize(self)) {
        reason = Reason.CRASHED;
        return;
      }
      while (true) {
        Runnable task = self.firstTask != null ? self.firstTask : next(self);
        self.firstTask = null;
        if (task == null) {
          reason = state == RUNNING && !self.killed
              ? (System.nanoTime() >= self.deadlineNanos ? Reason.MAX_LIFETIME : Reason.IDLE)
              : self.killed ? Reason.CRASHED : Reason.SHUTDOWN;
          return;
        }
        if (task == Pill.STOP) {
          reason = Reason.SHUTDOWN;
          tookStop = true;
          return;
        }
        if (task == Pill.SHRINK) {
          int n = live.get();
          if (n > target && live.compareAndSet(n, n - 1)) {
            counted = true;
            reason = Reason.RESIZED;
            return;
          }
          continue;
        }
        try {
          task.run();
        } catch (WorkerCrash crash) {
          reason = Reason.CRASHED;
          return;
        } finally {
          self.jobs++;
        }
        // A stale interrupt (a timeout that lost its race) must not hit the next job.
        if (Thread.interrupted() && (self.killed || state == STOP)) {
          reason = self.killed ? Reason.CRASHED : Reason.SHUTDOWN;
          return;
        }
        Reason retire = retireReason(self);
        if (retire != null) {
          reason = retire;
          return;
        }
      }
    } finally {
      exit(self, reason, counted, tookStop);
    }
  }

  private Reason retireReason(WorkerThread self) {
    if (self.killed) {
      return Reason.CRASHED;
    }
    if (state == STOP) {
      return Reason.SHUTDOWN;
    }
    if (settings.mode() == WorkerMode.EPHEMERAL) {
      return Reason.JOB_DONE;
    }
    if (settings.maxJobsPerWorker() > 0 && self.jobs >= settings.maxJobsPerWorker()) {
      return Reason.MAX_JOBS;
    }
    if (System.nanoTime() >= self.deadlineNanos) {
      return Reason.MAX_LIFETIME;
    }
    return null;
  }

  /** The next task, or null when this worker should leave. */
  private Runnable next(WorkerThread self) {
    while (true) {
      if (state == STOP || self.killed) {
        return null;
      }
      try {
        if (ephemeral) {
          return null; // an ephemeral worker runs the one job it was started for
        }
        long waitNanos = Long.MAX_VALUE;
        if (settings.idleTimeout().isPresent()) {
          waitNanos = settings.idleTimeout().get().toNanos();
        }
        if (self.deadlineNanos != Long.MAX_VALUE) {
          waitNanos = Math.min(waitNanos, Math.max(0, self.deadlineNanos - System.nanoTime()));
        }
        if (waitNanos == Long.MAX_VALUE) {
          return queue.take();
        }
        Runnable task = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
        if (task != null) {
          return task;
        }
        if (state != RUNNING) {
          continue; // a graceful shutdown drains: wait for the STOP pill
        }
        if (System.nanoTime() >= self.deadlineNanos || settings.idleTimeout().isPresent()) {
          return null;
        }
      } catch (InterruptedException e) {
        // Woken by shutdownNow() or killWorkers(); the loop head decides.
      }
    }
  }

  /** Runs the initializer; on failure fails one waiting job with the cause, so none waits on it. */
  private boolean initialize(WorkerThread self) {
    WorkerInitializer initializer = settings.initializer().orElse(null);
    if (initializer == null) {
      return true;
    }
    try {
      initializer.initialize(name);
      return true;
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      Runnable task = self.firstTask != null ? self.firstTask : queue.poll();
      self.firstTask = null;
      if (task instanceof PoolTask job) {
        job.crashed(new WorkerCrashedException(
            self.getName() + " could not start: its initializer failed", 1, t));
      } else if (task != null) {
        queue.add(task); // a pill: leave it for another worker
      }
      return false;
    }
  }

  private void exit(WorkerThread self, Reason reason, boolean counted, boolean tookStop) {
    workers.remove(self);
    int left = counted ? live.get() : live.decrementAndGet();
    try {
      listener.workerStopped(self.getName(), reason, self.jobs);
    } catch (RuntimeException e) {
      // A listener must never take the pool's bookkeeping down with it.
    }
    if (state == STOP) {
      if (left == 0) {
        terminated.complete(null);
      }
      return;
    }
    if (tookStop) {
      // This worker took the STOP pill: hand it on, or finish the shutdown.
      if (left > 0) {
        queue.add(Pill.STOP);
      } else {
        replace();
        if (live.get() == 0) {
          terminated.complete(null);
        }
      }
      return;
    }
    replace();
    if (left == 0 && state == SHUTDOWN && live.get() == 0 && queue.isEmpty()) {
      terminated.complete(null);
    }
  }

  /**
   * What a job's exception means for its caller: a worker killed under it by {@link #killWorkers}
   * turns it into {@link WorkerCrashedException}; anything else is the job's own failure.
   */
  static Throwable jobFailure(Throwable t) {
    if (Thread.currentThread() instanceof WorkerThread w && w.killed) {
      return new WorkerCrashedException(w.getName() + " was killed (killWorkers) while running "
          + "this job", 1, t);
    }
    return t;
  }

  /** Thrown by a task to make its worker leave: the job crashed it. */
  static final class WorkerCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerCrash(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }
}
