package io.actorpool.policy;

import static io.actorpool.internal.ConfigChecks.requireAbove;

/**
 * The {@code queue} policy: Scaler's vanilla task-to-worker ratio, in worker slots.
 *
 * <pre>
 * jobs = running + queued;  ratio = jobs / desired
 * desired == 0 and jobs &gt; 0:   desired = 1
 * ratio &gt; upper-task-ratio:     desired + 1
 * ratio &lt; lower-task-ratio:     jobs == 0 ? 0 : max(1, ceil(jobs / upper-task-ratio))
 * otherwise:                   hold
 * </pre>
 *
 * <p>A stateless {@link Kind#DEMAND} policy. Settings: {@code actor-pool.sizing.queue}.
 */
public final class QueuePolicy implements SizingPolicy {

  /*
   * Design notes
   *
   * Scaler's vanilla rule [1] with its fixed thresholds (10 and 1) made settings. It adds one
   * worker per decision, so on its own it under-provisions a burst (opengris-scaler#939); in a
   * pipeline it is a floor that other demand policies may exceed. The scale-down target,
   * ceil(jobs / upper), lands inside the hold band, so a shrink is never undone by the next tick.
   * Cost: O(1).
   *
   * [1] finos/opengris-scaler src/scaler/scheduler/controllers/policies/simple_policy/scaling/
   *     vanilla.py.
   */

  /** The name of this policy in configuration and decisions. */
  public static final String NAME = "queue";

  private static final String PREFIX = "actor-pool.sizing.queue.";

  private final double upper;
  private final double lower;

  /**
   * A policy with the given thresholds (Scaler's: 10 and 1).
   *
   * @param upperTaskRatio {@code upper-task-ratio}, {@code > 0}
   * @param lowerTaskRatio {@code lower-task-ratio}, {@code > 0} and {@code < upperTaskRatio}
   * @throws IllegalArgumentException naming the key and the value of a bad threshold
   */
  public QueuePolicy(double upperTaskRatio, double lowerTaskRatio) {
    requireThresholds(PREFIX, upperTaskRatio, lowerTaskRatio);
    this.upper = upperTaskRatio;
    this.lower = lowerTaskRatio;
  }

  /** Checks a pair of Scaler thresholds, naming the keys under {@code prefix}. */
  static void requireThresholds(String prefix, double upperTaskRatio, double lowerTaskRatio) {
    requireAbove(prefix + "upper-task-ratio", upperTaskRatio, 0);
    requireAbove(prefix + "lower-task-ratio", lowerTaskRatio, 0);
    if (lowerTaskRatio >= upperTaskRatio) {
      throw new IllegalArgumentException(prefix + "lower-task-ratio must be < " + prefix
          + "upper-task-ratio, was: [" + lowerTaskRatio + "] >= [" + upperTaskRatio + "]");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision decide(Observation o) {
    long jobs = (long) o.runningJobs() + o.queuedJobs();
    int slots = o.desiredSlots();
    Decision d;
    if (slots == 0) {
      d = jobs > 0
          ? Decision.to(o, 1).because(NAME, "no slots and " + jobs + " jobs: start one")
          : Decision.hold(o).because(NAME, "no slots and no jobs");
    } else {
      double ratio = (double) jobs / slots;
      if (ratio > upper) {
        d = Decision.grow(o, 1).because(NAME, "jobs per slot " + round(ratio) + " > "
            + upper + ": +1");
      } else if (ratio < lower) {
        int target = jobs == 0 ? 0 : (int) Math.max(1, Math.ceil(jobs / upper));
        d = Decision.to(o, target).because(NAME, "jobs per slot " + round(ratio) + " < " + lower
            + ": " + (jobs == 0 ? "no jobs" : "ceil(" + jobs + " / " + upper + ")"));
      } else {
        d = Decision.hold(o).because(NAME, "jobs per slot " + round(ratio) + " within ["
            + lower + ", " + upper + "]");
      }
    }
    return d.with("running", o.runningJobs()).with("queued", o.queuedJobs());
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
