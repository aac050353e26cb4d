package io.actorpool.benchmarks.scenario;

/**
 * A sizing rule under test: once per control tick it sees an {@link Observation} and answers the
 * pool count for the next tick. Every controller (Crawlee, HPA, Dask, ActorPool) plugs in the same
 * way, so the harness feeds them the same trace at the same tick length.
 *
 * <p>A controller keeps its own history (windows, counters); the harness makes a fresh one for
 * every trace through a {@link Factory}.
 */
public interface Controller {

  /** The pool count to run from now on, within the observation's bounds. */
  int decide(Observation observation);

  /** Makes a fresh controller for one trace. */
  interface Factory {
    /** The name in tables, CSV columns and chart legends. */
    String name();

    /** A controller starting at {@code initialPools}. */
    Controller create(int initialPools);
  }
}
