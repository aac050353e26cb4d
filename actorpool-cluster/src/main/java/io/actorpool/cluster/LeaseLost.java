package io.actorpool.cluster;

import java.util.Objects;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Tells a lease holder that its lease ended because the node hosting the pool group was lost. The
 * leased pool is gone with that node; the holder's pending submits on it fail.
 *
 * <p>Defined now so that the wire format is fixed; the core's leases ({@code AcquireLease}, {@code
 * LeaseGranted}, {@code LeasedExecutor}) are routed through {@link PoolEnvelope} once they land.
 *
 * @param typeName the pool group type, as given to {@link ClusterPools#start}
 * @param key the pool group
 * @param leaseId the lost lease's id, as {@code LeasedExecutor.leaseId()} returned it
 * @param reason why, e.g. {@code "node pekko://app@10.0.0.3:7355 removed"}
 */
@ApiMayChange
public record LeaseLost(String typeName, String key, String leaseId, String reason)
    implements CborSerializable {
  public LeaseLost {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(leaseId, "leaseId");
    Objects.requireNonNull(reason, "reason");
  }
}
