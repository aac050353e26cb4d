package io.actorpool;

/**
 * A source of monotonic time in nanoseconds, injected wherever ActorPool measures windows or
 * intervals, so that tests and trace replays can drive time by hand.
 *
 * <p>Shaped like Caffeine's {@code Ticker}: the built-in is a static factory. Implementations must
 * be safe to call from any thread; the values only make sense as differences.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * The current time of this ticker.
   *
   * @return nanoseconds since an arbitrary origin; never decreasing
   */
  long read();

  /**
   * The ticker backed by {@link System#nanoTime()}.
   *
   * @return the shared system ticker
   */
  static Ticker systemTicker() {
    return SystemTicker.INSTANCE;
  }
}

/** The {@link System#nanoTime()} ticker. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
