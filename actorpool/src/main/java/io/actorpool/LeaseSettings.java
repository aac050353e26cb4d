package io.actorpool;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code actor-pool.lease} block: how long leases last and how they end. Each accessor is
 * described, with an example, above its key in {@code reference.conf}.
 *
 * @param defaultDuration {@code default-duration}: the lease length when none is asked for
 * @param grace {@code grace}: time between soft expiry and revocation
 * @param revokeTimeout {@code revoke-timeout}: time a revoked pool's threads get before it is
 *     reported stuck
 * @param maxTotal {@code max-total}: longest total lease length, renewals included
 */
public record LeaseSettings(
    Duration defaultDuration, Duration grace, Duration revokeTimeout, Duration maxTotal) {

  static final String PREFIX = "actor-pool.lease.";

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the key and the value of the first bad field
   */
  public LeaseSettings {
    PoolSettings.requirePositive(PREFIX + "default-duration", defaultDuration);
    Objects.requireNonNull(grace, PREFIX + "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException(PREFIX + "grace must be >= 0, was: [" + grace + "]");
    }
    PoolSettings.requirePositive(PREFIX + "revoke-timeout", revokeTimeout);
    PoolSettings.requirePositive(PREFIX + "max-total", maxTotal);
    if (maxTotal.compareTo(defaultDuration) < 0) {
      throw new IllegalArgumentException(
          PREFIX + "max-total must be >= " + PREFIX + "default-duration, was: ["
              + maxTotal + "] < [" + defaultDuration + "]");
    }
  }
}
