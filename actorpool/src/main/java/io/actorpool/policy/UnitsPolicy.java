package io.actorpool.policy;

/**
 * The {@code units} sizing rule, leasepool's: one pool per {@code units-per-pool} units, within
 * the bounds.
 *
 * <pre>desired = min(max-pools, max(min-pools, ceil(units / units-per-pool)))</pre>
 *
 * <p>It jumps straight to the target, which suits a signal that counts real demand (connected
 * devices, tenants) and changes in steps.
 */
public final class UnitsPolicy {

  private UnitsPolicy() {}

  /**
   * The pool count for a unit count.
   *
   * @param units the unit count, {@code >= 0}
   * @param unitsPerPool units one pool serves, {@code >= 1}
   * @param minPools the lower bound, {@code >= 0}
   * @param maxPools the upper bound, {@code >= minPools}
   * @return the desired pool count, within {@code [minPools, maxPools]}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static int desiredPools(int units, int unitsPerPool, int minPools, int maxPools) {
    if (units < 0 || unitsPerPool < 1 || minPools < 0 || maxPools < minPools) {
      throw new IllegalArgumentException(
          "desiredPools needs units >= 0, unitsPerPool >= 1, 0 <= minPools <= maxPools, was: ["
              + units + ", " + unitsPerPool + ", " + minPools + ", " + maxPools + "]");
    }
    // Long arithmetic: units near Integer.MAX_VALUE must not overflow the ceiling.
    long wanted = ((long) units + unitsPerPool - 1) / unitsPerPool;
    return (int) Math.min(maxPools, Math.max(minPools, wanted));
  }
}
