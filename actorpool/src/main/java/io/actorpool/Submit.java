package io.actorpool;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Runs a job on one of the supervisor's pools.
 *
 * <p>The supervisor sends the job to the least busy pool that is neither leased nor draining. When
 * every worker is busy, the job waits in the supervisor's queue (up to {@code max-queued-jobs});
 * past that it is refused with {@link JobRejectedException}.
 *
 * <p>Reply to the sender, exactly once: the job's return value; {@link org.apache.pekko.Done} when
 * it returned {@code null} (a message cannot be null); or {@code Status.Failure} with the job's
 * exception, {@link JobTimeoutException} when it outlived its timeout, or {@link
 * WorkerCrashedException} when it crashed {@code workers.max-job-crashes} workers. {@link
 * ActorPool#submit} does the ask for you and keeps {@code null} results as {@code null}.
 *
 * @param job the work to run; never null
 * @param timeout how long the job may take from submission, queueing included; {@code null} uses
 *     {@code workers.job-timeout} (by default none)
 */
public record Submit(Callable<?> job, Duration timeout) implements NoSerializationVerificationNeeded {

  public Submit {
    Objects.requireNonNull(job, "Submit job must not be null");
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("Submit timeout must be > 0, was: [" + timeout + "]");
    }
  }

  /** A job with the pool's default timeout ({@code workers.job-timeout}). */
  public Submit(Callable<?> job) {
    this(job, null);
  }
}
