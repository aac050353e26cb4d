package io.actorpool.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A demand trace: phases of constant demand (in pools' worth of work), optionally with resource
 * overload, and a seeded jitter on the observed signal, so every controller sees the very same
 * numbers tick by tick.
 *
 * @param name the trace's name in files and tables
 * @param unitsPerPool units per pool for the unit signal
 * @param minPools the lower bound
 * @param maxPools the upper bound
 * @param phases the phases, in order
 * @param jitter the observed demand's relative jitter, e.g. 0.05 for +-5%
 */
public record Trace(String name, int unitsPerPool, int minPools, int maxPools, List<Phase> phases,
    double jitter) {

  /**
   * @param ticks how long the phase lasts
   * @param demand pools' worth of work during the phase
   * @param overloaded whether an antagonist overloads the machine during the phase
   */
  public record Phase(int ticks, double demand, boolean overloaded) {}

  /** The same trace with another jitter. */
  public Trace withJitter(double jitter) {
    return new Trace(name, unitsPerPool, minPools, maxPools, phases, jitter);
  }

  /** Each tick's true demand. */
  public double[] demand() {
    List<Double> out = new ArrayList<>();
    for (Phase p : phases) {
      for (int i = 0; i < p.ticks(); i++) {
        out.add(p.demand());
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Each tick's observed demand: true demand with the seeded jitter. */
  public double[] observed() {
    double[] d = demand();
    Random random = new Random(42);
    for (int i = 0; i < d.length; i++) {
      d[i] = d[i] * (1 + jitter * (2 * random.nextDouble() - 1));
    }
    return d;
  }

  public boolean[] overloaded() {
    List<Boolean> out = new ArrayList<>();
    for (Phase p : phases) {
      for (int i = 0; i < p.ticks(); i++) {
        out.add(p.overloaded());
      }
    }
    boolean[] b = new boolean[out.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = out.get(i);
    }
    return b;
  }

  /** The pool count a perfect controller would run at each tick. */
  public int[] target() {
    double[] d = demand();
    int[] t = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      t[i] = (int) Math.max(minPools, Math.min(maxPools, Math.ceil(d[i])));
    }
    return t;
  }

  /** The first tick of each phase. */
  public int[] phaseStarts() {
    int[] starts = new int[phases.size()];
    int tick = 0;
    for (int i = 0; i < starts.length; i++) {
      starts[i] = tick;
      tick += phases.get(i).ticks();
    }
    return starts;
  }

  /** The traces of the issue: 2 to 16 pools and back, 1 to 200 and back, and the antagonists. */
  public static List<Trace> standard(boolean tiny) {
    int s = tiny ? 4 : 1;
    return List.of(
        new Trace("pools-2-16-2", 10, 1, 32, List.of(
            new Phase(10 / s, 2, false), new Phase(40 / s, 16, false),
            new Phase(40 / s, 2, false)), 0.05),
        new Trace("concurrency-1-200-1", 1, 1, 220, List.of(
            new Phase(10 / s, 1, false), new Phase(120 / s, 200, false),
            new Phase(60 / s, 1, false)), 0.05),
        // 30 s of CPU antagonist and then of heap antagonist at 10 s ticks, on constant demand.
        new Trace("antagonists", 10, 1, 32, List.of(
            new Phase(10 / s, 8, false), new Phase(3, 8, true), new Phase(10 / s, 8, false),
            new Phase(3, 8, true), new Phase(10 / s, 8, false)), 0.05));
  }
}
