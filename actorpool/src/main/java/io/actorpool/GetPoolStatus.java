package io.actorpool;

/**
 * Asks a {@code PoolSupervisor} for its current state. Reply: {@link PoolStatus}.
 *
 * <p>Usage: {@code Patterns.ask(pools, GetPoolStatus.INSTANCE, timeout)}, or {@link
 * ActorPool#status}.
 */
public enum GetPoolStatus {
  INSTANCE
}
