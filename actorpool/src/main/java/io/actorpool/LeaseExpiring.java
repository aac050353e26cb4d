package io.actorpool;

import java.time.Duration;

/**
 * Sent to a lease's holder actor at soft expiry: renew now, or the lease is revoked after {@code
 * untilRevoke}.
 */
public record LeaseExpiring(String leaseId, Duration untilRevoke) {}
