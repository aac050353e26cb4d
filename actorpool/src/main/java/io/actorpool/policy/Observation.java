package io.actorpool.policy;

import io.actorpool.LoadSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link SizingPolicy} sees at one control tick. The supervisor builds one per tick; tests
 * and the trace simulator build them by hand with {@link #of} and the {@code withX} copies.
 *
 * <p>All sizes are in worker slots: a pool of {@code workers-per-pool} workers has that many
 * slots.
 *
 * @param nanos the {@code Ticker} time of the tick
 * @param desiredSlots the desired concurrency in force before this tick
 * @param minSlots the lower bound ({@code min-pools x workers-per-pool})
 * @param maxSlots the upper bound ({@code max-pools x workers-per-pool})
 * @param workersPerPool slots per pool, {@code >= 1}
 * @param runningJobs jobs running now
 * @param queuedJobs jobs waiting for a free slot
 * @param units the unit count of the size signal (devices, tenants...)
 * @param completedJobs jobs completed since the supervisor started; never decreases
 * @param load the latest load snapshot, or {@link LoadSnapshot#unknown} when there is none
 * @param capabilityGroups the pools per capability set; empty when capabilities are not used
 * @param queuedByRequirement queued jobs per required capability set
 */
public record Observation(
    long nanos,
    int desiredSlots,
    int minSlots,
    int maxSlots,
    int workersPerPool,
    int runningJobs,
    int queuedJobs,
    int units,
    long completedJobs,
    LoadSnapshot load,
    List<CapabilityGroup> capabilityGroups,
    Map<Set<String>, Integer> queuedByRequirement) {

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if a count is negative, {@code minSlots > maxSlots} or
   *     {@code workersPerPool < 1}
   * @throws NullPointerException if {@code load} or a collection is null
   */
  public Observation {
    if (desiredSlots < 0 || minSlots < 0 || runningJobs < 0 || queuedJobs < 0 || units < 0
        || completedJobs < 0) {
      throw new IllegalArgumentException("counts must be >= 0, was: [desired=" + desiredSlots
          + ", min=" + minSlots + ", running=" + runningJobs + ", queued=" + queuedJobs
          + ", units=" + units + ", completed=" + completedJobs + "]");
    }
    if (minSlots > maxSlots) {
      throw new IllegalArgumentException(
          "minSlots must be <= maxSlots, was: [" + minSlots + "] > [" + maxSlots + "]");
    }
    if (workersPerPool < 1) {
      throw new IllegalArgumentException(
          "workersPerPool must be >= 1, was: [" + workersPerPool + "]");
    }
    Objects.requireNonNull(load, "load");
    capabilityGroups = List.copyOf(capabilityGroups);
    queuedByRequirement = Map.copyOf(queuedByRequirement);
  }

  /**
   * An observation with no jobs, no units, no load data, bounds {@code [0, Integer.MAX_VALUE]}
   * and no capability groups.
   *
   * @param nanos the tick time
   * @param desiredSlots the desired concurrency in force
   * @param workersPerPool slots per pool
   * @return the observation
   */
  public static Observation of(long nanos, int desiredSlots, int workersPerPool) {
    return new Observation(nanos, desiredSlots, 0, Integer.MAX_VALUE, workersPerPool, 0, 0, 0, 0,
        LoadSnapshot.unknown(nanos), List.of(), Map.of());
  }

  /** A copy at another time. */
  public Observation withNanos(long nanos) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with another desired concurrency in force. */
  public Observation withDesiredSlots(int desiredSlots) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with other bounds. */
  public Observation withBounds(int minSlots, int maxSlots) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with other job counts. */
  public Observation withJobs(int runningJobs, int queuedJobs) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with another unit count. */
  public Observation withUnits(int units) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with another completed-jobs counter. */
  public Observation withCompletedJobs(long completedJobs) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with another load snapshot. */
  public Observation withLoad(LoadSnapshot load) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, capabilityGroups, queuedByRequirement);
  }

  /** A copy with other capability groups and queued requirements. */
  public Observation withCapabilities(
      List<CapabilityGroup> groups, Map<Set<String>, Integer> queuedByRequirement) {
    return new Observation(nanos, desiredSlots, minSlots, maxSlots, workersPerPool, runningJobs,
        queuedJobs, units, completedJobs, load, groups, queuedByRequirement);
  }
}
