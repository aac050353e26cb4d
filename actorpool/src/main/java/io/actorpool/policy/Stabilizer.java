package io.actorpool.policy;

import static io.actorpool.internal.ConfigChecks.requireBetween;
import static io.actorpool.internal.ConfigChecks.requireDuration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Damps a stream of recommendations the way the Kubernetes HorizontalPodAutoscaler does: a
 * tolerance ignores small changes, and per-direction stabilization windows make a scale-down use
 * the highest recommendation of its window and a scale-up the lowest of its.
 *
 * <p>Not thread-safe; owned by one {@link PolicyPipeline}. Settings: {@code
 * actor-pool.sizing.stabilization}.
 */
public final class Stabilizer {

  /*
   * Design notes
   *
   * HPA semantics [1] [2]: a recommendation within tolerance of the current size (|rec/current -
   * 1| <= tolerance) becomes the current size. Every recommendation is recorded with its time. The
   * result starts at the current size; if it is below the lowest recommendation of the scale-up
   * window it rises to that; if it is above the highest recommendation of the scale-down window
   * it falls to that. With the HPA defaults (up 0 s, down 300 s) growth is immediate and a shrink
   * happens only after five minutes of lower recommendations, and then only to the highest of
   * them: flapping demand never shrinks capacity that it will need again within the window.
   *
   * One difference: the window is seeded with the current size at the first call, so a pipeline
   * created over running pools does not shrink them before it has seen a whole window. Cost:
   * O(recommendations in the longer window) per call.
   *
   * [1] kubernetes/website content/en/docs/concepts/workloads/autoscaling/
   *     horizontal-pod-autoscale.md, "Stabilization window" and "Algorithm details".
   * [2] kubernetes/kubernetes pkg/controller/podautoscaler/horizontal.go,
   *     stabilizeRecommendationWithBehaviors.
   */

  /**
   * The {@code actor-pool.sizing.stabilization} block.
   *
   * @param scaleUpWindow {@code scale-up-window}
   * @param scaleDownWindow {@code scale-down-window}
   * @param tolerance {@code tolerance}
   * @param antiThrash {@code anti-thrash}: whether the pipeline refuses a scale-down that the
   *     next tick would undo
   */
  public record Settings(
      Duration scaleUpWindow, Duration scaleDownWindow, double tolerance, boolean antiThrash) {

    private static final String PREFIX = "actor-pool.sizing.stabilization.";

    /** HPA's windows (0 s up, 300 s down), tolerance 0 and anti-thrash on. */
    public static final Settings DEFAULTS =
        new Settings(Duration.ZERO, Duration.ofSeconds(300), 0.0, true);

    /** No damping at all: every recommendation passes as it is. */
    public static final Settings NONE = new Settings(Duration.ZERO, Duration.ZERO, 0.0, false);

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the key and the value of the first bad field
     */
    public Settings {
      requireDuration(PREFIX + "scale-up-window", scaleUpWindow, true);
      requireDuration(PREFIX + "scale-down-window", scaleDownWindow, true);
      requireBetween(PREFIX + "tolerance", tolerance, 0.0, 1.0);
    }

    /** A copy with {@code anti-thrash} set. */
    public Settings withAntiThrash(boolean antiThrash) {
      return new Settings(scaleUpWindow, scaleDownWindow, tolerance, antiThrash);
    }
  }

  /** Absorbs floating-point error, so 22 against 20 is within a 0.1 tolerance as written. */
  private static final double TOLERANCE_SLACK = 1e-9;

  private record Recommendation(long nanos, int slots) {}

  private final Settings settings;
  private final ArrayDeque<Recommendation> recommendations = new ArrayDeque<>();
  private String lastReason = "";

  /**
   * A stabilizer with an empty window.
   *
   * @param settings its block
   */
  public Stabilizer(Settings settings) {
    this.settings = settings;
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * Records a recommendation and returns the stabilized size.
   *
   * @param nanos the tick's time; not before the previous call's
   * @param current the size in force
   * @param recommendation what the policies recommend
   * @return the size to use
   */
  public int stabilize(long nanos, int current, int recommendation) {
    if (recommendations.isEmpty()) {
      recommendations.add(new Recommendation(nanos, current));
    }
    int rec = recommendation;
    if (rec != current && current > 0
        && Math.abs((double) rec / current - 1.0) <= settings.tolerance() + TOLERANCE_SLACK) {
      rec = current;
    }
    recommendations.addLast(new Recommendation(nanos, rec));
    long upCutoff = nanos - settings.scaleUpWindow().toNanos();
    long downCutoff = nanos - settings.scaleDownWindow().toNanos();
    long keep = Math.min(upCutoff, downCutoff);
    while (recommendations.peekFirst().nanos() < keep) {
      recommendations.removeFirst();
    }
    int up = rec;
    int down = rec;
    for (Iterator<Recommendation> it = recommendations.iterator(); it.hasNext(); ) {
      Recommendation r = it.next();
      if (r.nanos() > upCutoff) {
        up = Math.min(up, r.slots());
      }
      if (r.nanos() > downCutoff) {
        down = Math.max(down, r.slots());
      }
    }
    int result = current;
    if (result < up) {
      result = up;
    }
    if (result > down) {
      result = down;
    }
    if (rec != recommendation) {
      lastReason = "within tolerance " + settings.tolerance() + " of " + current;
    } else if (result != recommendation) {
      lastReason = recommendation < current
          ? "scale-down window " + settings.scaleDownWindow() + " holds its highest, " + down
          : "scale-up window " + settings.scaleUpWindow() + " holds its lowest, " + up;
    } else {
      lastReason = "";
    }
    return result;
  }

  /** Why the last call changed the recommendation; empty when it passed unchanged. */
  public String lastReason() {
    return lastReason;
  }
}
