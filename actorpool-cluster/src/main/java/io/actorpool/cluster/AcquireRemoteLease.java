package io.actorpool.cluster;

import java.time.Duration;
import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Asks a pool group, wherever it lives, for exclusive use of one of its pools: the cross-node
 * form of the core's {@code AcquireLease}. Send it in a {@link PoolEnvelope}; most callers use
 * {@link ClusterPools#acquireLease}, which sends it for them and returns a {@link
 * RemoteLeasedExecutor}.
 *
 * <p>The group's node acquires the lease from its local {@code PoolSupervisor} with {@code
 * holder} as the core lease's holder, so the core watches that actor across nodes as it watches a
 * local one: when the holder stops, or its node is removed from the cluster, the lease is
 * released. Reply: {@link RemoteLeaseGranted}, or {@code Status.Failure} with the core's {@code
 * LeaseUnavailableException} (no pool within {@code waitUpTo}) or {@code
 * IllegalArgumentException} (e.g. {@code leaseFor} above {@code lease.max-total}).
 *
 * @param leaseFor how long the lease lasts before it expires (soft expiry); positive
 * @param waitUpTo how long to wait for a free pool; zero fails fast; not negative
 * @param holder the actor, on any node, whose death releases the lease; {@code null} for the
 *     sender, which is not watched when it is the temporary actor of an {@code ask}
 */
@ApiMayChange
public record AcquireRemoteLease(Duration leaseFor, Duration waitUpTo, ActorRef holder)
    implements CborSerializable {

  /** @throws IllegalArgumentException for a non-positive {@code leaseFor} or negative wait */
  public AcquireRemoteLease {
    Objects.requireNonNull(leaseFor, "AcquireRemoteLease leaseFor");
    Objects.requireNonNull(waitUpTo, "AcquireRemoteLease waitUpTo");
    if (leaseFor.isZero() || leaseFor.isNegative()) {
      throw new IllegalArgumentException(
          "AcquireRemoteLease leaseFor must be > 0, was: [" + leaseFor + "]");
    }
    if (waitUpTo.isNegative()) {
      throw new IllegalArgumentException(
          "AcquireRemoteLease waitUpTo must be >= 0, was: [" + waitUpTo + "]");
    }
  }
}
