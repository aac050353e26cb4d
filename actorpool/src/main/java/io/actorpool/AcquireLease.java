package io.actorpool;

import java.time.Duration;
import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Asks a {@code PoolSupervisor} for exclusive use of one whole pool for {@code leaseFor}.
 *
 * <p>Reply: {@link LeaseGranted} with a {@link LeasedExecutor}, taken from an idle pool, or from a
 * new pool when none is idle and fewer than {@code max-pools} exist. Otherwise the request waits,
 * strictly first come first served, up to {@code waitUpTo}, then fails with {@code
 * Status.Failure(LeaseUnavailableException)}. A zero wait fails at once. A non-positive {@code
 * leaseFor}, or a {@code leaseFor} above {@code lease.max-total}, or a negative {@code waitUpTo},
 * fails with {@code Status.Failure(IllegalArgumentException)} and changes nothing.
 *
 * <p>The holder (the sender, unless {@code holder} is given) is watched: when it stops, its lease
 * is released at once. The temporary actor behind {@code Patterns.ask} is not a holder, since it
 * stops as soon as the reply arrives; such a lease ends by release or expiry only.
 *
 * @param leaseFor how long the lease lasts before it expires (soft expiry)
 * @param waitUpTo how long to wait for a free pool; zero fails fast
 * @param holder the actor whose death releases the lease, or {@code null} for the sender
 */
public record AcquireLease(Duration leaseFor, Duration waitUpTo, ActorRef holder)
    implements NoSerializationVerificationNeeded {

  public AcquireLease {
    Objects.requireNonNull(leaseFor, "AcquireLease leaseFor must not be null");
    Objects.requireNonNull(waitUpTo, "AcquireLease waitUpTo must not be null");
  }

  /** A lease held by the sender of this message. */
  public AcquireLease(Duration leaseFor, Duration waitUpTo) {
    this(leaseFor, waitUpTo, null);
  }
}
