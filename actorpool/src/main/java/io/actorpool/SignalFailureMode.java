package io.actorpool;

import java.util.Locale;

/**
 * What the supervisor does when its {@link SizeProvider} throws or returns a negative count.
 *
 * <p>Configured by {@code actor-pool.on-signal-failure}; see {@code reference.conf}.
 */
public enum SignalFailureMode {
  /** Keep the last good unit count, so a broken signal never shrinks running capacity. */
  HOLD,
  /** Treat the unit count as zero for that check: leasepool's behaviour. */
  ZERO;

  /** The name used in configuration, e.g. {@code hold}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SignalFailureMode fromConfigName(String key, String value) {
    for (SignalFailureMode mode : values()) {
      if (mode.configName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        key + " must be one of [hold, zero], was: [" + value + "]");
  }
}
