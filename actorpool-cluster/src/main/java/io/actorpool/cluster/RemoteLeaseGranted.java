package io.actorpool.cluster;

import java.time.Duration;
import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Reply to {@link AcquireRemoteLease}: a pool of group {@code key} is leased. The pool and its
 * local {@code LeasedExecutor} stay on the group's node; this names them. Send the core's {@code
 * RenewLease} and {@code ReleaseLease} with {@code leaseId} to {@code entity} (not through the
 * region: the lease belongs to this incarnation of the group, on this node). {@link
 * ClusterPools#acquireLease} wraps it in a {@link RemoteLeasedExecutor}.
 *
 * <p>Deadlines are durations from the moment the group's node granted the lease, because clocks
 * of different nodes are not comparable.
 *
 * @param typeName the pool group type
 * @param key the pool group
 * @param leaseId the lease's id, unique within this incarnation of the group
 * @param poolName the leased pool's name, as in {@code PoolInfo.name()}
 * @param entity the group's actor on its hosting node; its address is that node
 * @param untilSoftExpiry time left until the lease expires, at the grant
 * @param untilHardExpiry time left until it is revoked ({@code lease.grace} later), at the grant
 */
@ApiMayChange
public record RemoteLeaseGranted(
    String typeName,
    String key,
    String leaseId,
    String poolName,
    ActorRef entity,
    Duration untilSoftExpiry,
    Duration untilHardExpiry)
    implements CborSerializable {

  public RemoteLeaseGranted {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(leaseId, "leaseId");
    Objects.requireNonNull(poolName, "poolName");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(untilSoftExpiry, "untilSoftExpiry");
    Objects.requireNonNull(untilHardExpiry, "untilHardExpiry");
  }
}
