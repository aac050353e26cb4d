package io.actorpool.benchmarks.scenario;

/**
 * Runs one controller over one trace and measures its step response.
 *
 * <p>At tick {@code t} the controller sees the demand observed at {@code t} and the pools of
 * {@code t - 1}; its answer is the pool count of tick {@code t}. A rule that jumps straight to the
 * target therefore reaches it in 1 tick.
 */
public final class Simulation {

  private Simulation() {}

  /** One controller's pool count per tick. */
  public static int[] run(Trace trace, Controller.Factory factory) {
    double[] observed = trace.observed();
    boolean[] overloaded = trace.overloaded();
    int initial = trace.target()[0];
    Controller controller = factory.create(initial);
    int[] pools = new int[observed.length];
    int current = initial;
    for (int t = 0; t < observed.length; t++) {
      current = controller.decide(new Observation(t, current, observed[t], trace.unitsPerPool(),
          overloaded[t], trace.minPools(), trace.maxPools()));
      pools[t] = current;
    }
    return pools;
  }

  /**
   * The step response over every phase whose target differs from the one before.
   *
   * @param ticksTo90 the worst ticks from a step until within 10% of the step of the target
   *     ({@code Integer.MAX_VALUE} if some step never got there)
   * @param overshoot the worst overshoot past a target, as a fraction of that target
   * @param reversals direction changes of the pool count within constant-demand phases
   */
  public record Response(int ticksTo90, double overshoot, int reversals) {}

  public static Response measure(Trace trace, int[] pools) {
    int[] target = trace.target();
    int[] starts = trace.phaseStarts();
    int worstTicks = 0;
    double worstOvershoot = 0;
    int reversals = 0;
    for (int i = 0; i < starts.length; i++) {
      int from = starts[i];
      int to = i + 1 < starts.length ? starts[i + 1] : pools.length;
      int goal = target[from];
      reversals += reversals(pools, from, to);
      if (i == 0 || goal == target[from - 1]) {
        continue;
      }
      int before = pools[from - 1];
      double band = 0.1 * Math.abs(goal - before);
      int reached = Integer.MAX_VALUE;
      for (int t = from; t < to; t++) {
        if (Math.abs(pools[t] - goal) <= band) {
          reached = t - from + 1;
          break;
        }
      }
      worstTicks = Math.max(worstTicks, reached);
      boolean up = goal > before;
      for (int t = from; t < to; t++) {
        double past = up ? pools[t] - goal : goal - pools[t];
        worstOvershoot = Math.max(worstOvershoot, past / goal);
      }
    }
    return new Response(worstTicks, worstOvershoot, reversals);
  }

  private static int reversals(int[] pools, int from, int to) {
    int count = 0;
    int lastDirection = 0;
    for (int t = Math.max(1, from + 1); t < to; t++) {
      int direction = Integer.signum(pools[t] - pools[t - 1]);
      if (direction != 0) {
        if (lastDirection != 0 && direction != lastDirection) {
          count++;
        }
        lastDirection = direction;
      }
    }
    return count;
  }
}
