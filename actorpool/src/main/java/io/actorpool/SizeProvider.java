package io.actorpool;

/**
 * The runtime signal the supervisor sizes from: a count of "units" such as connected devices,
 * tenants or open sessions. The supervisor wants {@code ceil(units / units-per-pool)} pools,
 * bounded by {@code min-pools} and {@code max-pools}.
 *
 * <p>Called inside the supervisor actor every {@code check-interval} and on {@link
 * ScaleChanged#recheck()}, so it must be cheap and must not block. It may be called from a
 * different thread each time; read shared state through thread-safe structures.
 *
 * <p>A provider that throws, or returns a negative number, is logged (once, and again when the
 * failure changes) and survived; {@code actor-pool.on-signal-failure} decides whether the last
 * good count is held or zero is used.
 */
@FunctionalInterface
public interface SizeProvider {

  /**
   * The current unit count.
   *
   * @return a count {@code >= 0}
   * @throws Exception if the signal cannot be read; the supervisor survives it
   */
  int units() throws Exception;
}
