package io.actorpool;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Replaces a running supervisor's settings in one step. Reply: {@code Done}, or {@code
 * Status.Failure(IllegalArgumentException)} with the reason when the update is refused; a refused
 * update changes nothing.
 *
 * <p>Bounds, units per pool, the check interval, the signal-failure mode, the queue limit and the
 * lease settings apply at once (the target is recomputed; leases already granted keep their
 * deadlines). A new {@code workers-per-pool} resizes every pool in place: extra workers leave after
 * the jobs queued before the change. New {@code workers} settings apply to pools started from now
 * on; {@code logging-interval} and {@code jmx} are read when the supervisor starts.
 *
 * <p>Two forms:
 *
 * <ul>
 *   <li>{@code new UpdateSettings(settings)} replaces the settings whole. They were checked when
 *       they were created, so the update is applied whole or, if the supervisor is gone, not at
 *       all.
 *   <li>{@link #change(UnaryOperator)} computes the new settings from the supervisor's current ones,
 *       inside the supervisor, so two changes never overwrite each other (JMX and code may both
 *       adjust a running supervisor). If the function throws {@link IllegalArgumentException}, for
 *       example {@code s -> s.withPoolBounds(5, 3)}, the update is refused with that exception.
 * </ul>
 *
 * @param settings the new settings; null for a {@link #change}
 * @param change the change to apply to the current settings; null for a replacement
 */
public record UpdateSettings(PoolSettings settings, UnaryOperator<PoolSettings> change)
    implements NoSerializationVerificationNeeded {

  /**
   * Checks that exactly one form is given.
   *
   * @throws IllegalArgumentException if both or neither are given
   */
  public UpdateSettings {
    if ((settings == null) == (change == null)) {
      throw new IllegalArgumentException(
          "UpdateSettings takes either settings or a change, was: [" + settings + ", " + change
              + "]");
    }
  }

  /**
   * Replaces the settings whole.
   *
   * @param settings the new settings
   * @throws NullPointerException if {@code settings} is null
   */
  public UpdateSettings(PoolSettings settings) {
    this(Objects.requireNonNull(settings, "settings"), null);
  }

  /**
   * Changes the settings relative to the supervisor's current ones, e.g. {@code
   * UpdateSettings.change(s -> s.withPoolBounds(2, 6))}.
   *
   * @param change applied inside the supervisor to its current settings; it must not block
   * @return the message
   */
  public static UpdateSettings change(UnaryOperator<PoolSettings> change) {
    return new UpdateSettings(null, Objects.requireNonNull(change, "change"));
  }

  /**
   * The settings this update leads to from {@code current}. Called by the supervisor.
   *
   * @param current the supervisor's settings now
   * @return the new settings
   * @throws IllegalArgumentException if the change is invalid; nothing is applied then
   */
  public PoolSettings applyTo(PoolSettings current) {
    if (settings != null) {
      return settings;
    }
    PoolSettings next = change.apply(current);
    if (next == null) {
      throw new IllegalArgumentException("UpdateSettings change returned no settings, was: [null]");
    }
    return next;
  }
}
