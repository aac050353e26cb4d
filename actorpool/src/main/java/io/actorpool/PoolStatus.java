package io.actorpool;

import java.util.List;

/**
 * Reply to {@link GetPoolStatus} and {@link AwaitSettled}: a consistent snapshot of one
 * supervisor, taken inside it.
 *
 * <p>Capacity is counted honestly: a pool that is draining, revoked, or whose threads have not
 * ended yet is in {@code draining} and in {@code total} until it is really gone, so {@code total
 * <= maxPools} always holds and {@code total == idle + busy + leased + draining}.
 *
 * @param desired the pool count the sizing rule wants now
 * @param total every pool that exists, draining ones included
 * @param idle pools running nothing, ready for work or a lease
 * @param leased pools lent out under a lease
 * @param busy pools running at least one job and taking more
 * @param draining pools finishing their work (or revoked) before they stop; includes {@code stuck}
 * @param queued jobs waiting in the supervisor for a free worker
 * @param units the unit count the target was computed from
 * @param runningJobs jobs running on all pools, lease work included
 * @param minPools the {@code min-pools} bound
 * @param maxPools the {@code max-pools} bound
 * @param workersPerPool worker threads in each pool
 * @param stuck revoked pools whose threads outlived {@code lease.revoke-timeout}
 * @param leaseWaiters {@link AcquireLease} requests waiting for a pool, in arrival order
 * @param pools every pool, oldest first
 * @param leases every active lease, oldest first
 */
public record PoolStatus(
    int desired,
    int total,
    int idle,
    int leased,
    int busy,
    int draining,
    int queued,
    int units,
    int runningJobs,
    int minPools,
    int maxPools,
    int workersPerPool,
    int stuck,
    int leaseWaiters,
    List<PoolInfo> pools,
    List<LeaseInfo> leases) {

  public PoolStatus {
    pools = List.copyOf(pools);
    leases = List.copyOf(leases);
  }

  /** Whether the supervisor has as many pools as desired and none draining. */
  public boolean settled() {
    return total == desired && draining == 0;
  }
}
