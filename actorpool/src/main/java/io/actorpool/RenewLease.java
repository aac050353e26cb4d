package io.actorpool;

import java.util.Objects;
import java.time.Duration;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Moves a lease's expiry later by {@code extra}, up to {@code lease.max-total} from its grant. Reply:
 * {@link LeaseRenewed}, or {@code Status.Failure} with {@link UnknownLeaseException}, {@link
 * LeaseExpiredException}, {@link LeaseReleasedException}, {@link IllegalArgumentException} (a
 * non-positive {@code extra}) or {@link IllegalStateException} (already at {@code max-total}).
 * {@link LeasedExecutor#renew} sends this for you.
 */
public record RenewLease(String leaseId, Duration extra)
    implements NoSerializationVerificationNeeded {
  public RenewLease {
    Objects.requireNonNull(leaseId, "leaseId");
    Objects.requireNonNull(extra, "extra");
  }
}
