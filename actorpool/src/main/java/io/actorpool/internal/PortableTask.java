package io.actorpool.internal;

import java.util.concurrent.Callable;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>A queued job whose work can be carried out somewhere other than the calling thread, for
 * backends that run jobs outside this JVM (the process backend). The backend ships {@link
 * #callable()} away and calls {@link #runAs} on a local thread with a body that waits for the
 * remote answer, so the job keeps its one-answer state machine, its timeout (which interrupts the
 * calling thread) and its done-notification exactly as on a local worker.
 */
@InternalApi
public interface PortableTask extends Runnable {

  /** The job as the user submitted it. */
  Callable<?> callable();

  /**
   * Runs this task on the calling thread with {@code body} in place of {@link #callable()}. A
   * body that throws {@link WorkerLost} means the worker died under the job: the job goes the
   * crash path (run again within {@code max-job-crashes}, then {@code WorkerCrashedException}).
   * Any other exception is the job's own failure.
   */
  void runAs(Callable<?> body);

  /** Fails the task's caller with {@code cause}; the task will not run. */
  void reject(Throwable cause);

  /** The worker that was to run this task died first; it may be run again elsewhere. */
  void crashed(Throwable cause);

  /** Thrown by a {@link #runAs} body: the worker running the job died; the cause says how. */
  final class WorkerLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkerLost(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }
}
