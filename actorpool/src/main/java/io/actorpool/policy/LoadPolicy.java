package io.actorpool.policy;

import static io.actorpool.internal.ConfigChecks.requireBetween;
import static io.actorpool.internal.ConfigChecks.requireDuration;

import io.actorpool.LoadSignal;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code load} policy: Crawlee's {@code AutoscaledPool} rule. Every {@code autoscale-interval}
 * it moves the desired concurrency by a step proportional to itself: up when nothing is
 * overloaded and the pool is using what it has, down when something is overloaded.
 *
 * <pre>
 * if overloaded over the history and desired &gt; min:  desired -= ceil(scale-down-step-ratio x desired)
 * else if desired &lt; max and running &gt;= floor(desired-concurrency-ratio x desired):
 *                                                    desired += ceil(scale-up-step-ratio x desired)
 * </pre>
 *
 * <p>A {@link Kind#CAPACITY} policy: it caps what the demand policies ask for. Stateful (the time
 * of its last action); see {@link SizingPolicy} for threading. Settings: {@code
 * actor-pool.sizing.load} in {@code reference.conf}.
 */
public final class LoadPolicy implements SizingPolicy {

  /*
   * Design notes
   *
   * This is Crawlee's autoscale step [1] [2] with its constants made settings: 5% up, 5% down,
   * 90% utilization to grow, every 10 s, judged on the historical (30 s) overload verdict while
   * the current (5 s) verdict gates dispatch; here that gate is the pipeline's overload veto. The
   * step is at least one slot because of the ceiling.
   *
   * It works well as a safety net: it backs off within one interval of sustained overload and
   * recovers slowly. It does not converge to an optimum on its own (crawlee-python#1224): with no
   * overload it keeps growing while the pool stays busy, which is why the pipeline caps it by the
   * demand policies and why the throughput policy exists. Cost: O(1) per tick.
   *
   * [1] apify/crawlee-python src/crawlee/_autoscaling/autoscaled_pool.py, _autoscale.
   * [2] apify/crawlee packages/core/src/autoscaling/autoscaled_pool.ts (v3.18.1), _autoscale.
   */

  /** The name of this policy in configuration and decisions. */
  public static final String NAME = "load";

  /**
   * The {@code actor-pool.sizing.load} block.
   *
   * @param scaleUpStepRatio {@code scale-up-step-ratio}
   * @param scaleDownStepRatio {@code scale-down-step-ratio}
   * @param desiredConcurrencyRatio {@code desired-concurrency-ratio}
   * @param autoscaleInterval {@code autoscale-interval}
   */
  public record Settings(
      double scaleUpStepRatio,
      double scaleDownStepRatio,
      double desiredConcurrencyRatio,
      Duration autoscaleInterval) {

    private static final String PREFIX = "actor-pool.sizing.load.";

    /** Crawlee's constants: 0.05, 0.05, 0.9, 10 s. */
    public static final Settings CRAWLEE = new Settings(0.05, 0.05, 0.9, Duration.ofSeconds(10));

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the key and the value of the first bad field
     */
    public Settings {
      requireBetween(PREFIX + "scale-up-step-ratio", scaleUpStepRatio, 0.0, 1.0);
      requireBetween(PREFIX + "scale-down-step-ratio", scaleDownStepRatio, 0.0, 1.0);
      requireBetween(PREFIX + "desired-concurrency-ratio", desiredConcurrencyRatio, 0.0, 1.0);
      requireDuration(PREFIX + "autoscale-interval", autoscaleInterval, true);
    }
  }

  private final Settings settings;
  private long lastActionNanos;
  private boolean acted;

  /**
   * A policy that acts at its first tick, then once per {@code autoscale-interval}.
   *
   * @param settings its block
   */
  public LoadPolicy(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.CAPACITY;
  }

  @Override
  public Decision decide(Observation o) {
    long waited = o.nanos() - lastActionNanos;
    long interval = settings.autoscaleInterval().toNanos();
    if (acted && waited < interval) {
      return Decision.hold(o).because(NAME, "waiting for autoscale-interval "
          + settings.autoscaleInterval() + ", " + Duration.ofNanos(interval - waited) + " left");
    }
    acted = true;
    lastActionNanos = o.nanos();
    return peek(o);
  }

  @Override
  public Decision peek(Observation o) {
    int desired = o.desiredSlots();
    Set<LoadSignal> overloaded = o.load().historicallyOverloadedSignals();
    int threshold = (int) Math.floor(settings.desiredConcurrencyRatio() * desired);
    Decision d;
    if (!overloaded.isEmpty()) {
      int step = (int) Math.ceil(settings.scaleDownStepRatio() * desired);
      int target = Math.max(o.minSlots(), desired - step);
      d = target < desired
          ? Decision.to(o, target).because(NAME, "overloaded " + names(overloaded)
              + " over the history: -ceil(" + settings.scaleDownStepRatio() + " x " + desired
              + ") = -" + step)
          : Decision.hold(o).because(NAME, "overloaded " + names(overloaded) + " but at min "
              + o.minSlots());
    } else if (desired >= o.maxSlots()) {
      d = Decision.hold(o).because(NAME, "at max " + o.maxSlots());
    } else if (o.runningJobs() >= threshold) {
      int step = Math.max(1, (int) Math.ceil(settings.scaleUpStepRatio() * desired));
      d = Decision.to(o, (int) Math.min(o.maxSlots(), (long) desired + step))
          .because(NAME, "not overloaded and running " + o.runningJobs() + " >= floor("
              + settings.desiredConcurrencyRatio() + " x " + desired + ") = " + threshold
              + ": +ceil(" + settings.scaleUpStepRatio() + " x " + desired + ") = +" + step);
    } else {
      d = Decision.hold(o).because(NAME, "running " + o.runningJobs() + " < floor("
          + settings.desiredConcurrencyRatio() + " x " + desired + ") = " + threshold);
    }
    return d.with("running", o.runningJobs())
        .with("overloaded", names(overloaded))
        .with("historical-shares", o.load().historicalShares());
  }

  static String names(Set<LoadSignal> signals) {
    StringBuilder b = new StringBuilder("[");
    for (LoadSignal s : signals) {
      b.append(b.length() > 1 ? ", " : "").append(s.configName());
    }
    return b.append(']').toString();
  }
}
