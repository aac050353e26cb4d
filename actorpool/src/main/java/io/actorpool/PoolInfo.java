package io.actorpool;

import java.util.Objects;

/**
 * One pool in a {@link PoolStatus}.
 *
 * @param name the pool's name; its actor is the supervisor's child of that name and its threads
 *     are named {@code <supervisor>-<name>-worker-<n>}
 * @param state where the pool is in its life
 * @param runningJobs jobs running on it now
 * @param liveWorkers worker threads alive now (they start on demand and may leave when idle)
 * @param workersStarted workers started since the pool started, replacements included
 * @param capabilities what the pool offers to jobs that require capabilities; empty for a plain
 *     pool
 */
public record PoolInfo(String name, PoolState state, int runningJobs, int liveWorkers,
    long workersStarted, java.util.Set<String> capabilities) {
  public PoolInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    capabilities = java.util.Set.copyOf(capabilities);
  }
}
