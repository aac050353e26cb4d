package io.actorpool;

/**
 * Asks a {@link SystemLoad} actor for its latest load. Reply: {@link LoadSnapshot}.
 *
 * <p>Usage: {@code Patterns.ask(systemLoad, GetLoad.INSTANCE, timeout)}.
 */
public enum GetLoad {
  INSTANCE
}
