package io.actorpool.policy;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pools started with one capability set, as the {@code capability} policy sees them.
 *
 * @param capabilities the set the pools were started with, e.g. {@code [gpu]}; empty for plain
 *     pools
 * @param pools pools of this set that are alive (draining ones excluded)
 * @param runningJobs jobs running on them
 */
public record CapabilityGroup(Set<String> capabilities, int pools, int runningJobs) {

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public CapabilityGroup {
    capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
    if (pools < 0 || runningJobs < 0) {
      throw new IllegalArgumentException(
          "pools and runningJobs must be >= 0, was: [" + pools + ", " + runningJobs + "]");
    }
  }

  /** The capability set in a stable order, for reasons and logs, e.g. {@code [fp64, gpu]}. */
  String label() {
    return new TreeSet<>(capabilities).toString();
  }
}
