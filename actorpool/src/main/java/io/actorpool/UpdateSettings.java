package io.actorpool;

import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Replaces a running supervisor's settings in one step. Reply: {@code Done}.
 *
 * <p>Bounds, units per pool, the check interval, the signal-failure mode, the queue limit and the
 * lease settings apply at once (the target is recomputed; leases already granted keep their
 * deadlines). A new {@code workers-per-pool} resizes every pool in place: extra workers leave after
 * the jobs queued before the change. New {@code workers} settings apply to pools started from now
 * on. The settings were checked when they were created, so an update is applied whole or, if the
 * supervisor is gone, not at all.
 */
public record UpdateSettings(PoolSettings settings) implements NoSerializationVerificationNeeded {
  public UpdateSettings {
    Objects.requireNonNull(settings, "settings");
  }
}
