package io.actorpool;

import java.util.Objects;

/**
 * One pool in a {@link PoolStatus}.
 *
 * @param name the pool's name; its actor is the supervisor's child of that name and its threads
 *     are named {@code <name>-worker-<n>}
 * @param state where the pool is in its life
 * @param runningJobs jobs running on it now
 */
public record PoolInfo(String name, PoolState state, int runningJobs) {
  public PoolInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
  }
}
