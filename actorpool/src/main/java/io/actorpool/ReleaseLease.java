package io.actorpool;

import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Ends a lease by id, as {@link LeasedExecutor#release()} does. Reply: {@code Done} once the pool
 * has been given back (at once if the lease had already ended), or {@code
 * Status.Failure(UnknownLeaseException)} for an id this supervisor never granted.
 */
public record ReleaseLease(String leaseId) implements NoSerializationVerificationNeeded {
  public ReleaseLease {
    Objects.requireNonNull(leaseId, "leaseId");
  }
}
