package io.actorpool;

import java.util.concurrent.CompletionStage;

/**
 * Work pulled by a supervisor in pull mode, the way Crawlee's {@code AutoscaledPool} is driven:
 * send the supervisor {@link Run} with a source and it asks {@link #isTaskReady()} whenever it has
 * a free slot, runs {@link #runTask()} on a pool worker when the answer is yes, and asks {@link
 * #isFinished()} when nothing is ready and nothing runs.
 *
 * <p>Threading: {@code isTaskReady} and {@code isFinished} are called from the supervisor actor,
 * one call at a time, and must return quickly (do slow work in the returned stage). {@code
 * runTask} is called on a pool worker, which stays busy until its stage completes; several run at
 * once, so it must be thread-safe.
 */
public interface TaskSource {

  /** Whether a task should be started now; a failed stage aborts the run with its cause. */
  CompletionStage<Boolean> isTaskReady();

  /**
   * Runs one task. A stage that fails (or a task that outlives {@code pull.task-timeout}) aborts
   * the run, unless {@code pull.continue-on-error} is on.
   */
  CompletionStage<?> runTask();

  /**
   * Whether the run is over; asked only when no task is ready and none runs. A failed stage
   * aborts the run with its cause.
   */
  CompletionStage<Boolean> isFinished();
}
