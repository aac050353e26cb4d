package io.actorpool.internal;

import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Told when a worker stops, and why, so the supervisor can publish it. Called on the worker's
 * own thread; implementations must be thread-safe and must not block.
 */
@InternalApi
public interface WorkerListener {

  /** Reasons a worker stops. */
  enum Reason {
    /** Ran {@code max-jobs-per-worker} jobs. */
    MAX_JOBS,
    /** Reached its {@code max-lifetime}. */
    MAX_LIFETIME,
    /** Waited {@code idle-timeout} without a job. */
    IDLE,
    /** Ephemeral mode: its one job is done. */
    JOB_DONE,
    /** A process worker whose resident memory grew past {@code process.max-memory-growth}. */
    MEMORY_GROWTH,
    /** The pool was resized below it. */
    RESIZED,
    /** A job crashed it, its initializer failed, or {@code killWorkers} killed it. */
    CRASHED,
    /** The pool shut down. */
    SHUTDOWN
  }

  void workerStopped(String worker, Reason reason, long jobs);

  WorkerListener NONE = (worker, reason, jobs) -> { };
}
