package io.actorpool;

import java.time.Duration;

/**
 * Reply to {@link RenewLease}.
 *
 * @param leaseId the lease
 * @param untilSoftExpiry time left until it expires
 * @param untilHardExpiry time left until it is revoked
 * @param capped whether {@code lease.max-total} cut the renewal short
 */
public record LeaseRenewed(
    String leaseId, Duration untilSoftExpiry, Duration untilHardExpiry, boolean capped) {}
