package io.actorpool;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.DoNotInherit;

/**
 * An executor kept by name and reused, like loky's reusable executor; get one from {@link
 * ActorPool#reusableExecutor}. It is a {@code PoolSupervisor} underneath, so it is sized,
 * supervised and observable like any other, and its status and events are the supervisor's.
 *
 * <p>All methods are thread-safe.
 */
@DoNotInherit
public interface ReusableExecutor extends Executor {

  /** The name it is kept under. */
  String key();

  /** Its current settings. */
  PoolSettings settings();

  /** The supervisor behind it, for {@link GetPoolStatus}, {@link AcquireLease} and the rest. */
  ActorRef supervisor();

  /** Runs {@code job}; see {@link ActorPool#submit(ActorRef, Callable)}. */
  <T> CompletionStage<T> submit(Callable<T> job);

  /** Runs {@code job} with a job timeout; see {@link ActorPool#submit(ActorRef, Callable, Duration)}. */
  <T> CompletionStage<T> submit(Callable<T> job, Duration timeout);

  /**
   * Runs {@code command}; an exception it throws is logged.
   *
   * @throws java.util.concurrent.RejectedExecutionException once this executor is shut down
   */
  @Override
  void execute(Runnable command);

  /** Replaces every worker; running jobs fail with {@link WorkerCrashedException}. */
  CompletionStage<Done> killWorkers();

  /** Its supervisor's status. */
  CompletionStage<PoolStatus> status();

  /**
   * Stops taking jobs, lets running and queued ones finish, then stops its workers. The next
   * {@link ActorPool#reusableExecutor} call with this key creates a new executor.
   *
   * @return completes when every worker has stopped
   */
  CompletionStage<Done> shutdown();

  /** Whether {@link #shutdown()} was called. */
  boolean isShutdown();
}
