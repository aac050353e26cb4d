package io.actorpool.policy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sizing rule: plain Java, no actors. At every control tick it takes an {@link Observation}
 * and proposes a desired concurrency in worker slots, with its reason.
 *
 * <p>A {@link PolicyPipeline} composes several: {@link Kind#DEMAND} policies say how much work
 * there is (the largest proposal wins), {@link Kind#CAPACITY} policies say how much the machine
 * takes (the smallest wins and caps the demand). Built-ins are the static factories here, chosen
 * by name in {@code actor-pool.sizing.policy}; users add their own by class name under {@code
 * actor-pool.sizing.custom-policies} (a public constructor taking a {@code Config}, or none).
 *
 * <p>Threading: a pipeline calls its policies from one thread at a time (inside the supervisor
 * actor), so an implementation may keep state without synchronization. It must be quick and must
 * not block. Time comes only from {@link Observation#nanos()}, so a policy replays
 * deterministically.
 */
public interface SizingPolicy {

  /** What a policy's proposal means to the pipeline. */
  enum Kind {
    /** How much work there is: the pipeline takes the largest demand proposal. */
    DEMAND,
    /** How much the machine takes: the pipeline caps the demand by the smallest such proposal. */
    CAPACITY
  }

  /**
   * The policy's name, as used in configuration and in decisions, e.g. {@code load}.
   *
   * @return the name
   */
  String name();

  /**
   * What the proposals mean; {@link Kind#DEMAND} unless overridden.
   *
   * @return the kind
   */
  default Kind kind() {
    return Kind.DEMAND;
  }

  /**
   * Decides at one tick. May update the policy's state (its last action, its measurements).
   *
   * @param o the observation
   * @return the proposal; never null
   */
  Decision decide(Observation o);

  /**
   * Whether the pipeline damps this policy's proposals with the stabilization windows. A policy
   * that reports declared demand (a count of real things, like {@code units}) rather than a noisy
   * measurement opts out, so its target applies at once, as leasepool's does.
   *
   * @return true unless the policy opts out
   */
  default boolean stabilized() {
    return true;
  }

  /**
   * What {@link #decide} would propose for {@code o} when next allowed to act, without changing
   * any state. The pipeline's anti-thrash check calls it to see whether a scale-down would be
   * undone at the next tick. The default calls {@code decide}, which is right for stateless
   * policies; a stateful policy must override it.
   *
   * @param o a hypothetical observation
   * @return the proposal; never null
   */
  default Decision peek(Observation o) {
    return decide(o);
  }

  /* ---------------- Built-ins ---------------- */

  /**
   * The {@code units} policy: leasepool's rule.
   *
   * @param unitsPerPool units one pool serves, {@code >= 1}
   * @return the policy
   * @see UnitsPolicy
   */
  static SizingPolicy units(int unitsPerPool) {
    return new UnitsPolicy(unitsPerPool);
  }

  /**
   * The {@code load} policy: Crawlee's AutoscaledPool rule.
   *
   * @param settings its block
   * @return a new policy (it has state)
   * @see LoadPolicy
   */
  static SizingPolicy load(LoadPolicy.Settings settings) {
    return new LoadPolicy(settings);
  }

  /**
   * The {@code queue} policy: Scaler's task-to-worker ratio.
   *
   * @param upperTaskRatio grow above this many jobs per slot
   * @param lowerTaskRatio shrink below this many jobs per slot
   * @return the policy
   * @see QueuePolicy
   */
  static SizingPolicy queue(double upperTaskRatio, double lowerTaskRatio) {
    return new QueuePolicy(upperTaskRatio, lowerTaskRatio);
  }

  /**
   * The {@code capability} policy: Scaler's per-capability-set ratio.
   *
   * @param upperTaskRatio grow a set above this many jobs per slot
   * @param lowerTaskRatio shrink a set below this many jobs per slot
   * @return the policy
   * @see CapabilityPolicy
   */
  static SizingPolicy capability(double upperTaskRatio, double lowerTaskRatio) {
    return new CapabilityPolicy(upperTaskRatio, lowerTaskRatio);
  }

  /**
   * The {@code throughput} policy: a Vegas-style search for the knee of throughput against
   * concurrency.
   *
   * @param settings its block
   * @return a new policy (it has state)
   * @see ThroughputPolicy
   */
  static SizingPolicy throughput(ThroughputPolicy.Settings settings) {
    return new ThroughputPolicy(settings);
  }

  /**
   * Wraps a policy so that an exception, a null decision or a decision about another starting
   * point is logged (at most once a minute per policy) and treated as hold. The pipeline wraps
   * every policy this way, so a broken user policy never fails the supervisor.
   *
   * @param policy the policy to guard
   * @return the guarded policy, or {@code policy} itself if it is already guarded
   */
  static SizingPolicy guarded(SizingPolicy policy) {
    return policy instanceof GuardedPolicy ? policy : new GuardedPolicy(policy);
  }
}

/** A policy whose failures become holds. */
final class GuardedPolicy implements SizingPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(SizingPolicy.class);

  /** A failing policy fails at every tick; one warning a minute is enough. */
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final SizingPolicy delegate;
  private final String name;
  private long lastLogNanos;
  private boolean logged;

  GuardedPolicy(SizingPolicy delegate) {
    this.delegate = Objects.requireNonNull(delegate, "policy");
    String n;
    try {
      n = delegate.name();
    } catch (RuntimeException e) {
      n = null;
    }
    this.name = n == null || n.isBlank() ? delegate.getClass().getName() : n;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    try {
      Kind k = delegate.kind();
      return k == null ? Kind.DEMAND : k;
    } catch (RuntimeException e) {
      return Kind.DEMAND;
    }
  }

  /** A user policy that throws here is damped, as any measurement would be. */
  @Override
  public boolean stabilized() {
    try {
      return delegate.stabilized();
    } catch (RuntimeException e) {
      return true;
    }
  }

  @Override
  public Decision decide(Observation o) {
    return call(o, false);
  }

  @Override
  public Decision peek(Observation o) {
    return call(o, true);
  }

  private Decision call(Observation o, boolean peek) {
    Decision d;
    try {
      d = peek ? delegate.peek(o) : delegate.decide(o);
    } catch (RuntimeException e) {
      return failed(o, e.toString());
    }
    if (d == null) {
      return failed(o, "returned null");
    }
    if (d.fromSlots() != o.desiredSlots()) {
      return failed(o, "decided from " + d.fromSlots() + " slots, not " + o.desiredSlots());
    }
    return d.policy().equals(name) ? d : d.because(name, d.reason());
  }

  private Decision failed(Observation o, String error) {
    if (!logged || o.nanos() - lastLogNanos >= LOG_EVERY_NANOS) {
      logged = true;
      lastLogNanos = o.nanos();
      LOG.warn("sizing policy [{}] failed, holding at {} slots: {}", name, o.desiredSlots(), error);
    }
    return Decision.hold(o).because(name, "failed, holding: " + error).with("error", error);
  }
}
