package io.actorpool.policy;

/**
 * The {@code units} sizing rule, leasepool's: one pool per {@code units-per-pool} units, within
 * the bounds.
 *
 * <pre>desired = min(max-pools, max(min-pools, ceil(units / units-per-pool)))</pre>
 *
 * <p>It jumps straight to the target, which suits a signal that counts real demand (connected
 * devices, tenants) and changes in steps. As a {@link SizingPolicy} it is a stateless {@link
 * Kind#DEMAND} policy proposing {@code desired x workers-per-pool} slots, with the pool bounds
 * taken from the observation's slot bounds.
 */
public final class UnitsPolicy implements SizingPolicy {

  /** The name of this policy in configuration and decisions. */
  public static final String NAME = "units";

  private final int unitsPerPool;

  /**
   * The policy for a fixed {@code units-per-pool}.
   *
   * @param unitsPerPool units one pool serves, {@code >= 1}
   * @throws IllegalArgumentException if {@code unitsPerPool < 1}
   */
  public UnitsPolicy(int unitsPerPool) {
    if (unitsPerPool < 1) {
      throw new IllegalArgumentException(
          "actor-pool.units-per-pool must be >= 1, was: [" + unitsPerPool + "]");
    }
    this.unitsPerPool = unitsPerPool;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Units are declared demand, not a measurement: the target applies at once. */
  @Override
  public boolean stabilized() {
    return false;
  }

  @Override
  public Decision decide(Observation o) {
    int wpp = o.workersPerPool();
    int minPools = (int) (((long) o.minSlots() + wpp - 1) / wpp);
    int maxPools = Math.max(minPools, o.maxSlots() / wpp);
    int pools = desiredPools(o.units(), unitsPerPool, minPools, maxPools);
    int slots = (int) Math.min(Integer.MAX_VALUE, (long) pools * wpp);
    return Decision.to(o, slots)
        .because(NAME, "ceil(" + o.units() + " units / " + unitsPerPool + ") within ["
            + minPools + ", " + maxPools + "] = " + pools + " pools x " + wpp + " workers")
        .with("units", o.units())
        .with("units-per-pool", unitsPerPool)
        .with("pools", pools);
  }

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
