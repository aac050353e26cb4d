package io.actorpool;

/**
 * Asks a {@code PoolSupervisor} to reply once it has settled: as many pools as desired, and none
 * draining. Reply: {@link PoolStatus}, sent at once if it has already settled.
 *
 * <p>A supervisor that cannot settle (a leased pool above target, a pool whose job ignores
 * interrupts) does not reply until it can; bound the wait with the ask timeout. {@link
 * ActorPool#awaitSettled} wraps this.
 */
public enum AwaitSettled {
  INSTANCE
}
