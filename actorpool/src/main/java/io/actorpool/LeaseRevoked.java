package io.actorpool;

/**
 * Sent to a lease's holder actor at hard expiry: the lease is over, its queued work failed with
 * {@link LeaseExpiredException} and its running work was interrupted.
 */
public record LeaseRevoked(String leaseId) {}
