package io.actorpool;

/**
 * Stops a {@code PoolSupervisor} without cutting work off: new jobs and leases are refused at once,
 * queued and running jobs finish, active leases run to their release or expiry, every pool's
 * threads end, then the supervisor stops. Reply: {@code Done}, just before it stops.
 *
 * <p>Stopping the actor directly ({@code system.stop}) instead interrupts running jobs.
 */
public enum StopGracefully {
  INSTANCE
}
