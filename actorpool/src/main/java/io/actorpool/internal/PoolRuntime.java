package io.actorpool.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The workers behind one {@code ExecutorPool}. It outlives restarts of its actor, which is why
 * the supervisor creates it and hands it to the actor rather than the actor creating it.
 *
 * <p>{@link #terminated()} completes when the last worker has finished, which is when the pool
 * stops counting against {@code max-pools}. All methods are thread-safe.
 */
@InternalApi
public interface PoolRuntime {

  /** The pool's name, used for its threads and its log lines. */
  String name();

  /**
   * Runs {@code task} on a worker; it queues inside the runtime when every worker is busy.
   *
   * @throws java.util.concurrent.RejectedExecutionException once the pool is shutting down
   */
  void execute(Runnable task);

  /** Lets running and queued tasks finish, accepts nothing new. */
  void shutdown();

  /** Interrupts running tasks and returns those that never started. */
  List<Runnable> shutdownNow();

  /** Takes every task that has not started out of the queue; running tasks are left alone. */
  List<Runnable> cancelQueued();

  /** Takes {@code task} out of the queue if it has not started; true if it was there. */
  boolean remove(Runnable task);

  /** Changes the worker count in place: extra workers leave after their current job. */
  void resize(int workers);

  /**
   * Replaces every worker: running jobs are interrupted and fail with {@code
   * WorkerCrashedException}; queued jobs run on fresh workers.
   */
  void killWorkers();

  boolean isShutdown();

  boolean isTerminated();

  /** Completes once every worker has ended after a shutdown. */
  CompletionStage<Void> terminated();

  /** Workers alive now. */
  int liveWorkers();

  /** Workers started since the pool started, replacements included. */
  long workersStarted();
}
