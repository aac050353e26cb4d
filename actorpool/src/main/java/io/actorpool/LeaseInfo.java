package io.actorpool;

import java.time.Duration;

/**
 * One active lease in a {@link PoolStatus}.
 *
 * @param leaseId the lease's id
 * @param pool the leased pool's name
 * @param holder the holder actor's path, or {@code "unwatched"} when it was granted to an ask
 * @param untilSoftExpiry time left until it expires; negative during the grace period
 * @param untilHardExpiry time left until it is revoked
 * @param runningJobs jobs submitted through it and not yet finished
 * @param released whether it was released and is finishing its work
 */
public record LeaseInfo(
    String leaseId,
    String pool,
    String holder,
    Duration untilSoftExpiry,
    Duration untilHardExpiry,
    int runningJobs,
    boolean released) {}
