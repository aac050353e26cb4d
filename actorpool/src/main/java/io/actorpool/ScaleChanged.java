package io.actorpool;

import java.util.OptionalInt;

/**
 * Tells a {@code PoolSupervisor} that its sizing signal changed. Fire and forget: there is no
 * reply; ask {@link GetPoolStatus} or {@link AwaitSettled} to see the outcome.
 *
 * <ul>
 *   <li>{@code new ScaleChanged(31)} sets the unit count to 31 directly. When the supervisor also
 *       has a {@link SizeProvider}, the provider's value replaces it at the next check.
 *   <li>{@link #recheck()} re-reads the {@link SizeProvider} now instead of waiting for {@code
 *       check-interval}, like leasepool's {@code notify_scale_changed()}.
 * </ul>
 */
public final class ScaleChanged {

  private static final ScaleChanged RECHECK = new ScaleChanged();

  private final int units;

  /**
   * Sets the unit count.
   *
   * @param units the new unit count
   * @throws IllegalArgumentException if {@code units} is negative
   */
  public ScaleChanged(int units) {
    if (units < 0) {
      throw new IllegalArgumentException("ScaleChanged units must be >= 0, was: [" + units + "]");
    }
    this.units = units;
  }

  private ScaleChanged() {
    this.units = -1;
  }

  /** A message that makes the supervisor re-read its {@link SizeProvider} at once. */
  public static ScaleChanged recheck() {
    return RECHECK;
  }

  /** The unit count this message sets, or empty for {@link #recheck()}. */
  public OptionalInt units() {
    return units < 0 ? OptionalInt.empty() : OptionalInt.of(units);
  }

  /** Whether this is {@link #recheck()}. */
  public boolean isRecheck() {
    return units < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScaleChanged other && other.units == units;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(units);
  }

  @Override
  public String toString() {
    return isRecheck() ? "ScaleChanged(recheck)" : "ScaleChanged(" + units + ")";
  }
}
