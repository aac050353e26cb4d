package io.actorpool;

/** Where one pool is in its life, as shown in {@link PoolInfo}. */
public enum PoolState {
  /** Running no job and not leased: it takes the next {@link Submit}. */
  IDLE,
  /** Running at least one {@link Submit} job. */
  BUSY,
  /** Lent out under a lease; only the lease's work runs on it. */
  LEASED,
  /** Finishing what it has and taking nothing new; it still counts against max-pools. */
  DRAINING,
  /**
   * Revoked, but its threads did not stop within {@code lease.revoke-timeout} (a job ignores
   * interrupts). Counted as draining, against max-pools, until its threads end.
   */
  STUCK
}
