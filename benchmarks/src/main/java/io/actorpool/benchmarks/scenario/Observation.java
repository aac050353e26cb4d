package io.actorpool.benchmarks.scenario;

/**
 * What every controller sees at one control tick: the same numbers for all, derived from one
 * trace, so they differ only in their rules.
 *
 * @param tick the control tick, from 0
 * @param current pools running during the last tick (the controller's own previous output)
 * @param demand observed demand in pools' worth of work (jitter included), e.g. 15.6
 * @param unitsPerPool units one pool serves; the unit signal is {@code demand * unitsPerPool}
 * @param overloaded whether a resource (CPU, memory) was overloaded during this tick
 * @param minPools the lower bound every controller clamps to
 * @param maxPools the upper bound every controller clamps to
 */
public record Observation(int tick, int current, double demand, int unitsPerPool,
    boolean overloaded, int minPools, int maxPools) {

  /** The unit signal ActorPool's size provider would return: whole units. */
  public int units() {
    return (int) Math.round(demand * unitsPerPool);
  }

  /** Pools with work to do: Crawlee's current concurrency, Dask's processing workers. */
  public int busyPools() {
    return (int) Math.min(current, Math.ceil(demand));
  }

  public int clamp(long pools) {
    return (int) Math.max(minPools, Math.min(maxPools, pools));
  }
}
