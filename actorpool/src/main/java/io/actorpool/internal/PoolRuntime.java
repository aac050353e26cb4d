package io.actorpool.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The real executor behind one {@code ExecutorPool}: {@code workers-per-pool} threads named
 * {@code <pool>-worker-<n>}. It outlives restarts of its actor, which is why the supervisor creates
 * it and hands it to the actor rather than the actor creating it.
 *
 * <p>{@link #terminated()} completes when the last worker thread has finished, which is when the
 * pool stops counting against {@code max-pools}.
 */
@InternalApi
public final class PoolRuntime {

  private final String name;
  private final Executor executor;

  PoolRuntime(String name, int workers) {
    this.name = name;
    this.executor = new Executor(name, workers);
  }

  /** The pool's name. */
  public String name() {
    return name;
  }

  /**
   * Runs {@code task} on a worker; it queues inside the executor when every worker is busy.
   *
   * @throws java.util.concurrent.RejectedExecutionException once the pool is shutting down
   */
  public void execute(Runnable task) {
    executor.execute(task);
  }

  /** Lets running and queued tasks finish, accepts nothing new. */
  void shutdown() {
    executor.shutdown();
  }

  /** Interrupts running tasks and returns those that never started. */
  List<Runnable> shutdownNow() {
    return executor.shutdownNow();
  }

  /** Takes every task that has not started out of the queue; running tasks are left alone. */
  List<Runnable> cancelQueued() {
    List<Runnable> queued = new java.util.ArrayList<>();
    executor.getQueue().drainTo(queued);
    return queued;
  }

  boolean isShutdown() {
    return executor.isShutdown();
  }

  /** Completes once every worker thread has ended. */
  public CompletionStage<Void> terminated() {
    return executor.terminated;
  }

  boolean isTerminated() {
    return executor.isTerminated();
  }

  /** Threads alive now, for diagnostics. */
  int liveThreads() {
    return executor.getPoolSize();
  }

  private static final class Executor extends ThreadPoolExecutor {
    final CompletableFuture<Void> terminated = new CompletableFuture<>();

    Executor(String name, int workers) {
      super(workers, workers, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
          new NamedThreadFactory(name));
    }

    @Override
    protected void terminated() {
      // Runs on the last worker as it exits: the pool's threads are done with user code.
      terminated.complete(null);
    }
  }

  private static final class NamedThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreadFactory(String pool) {
      this.prefix = pool + "-worker-";
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      // Non-daemon, as Pekko's dispatchers are: a job is not cut off by main() returning.
      // The pool's actor shuts the executor down when it stops, so nothing is left behind.
      t.setDaemon(false);
      return t;
    }
  }
}
