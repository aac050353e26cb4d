package io.actorpool.policy;

import io.actorpool.ScalingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Composes sizing policies into one decision per control tick, and says which policy or stage
 * decided and why.
 *
 * <ol>
 *   <li><b>Propose.</b> Every policy decides. The largest {@link SizingPolicy.Kind#DEMAND}
 *       proposal is the demand; with no demand policy, the demand is unbounded.
 *   <li><b>Stabilize.</b> The demand goes through the {@link Stabilizer} (HPA tolerance and
 *       windows). Capacity proposals are not stabilized, so an overload backs off at once.
 *   <li><b>Cap.</b> The smallest {@link SizingPolicy.Kind#CAPACITY} proposal caps the result.
 *   <li><b>Veto.</b> With {@code overload-veto = on}, growth is refused while the load snapshot
 *       is overloaded over its current window, whatever the policies say; and for {@code
 *       overload-memory} after an overload, growth stops one slot below the size it was seen at,
 *       so the pipeline does not climb straight back into it (Crawlee's rule alone oscillates
 *       there, crawlee-python#1224).
 *   <li><b>Anti-thrash.</b> With {@code anti-thrash = on}, a scale-down is refused when the
 *       policies, asked (with {@link SizingPolicy#peek}) what they would propose at the smaller
 *       size, would grow it again.
 *   <li><b>Bound.</b> The result is clamped to {@code [minSlots, maxSlots]}.
 * </ol>
 *
 * <p>Every policy is {@linkplain SizingPolicy#guarded guarded}: one that throws is logged and
 * holds. Threading: not thread-safe; call {@link #decide} from one thread at a time (the
 * supervisor actor).
 */
public final class PolicyPipeline {

  /** The stage names that can appear in {@link ScalingDecision#policy()}. */
  public static final String STABILIZATION = "stabilization";

  /** See {@link #STABILIZATION}. */
  public static final String OVERLOAD_VETO = "overload-veto";

  /** See {@link #STABILIZATION}. */
  public static final String ANTI_THRASH = "anti-thrash";

  /** See {@link #STABILIZATION}. */
  public static final String BOUNDS = "bounds";

  private final List<SizingPolicy> policies;
  private final Stabilizer stabilizer;
  private final boolean overloadVeto;
  private final long overloadMemoryNanos;
  /** The desired slots at the latest overloaded tick, or -1. */
  private int overloadedAt = -1;
  private long overloadedAtNanos;

  private PolicyPipeline(List<SizingPolicy> policies, Stabilizer.Settings stabilization,
      boolean overloadVeto, Duration overloadMemory) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one policy, was: []");
    }
    List<SizingPolicy> guarded = new ArrayList<>();
    for (SizingPolicy p : policies) {
      guarded.add(SizingPolicy.guarded(p));
    }
    this.policies = List.copyOf(guarded);
    this.stabilizer = new Stabilizer(Objects.requireNonNull(stabilization, "stabilization"));
    this.overloadVeto = overloadVeto;
    this.overloadMemoryNanos = overloadMemory.toNanos();
  }

  /**
   * The pipeline the settings describe, with new policy instances.
   *
   * @param settings the {@code actor-pool.sizing} block
   * @return the pipeline
   * @throws IllegalArgumentException if a custom policy cannot be created
   */
  public static PolicyPipeline create(SizingSettings settings) {
    List<SizingPolicy> policies = new ArrayList<>();
    for (String name : settings.policy()) {
      policies.add(settings.newPolicy(name));
    }
    return new PolicyPipeline(policies, settings.stabilization(), settings.overloadVeto(),
        settings.overloadMemory());
  }

  /**
   * A pipeline of explicit policies, for tests and code-first set-ups.
   *
   * @param policies the policies, in order; at least one
   * @param stabilization the stabilization block
   * @param overloadVeto whether an overloaded current window refuses growth
   * @return the pipeline
   */
  public static PolicyPipeline of(List<SizingPolicy> policies, Stabilizer.Settings stabilization,
      boolean overloadVeto) {
    return new PolicyPipeline(policies, stabilization, overloadVeto, Duration.ZERO);
  }

  /**
   * A pipeline of explicit policies with an overload memory.
   *
   * @param policies the policies, in order; at least one
   * @param stabilization the stabilization block
   * @param overloadVeto whether an overloaded current window refuses growth
   * @param overloadMemory how long growth stops below a size that was overloaded; zero for never
   * @return the pipeline
   */
  public static PolicyPipeline of(List<SizingPolicy> policies, Stabilizer.Settings stabilization,
      boolean overloadVeto, Duration overloadMemory) {
    return new PolicyPipeline(policies, stabilization, overloadVeto, overloadMemory);
  }

  /** The (guarded) policies, in order. */
  public List<SizingPolicy> policies() {
    return policies;
  }

  /**
   * Decides one tick.
   *
   * @param o the observation
   * @return the decision, with an empty supervisor; never null
   */
  public ScalingDecision decide(Observation o) {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("desired", String.valueOf(o.desiredSlots()));
    inputs.put("running", String.valueOf(o.runningJobs()));
    inputs.put("queued", String.valueOf(o.queuedJobs()));
    inputs.put("units", String.valueOf(o.units()));
    inputs.put("completed", String.valueOf(o.completedJobs()));
    inputs.put("bounds", "[" + o.minSlots() + ", " + o.maxSlots() + "]");
    inputs.put("overloaded", LoadPolicy.names(o.load().overloadedSignals()));
    Map<String, Integer> proposals = new LinkedHashMap<>();
    Map<Set<String>, Integer> capabilityPools = Map.of();
    List<Decision> decisions = new ArrayList<>();
    for (SizingPolicy p : policies) {
      Decision d = p.decide(o);
      decisions.add(d);
      proposals.put(d.policy(), d.desiredSlots());
      // Prefixed, so a policy named like an observation ("units") does not hide it.
      inputs.put("policy." + d.policy(), d.desiredSlots() + ": " + d.reason());
      d.inputs().forEach((k, v) -> inputs.putIfAbsent(d.policy() + "." + k, v));
      if (capabilityPools.isEmpty()) {
        capabilityPools = d.capabilityPools();
      }
    }
    Decision demand = pick(decisions, SizingPolicy.Kind.DEMAND);
    Decision cap = pick(decisions, SizingPolicy.Kind.CAPACITY);

    int target = o.desiredSlots();
    String policy = "pipeline";
    String reason = "no proposal";
    if (demand != null) {
      target = policyNamed(demand.policy()).stabilized()
          ? stabilizer.stabilize(o.nanos(), o.desiredSlots(), demand.desiredSlots())
          : demand.desiredSlots();
      policy = demand.policy();
      reason = demand.reason();
      if (target != demand.desiredSlots()) {
        policy = STABILIZATION;
        reason = stabilizer.lastReason() + "; " + demand.policy() + " proposed "
            + demand.desiredSlots();
      }
    }
    if (cap != null && (demand == null || cap.desiredSlots() < target)) {
      target = cap.desiredSlots();
      policy = cap.policy();
      reason = cap.reason();
    }
    if (o.load().overloaded()) {
      overloadedAt = o.desiredSlots();
      overloadedAtNanos = o.nanos();
    }
    if (overloadVeto && target > o.desiredSlots()) {
      long since = o.nanos() - overloadedAtNanos;
      if (o.load().overloaded()) {
        reason = LoadPolicy.names(o.load().overloadedSignals())
            + " overloaded over the current window; " + policy + " proposed " + target;
        target = o.desiredSlots();
        policy = OVERLOAD_VETO;
      } else if (overloadedAt >= 0 && target >= overloadedAt && since < overloadMemoryNanos) {
        reason = "overloaded at " + overloadedAt + " slots " + Duration.ofNanos(since)
            + " ago (overload-memory " + Duration.ofNanos(overloadMemoryNanos) + "); " + policy
            + " proposed " + target;
        target = Math.max(o.desiredSlots(), overloadedAt - 1);
        policy = OVERLOAD_VETO;
      }
    }
    if (stabilizer.settings().antiThrash() && target < o.desiredSlots()) {
      Decision undo = undoneBy(o.withDesiredSlots(target));
      if (undo != null) {
        reason = "shrinking to " + target + " would be undone: " + undo.policy() + " then proposes "
            + undo.desiredSlots() + " (" + undo.reason() + ")";
        target = o.desiredSlots();
        policy = ANTI_THRASH;
      }
    }
    int bounded = Math.max(o.minSlots(), Math.min(o.maxSlots(), target));
    if (bounded != target) {
      reason = policy + " proposed " + target + ": " + reason + "; clamped to [" + o.minSlots()
          + ", " + o.maxSlots() + "]";
      policy = BOUNDS;
    }
    return new ScalingDecision("", o.nanos(), o.desiredSlots(), bounded, policy, reason, inputs,
        proposals, capabilityPools);
  }

  /** The decision that would grow {@code next} again at the next tick, or null. */
  private Decision undoneBy(Observation next) {
    List<Decision> peeks = new ArrayList<>();
    for (SizingPolicy p : policies) {
      peeks.add(p.peek(next));
    }
    Decision demand = pick(peeks, SizingPolicy.Kind.DEMAND);
    Decision cap = pick(peeks, SizingPolicy.Kind.CAPACITY);
    Decision bound = demand == null || (cap != null && cap.desiredSlots() < demand.desiredSlots())
        ? cap : demand;
    return bound != null && bound.desiredSlots() > next.desiredSlots() ? bound : null;
  }

  private SizingPolicy policyNamed(String name) {
    for (SizingPolicy p : policies) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalStateException("no policy named [" + name + "] in " + policies);
  }

  /** The largest demand or the smallest capacity proposal; the first wins ties. */
  private Decision pick(List<Decision> decisions, SizingPolicy.Kind kind) {
    Decision best = null;
    for (int i = 0; i < decisions.size(); i++) {
      if (policies.get(i).kind() != kind) {
        continue;
      }
      Decision d = decisions.get(i);
      if (best == null
          || (kind == SizingPolicy.Kind.DEMAND
              ? d.desiredSlots() > best.desiredSlots()
              : d.desiredSlots() < best.desiredSlots())) {
        best = d;
      }
    }
    return best;
  }
}
