package io.actorpool.cluster;

import java.util.Objects;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Tells the holder actor of a lease taken with {@link ClusterPools#acquireLease} that the lease
 * ended because its pool group was lost: the node hosting the group was removed from the cluster
 * (crashed and downed, or left), or the group stopped there (it moved to another node). The
 * leased pool is gone with it: the lease's in-flight jobs fail with {@link GroupLostException},
 * and its {@link RemoteLeasedExecutor} refuses new ones. Sent once per lease, by the node that
 * acquired the lease, to the {@code holder} given there; nothing is sent when no holder was
 * given. Acquire again to get a pool of the group on its new node.
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
