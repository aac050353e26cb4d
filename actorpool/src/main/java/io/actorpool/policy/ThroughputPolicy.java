package io.actorpool.policy;

import static io.actorpool.internal.ConfigChecks.requireAtLeast;
import static io.actorpool.internal.ConfigChecks.requireBetween;
import static io.actorpool.internal.ConfigChecks.requireDuration;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The {@code throughput} policy: measures completed jobs per second at the concurrency in force
 * and settles at the knee of the throughput curve, where one more slot stops adding throughput,
 * instead of growing past it or oscillating around it.
 *
 * <p>Each {@code autoscale-interval}, while the pool is busy ({@code running >=
 * floor(desired-concurrency-ratio x desired)}), it compares the throughput it measured with what
 * the same slots would deliver at the best per-slot rate seen recently (TCP Vegas's expected
 * against actual rate), in slots:
 *
 * <pre>
 * base  = max per-slot throughput over the last base-window measurements while growing
 * idle  = (slots x base - throughput) / base          the slots that add nothing
 * alpha = max(0.5, alpha-ratio x slots);  beta = max(2, beta-ratio x slots)
 * idle &lt; alpha:   grow by max(1, ceil(step-ratio x slots))
 * idle &gt; beta:    shrink to ceil(throughput / base + alpha)
 * otherwise:      hold (at the knee)
 * </pre>
 *
 * <p>A {@link Kind#CAPACITY} policy with state (its measurements); see {@link SizingPolicy} for
 * threading. Settings: {@code actor-pool.sizing.throughput}.
 */
public final class ThroughputPolicy implements SizingPolicy {

  /*
   * Design notes
   *
   * Vegas-style limit estimation. TCP Vegas [1] keeps the smallest round-trip time as its idea of
   * an uncongested path, computes expected = window / baseRTT and actual = window / RTT, and
   * grows the window while diff = (expected - actual) x baseRTT, the packets sitting in queues,
   * is below alpha, shrinks it above beta, and holds in between. Netflix's concurrency-limits
   * VegasLimit [2] applies the same rule to a server's concurrency limit. Here the "packets in
   * queues" are slots that add no throughput: base is the best per-slot throughput among the last
   * base-window measurements taken while growing (a max, as Vegas's baseRTT is a min), and idle =
   * slots - throughput / base. Measurements taken while holding at the knee are not learned
   * (unless they beat the base): otherwise the window would fill with knee rates, the base would
   * sink to them and the policy would creep upwards. A shrink clears what was learned, because
   * the curve has changed (slower jobs, or a lower knee) and the old base would shrink it again
   * at every tick.

   * Why it converges without reversals on a knee: below the knee every slot works, idle is 0 and
   * it grows. The first step past the knee adds at most step-ratio x slots of idle slots; with
   * alpha below one slot and beta well above step-ratio x slots, that lands in the hold band, so
   * it stops one step past the knee and stays: no overshoot-and-back, no limit cycle. Holding
   * while the pool is not busy avoids learning a "knee" that is really missing demand. A real
   * change of the curve (the knee moves down by more than beta) shrinks straight to the estimated
   * knee, Vegas's decrease, in one step, then re-learns the base from there (one small step up
   * may follow: that is the only reversal, and only after the curve changed).
   *
   * It works well when throughput is the goal and jobs are many and alike; it needs several
   * intervals to find a knee far above the start (growth is multiplicative at step-ratio) and a
   * busy pool to measure. Noise below alpha-ratio of the rate is ignored. Cost: O(base-window)
   * per tick.
   *
   * [1] L. Brakmo, L. Peterson, "TCP Vegas: End to End Congestion Avoidance on a Global
   *     Internet", IEEE JSAC 13(8), 1995.
   * [2] Netflix/concurrency-limits, concurrency-limits-core/src/main/java/com/netflix/
   *     concurrency/limits/limit/VegasLimit.java.
   */

  /** The name of this policy in configuration and decisions. */
  public static final String NAME = "throughput";

  /**
   * The {@code actor-pool.sizing.throughput} block.
   *
   * @param autoscaleInterval {@code autoscale-interval}: the measurement period
   * @param stepRatio {@code step-ratio}
   * @param alphaRatio {@code alpha-ratio}
   * @param betaRatio {@code beta-ratio}
   * @param baseWindow {@code base-window}: measurements the best per-slot rate is taken over
   * @param desiredConcurrencyRatio {@code desired-concurrency-ratio}: how busy counts as busy
   */
  public record Settings(
      Duration autoscaleInterval,
      double stepRatio,
      double alphaRatio,
      double betaRatio,
      int baseWindow,
      double desiredConcurrencyRatio) {

    private static final String PREFIX = "actor-pool.sizing.throughput.";

    /** The reference defaults: 10 s, 0.1, 0.03, 0.2, 30, 0.9. */
    public static final Settings DEFAULTS =
        new Settings(Duration.ofSeconds(10), 0.1, 0.03, 0.2, 30, 0.9);

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the key and the value of the first bad field
     */
    public Settings {
      requireDuration(PREFIX + "autoscale-interval", autoscaleInterval, false);
      requireBetween(PREFIX + "step-ratio", stepRatio, 0.0, 1.0);
      requireBetween(PREFIX + "alpha-ratio", alphaRatio, 0.0, 1.0);
      requireBetween(PREFIX + "beta-ratio", betaRatio, 0.0, 1.0);
      if (betaRatio <= alphaRatio) {
        throw new IllegalArgumentException(PREFIX + "beta-ratio must be > " + PREFIX
            + "alpha-ratio, was: [" + betaRatio + "] <= [" + alphaRatio + "]");
      }
      requireAtLeast(PREFIX + "base-window", baseWindow, 1);
      requireBetween(PREFIX + "desired-concurrency-ratio", desiredConcurrencyRatio, 0.0, 1.0);
    }
  }

  private final Settings settings;
  private final ArrayDeque<Double> perSlotRates = new ArrayDeque<>();
  private boolean started;
  private long lastNanos;
  private long lastCompleted;
  private int lastSlots;
  /** The latest measurement, replayed by {@link #peek}; NaN until there is one. */
  private double lastRate = Double.NaN;
  private int measuredSlots;

  /**
   * A policy with no measurements yet.
   *
   * @param settings its block
   */
  public ThroughputPolicy(Settings settings) {
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
    if (!started) {
      started = true;
      restart(o);
      return Decision.hold(o).because(NAME, "first measurement started");
    }
    if (lastSlots < 0) {
      // The first tick after a measurement started shows the concurrency decided at that tick,
      // which has been in force since.
      lastSlots = o.desiredSlots();
    } else if (o.desiredSlots() != lastSlots) {
      // Another policy changed the concurrency mid-measurement: the rate would mix two sizes.
      restart(o);
      lastSlots = o.desiredSlots();
      return Decision.hold(o).because(NAME, "concurrency changed to " + lastSlots
          + ", measuring again");
    }
    long elapsed = o.nanos() - lastNanos;
    if (elapsed < settings.autoscaleInterval().toNanos()) {
      return Decision.hold(o).because(NAME, "measuring at " + lastSlots + " slots");
    }
    int slots = lastSlots;
    double rate = (o.completedJobs() - lastCompleted) * 1e9 / elapsed;
    restart(o);
    int busy = (int) Math.floor(settings.desiredConcurrencyRatio() * slots);
    if (slots == 0 || o.runningJobs() < busy) {
      return Decision.hold(o).because(NAME, "not busy: running " + o.runningJobs() + " < floor("
          + settings.desiredConcurrencyRatio() + " x " + slots + ") = " + busy)
          .with("throughput", QueuePolicy.round(rate));
    }
    double perSlot = rate / slots;
    double base = Math.max(perSlot, best());
    lastRate = rate;
    measuredSlots = slots;
    Decision d = vegas(o, base);
    if (d.desiredSlots() < slots) {
      // The curve moved (slower jobs, or a lower knee): what was learned no longer holds, and
      // keeping it would shrink again at every tick down to one slot.
      perSlotRates.clear();
    } else if (d.desiredSlots() > slots || perSlot >= base) {
      // Learn while exploring, or from a better rate. Holding at the knee learns nothing, else
      // the window would fill with knee rates and the base would sink until it grew again.
      perSlotRates.addLast(perSlot);
      while (perSlotRates.size() > settings.baseWindow()) {
        perSlotRates.removeFirst();
      }
    }
    return d;
  }

  private double best() {
    return perSlotRates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  @Override
  public Decision peek(Observation o) {
    return Double.isNaN(lastRate)
        ? Decision.hold(o).because(NAME, "no measurement yet")
        : vegas(o, Math.max(best(), lastRate / Math.max(1, measuredSlots)));
  }

  /** Starts a measurement now; its concurrency is read at the next tick (see decide). */
  private void restart(Observation o) {
    lastNanos = o.nanos();
    lastCompleted = o.completedJobs();
    lastSlots = -1;
  }

  /** Vegas's rule on the latest measurement. */
  private Decision vegas(Observation o, double base) {
    int slots = measuredSlots;
    if (base <= 0) {
      return Decision.hold(o).because(NAME, "no completed jobs measured yet");
    }
    double idle = slots - lastRate / base;
    double alpha = Math.max(0.5, settings.alphaRatio() * slots);
    double beta = Math.max(2, settings.betaRatio() * slots);
    String measured = QueuePolicy.round(lastRate) + " jobs/s at " + slots + " slots, best "
        + QueuePolicy.round(base) + "/slot: " + QueuePolicy.round(idle) + " idle slots";
    Decision d;
    if (idle < alpha) {
      int step = Math.max(1, (int) Math.ceil(settings.stepRatio() * slots));
      d = Decision.to(o, (int) Math.min(Integer.MAX_VALUE, (long) slots + step))
          .because(NAME, measured + " < alpha " + QueuePolicy.round(alpha) + ": +" + step);
    } else if (idle > beta) {
      int knee = (int) Math.max(1, Math.ceil(lastRate / base + alpha));
      d = Decision.to(o, knee).because(NAME, measured + " > beta " + QueuePolicy.round(beta)
          + ": to the knee estimate " + knee);
    } else {
      d = Decision.to(o, slots).because(NAME, measured + " within [alpha "
          + QueuePolicy.round(alpha) + ", beta " + QueuePolicy.round(beta) + "]: at the knee");
    }
    return d.with("throughput", QueuePolicy.round(lastRate))
        .with("base-per-slot", QueuePolicy.round(base))
        .with("idle-slots", QueuePolicy.round(idle));
  }
}
