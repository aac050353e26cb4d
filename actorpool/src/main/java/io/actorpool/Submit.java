package io.actorpool;

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
 * <p>Reply to the sender: the job's return value, {@link org.apache.pekko.Done} when it returned
 * {@code null} (a message cannot be null), or {@code Status.Failure(cause)} when it threw. {@link
 * ActorPool#submit} does the ask for you and keeps {@code null} results as {@code null}.
 *
 * @param job the work to run; never null
 */
public record Submit(Callable<?> job) implements NoSerializationVerificationNeeded {
  public Submit {
    Objects.requireNonNull(job, "Submit job must not be null");
  }
}
