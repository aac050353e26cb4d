package io.actorpool;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Runs a job on one of the supervisor's pools.
 *
 * <p>The supervisor sends the job to the least busy pool that is neither leased nor draining and
 * offers every capability the job requires. When no such worker is free, or the sizing pipeline
 * holds concurrency below the pools' size, the job waits in the supervisor's queue (up to {@code
 * max-queued-jobs}); past that it is refused with {@link JobRejectedException}.
 *
 * <p>Reply to the sender, exactly once: the job's return value; {@link org.apache.pekko.Done} when
 * it returned {@code null} (a message cannot be null); or {@code Status.Failure} with the job's
 * exception, {@link JobTimeoutException} when it outlived its timeout, {@link
 * WorkerCrashedException} when it crashed {@code workers.max-job-crashes} workers, or {@link
 * JobRejectedException}. {@link ActorPool#submit} does the ask for you and keeps {@code null}
 * results as {@code null}.
 *
 * @param job the work to run; never null
 * @param timeout how long the job may take from submission, queueing included; {@code null} uses
 *     {@code workers.job-timeout} (by default none)
 * @param requires capabilities the job needs, e.g. {@code Set.of("gpu")}; pools with them are
 *     started by the {@code capability} sizing policy. Empty: any pool
 */
public record Submit(Callable<?> job, Duration timeout, Set<String> requires)
    implements NoSerializationVerificationNeeded {

  public Submit {
    Objects.requireNonNull(job, "Submit job must not be null");
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("Submit timeout must be > 0, was: [" + timeout + "]");
    }
    requires = Set.copyOf(Objects.requireNonNull(requires, "Submit requires must not be null"));
  }

  /** A job with a timeout that any pool may run. */
  public Submit(Callable<?> job, Duration timeout) {
    this(job, timeout, Set.of());
  }

  /** A job with the pool's default timeout ({@code workers.job-timeout}) that any pool may run. */
  public Submit(Callable<?> job) {
    this(job, null, Set.of());
  }

  /** A job that only pools offering all of {@code capabilities} may run. */
  public static Submit requiring(Callable<?> job, String... capabilities) {
    return new Submit(job, null, Set.of(capabilities));
  }
}
