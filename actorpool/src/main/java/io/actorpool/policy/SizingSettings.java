package io.actorpool.policy;

import static io.actorpool.internal.ConfigChecks.read;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import io.actorpool.internal.ConfigChecks;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.ActorSystem;

/**
 * Immutable settings of a {@link PolicyPipeline}: the {@code actor-pool.sizing} block, plus {@code
 * actor-pool.units-per-pool} for the {@code units} policy.
 *
 * <p>Read them with {@link #create(ActorSystem)} or {@link #create(Config)} and adjust them with the
 * {@code withX} copies. Every key is described, with an example, in the core module's {@code
 * reference.conf}. Every value is checked here, including that each named policy exists and that
 * each custom policy's class can be loaded, so a bad one fails at start: an {@link
 * IllegalArgumentException} names the full key and the value, e.g. {@code actor-pool.sizing.policy
 * names an unknown policy, was: [lod]}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class SizingSettings {

  private static final String ROOT = "actor-pool";
  private static final String PREFIX = ROOT + ".sizing.";

  /** The names of the built-in policies. */
  public static final Set<String> BUILT_INS = Set.of(UnitsPolicy.NAME, LoadPolicy.NAME,
      QueuePolicy.NAME, CapabilityPolicy.NAME, ThroughputPolicy.NAME);

  private final List<String> policy;
  private final int unitsPerPool;
  private final LoadPolicy.Settings load;
  private final double[] queue;
  private final double[] capability;
  private final ThroughputPolicy.Settings throughput;
  private final Stabilizer.Settings stabilization;
  private final boolean overloadVeto;
  private final Duration overloadMemory;
  private final Map<String, String> customPolicies;
  private final Config sizing;
  private final String observeLoad;
  private final Duration decisionInterval;

  private SizingSettings(List<String> policy, int unitsPerPool, LoadPolicy.Settings load,
      double[] queue, double[] capability, ThroughputPolicy.Settings throughput,
      Stabilizer.Settings stabilization, boolean overloadVeto, Duration overloadMemory,
      Map<String, String> customPolicies, Config sizing, String observeLoad,
      Duration decisionInterval) {
    this.unitsPerPool = ConfigChecks.requireAtLeast(ROOT + ".units-per-pool", unitsPerPool, 1);
    this.load = Objects.requireNonNull(load, PREFIX + "load");
    // Constructed once here so that bad thresholds fail at start, with the key in the message.
    new QueuePolicy(queue[0], queue[1]);
    new CapabilityPolicy(capability[0], capability[1]);
    this.queue = queue.clone();
    this.capability = capability.clone();
    this.throughput = Objects.requireNonNull(throughput, PREFIX + "throughput");
    this.stabilization = Objects.requireNonNull(stabilization, PREFIX + "stabilization");
    this.overloadVeto = overloadVeto;
    this.overloadMemory =
        ConfigChecks.requireDuration(PREFIX + "overload-memory", overloadMemory, true);
    this.customPolicies = Collections.unmodifiableMap(new LinkedHashMap<>(customPolicies));
    this.sizing = sizing;
    if (!Set.of("auto", "on", "off").contains(observeLoad)) {
      throw new IllegalArgumentException(
          PREFIX + "observe-load must be one of [auto, on, off], was: [" + observeLoad + "]");
    }
    this.observeLoad = observeLoad;
    this.decisionInterval =
        ConfigChecks.requireDuration(PREFIX + "decision-interval", decisionInterval, false);
    if (policy.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + "policy must name at least one policy, was: []");
    }
    Set<String> seen = new HashSet<>();
    for (String name : policy) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            PREFIX + "policy names a policy twice, was: [" + name + "]");
      }
      String fqcn = this.customPolicies.get(name);
      if (fqcn == null && !BUILT_INS.contains(name)) {
        throw new IllegalArgumentException(PREFIX + "policy names an unknown policy (built-ins: "
            + BUILT_INS + ", or a key of " + PREFIX + "custom-policies), was: [" + name + "]");
      }
      if (fqcn != null) {
        customClass(name, fqcn);
      }
    }
    this.policy = List.copyOf(policy);
  }

  /**
   * Reads {@code actor-pool} of the system's configuration.
   *
   * @param system the actor system
   * @return the settings
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  public static SizingSettings create(ActorSystem system) {
    return create(system.settings().config().getConfig(ROOT));
  }

  /**
   * Reads a block shaped like {@code actor-pool} (not its parent); keys it lacks come from the
   * reference block, so {@code ConfigFactory.parseString("sizing.policy = load")} is enough.
   *
   * @param actorPool the block
   * @return the settings
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  public static SizingSettings create(Config actorPool) {
    Config root = actorPool.withFallback(ReferenceHolder.REFERENCE);
    Config c = read(root, ROOT + ".", "sizing", root::getConfig);
    Config defaults = read(c, PREFIX, "policy-defaults", c::getConfig);
    Config l = c.getConfig("load").withFallback(defaults);
    Config t = c.getConfig("throughput").withFallback(defaults);
    Config s = c.getConfig("stabilization");
    String lp = PREFIX + "load.";
    String tp = PREFIX + "throughput.";
    String sp = PREFIX + "stabilization.";
    List<String> policy = read(c, PREFIX, "policy",
        k -> c.getValue(k).valueType() == ConfigValueType.LIST
            ? c.getStringList(k) : List.of(c.getString(k)));
    Map<String, String> custom = new LinkedHashMap<>();
    Config cc = read(c, PREFIX, "custom-policies", c::getConfig);
    for (String name : cc.root().keySet()) {
      String fqcn = read(cc, PREFIX + "custom-policies.", name, cc::getString);
      if (!fqcn.isBlank()) {
        custom.put(name, fqcn);
      }
    }
    return new SizingSettings(
        policy,
        read(root, ROOT + ".", "units-per-pool", root::getInt),
        new LoadPolicy.Settings(
            read(l, lp, "scale-up-step-ratio", l::getDouble),
            read(l, lp, "scale-down-step-ratio", l::getDouble),
            read(l, lp, "desired-concurrency-ratio", l::getDouble),
            read(l, lp, "autoscale-interval", l::getDuration)),
        new double[] {
          read(c, PREFIX, "queue.upper-task-ratio", c::getDouble),
          read(c, PREFIX, "queue.lower-task-ratio", c::getDouble)},
        new double[] {
          read(c, PREFIX, "capability.upper-task-ratio", c::getDouble),
          read(c, PREFIX, "capability.lower-task-ratio", c::getDouble)},
        new ThroughputPolicy.Settings(
            read(t, tp, "autoscale-interval", t::getDuration),
            read(t, tp, "step-ratio", t::getDouble),
            read(t, tp, "alpha-ratio", t::getDouble),
            read(t, tp, "beta-ratio", t::getDouble),
            read(t, tp, "base-window", t::getInt),
            read(t, tp, "desired-concurrency-ratio", t::getDouble)),
        new Stabilizer.Settings(
            read(s, sp, "scale-up-window", s::getDuration),
            read(s, sp, "scale-down-window", s::getDuration),
            read(s, sp, "tolerance", s::getDouble),
            read(s, sp, "anti-thrash", s::getBoolean)),
        read(c, PREFIX, "overload-veto", c::getBoolean),
        read(c, PREFIX, "overload-memory", c::getDuration),
        custom,
        c,
        read(c, PREFIX, "observe-load", k -> {
          // HOCON reads a bare on/off as a boolean; keep the word.
          return c.getValue(k).valueType() == ConfigValueType.BOOLEAN
              ? (c.getBoolean(k) ? "on" : "off") : c.getString(k);
        }),
        read(c, PREFIX, "decision-interval", c::getDuration));
  }

  /* ---------------- Accessors ---------------- */

  /** {@code policy}: the policies of the pipeline, in order. */
  public List<String> policy() {
    return policy;
  }

  /** {@code actor-pool.units-per-pool}, for the {@code units} policy. */
  public int unitsPerPool() {
    return unitsPerPool;
  }

  /** The {@code load} block, with {@code policy-defaults} applied. */
  public LoadPolicy.Settings load() {
    return load;
  }

  /** {@code queue.upper-task-ratio}. */
  public double queueUpperTaskRatio() {
    return queue[0];
  }

  /** {@code queue.lower-task-ratio}. */
  public double queueLowerTaskRatio() {
    return queue[1];
  }

  /** {@code capability.upper-task-ratio}. */
  public double capabilityUpperTaskRatio() {
    return capability[0];
  }

  /** {@code capability.lower-task-ratio}. */
  public double capabilityLowerTaskRatio() {
    return capability[1];
  }

  /** The {@code throughput} block, with {@code policy-defaults} applied. */
  public ThroughputPolicy.Settings throughput() {
    return throughput;
  }

  /** The {@code stabilization} block. */
  public Stabilizer.Settings stabilization() {
    return stabilization;
  }

  /** {@code overload-veto}: whether an overloaded current window refuses growth. */
  public boolean overloadVeto() {
    return overloadVeto;
  }

  /** {@code overload-memory}: how long growth stops below a size that was overloaded. */
  public Duration overloadMemory() {
    return overloadMemory;
  }

  /** {@code custom-policies}: user policies by name, disabled ({@code ""}) ones left out. */
  public Map<String, String> customPolicies() {
    return customPolicies;
  }

  /**
   * {@code observe-load}: whether the supervisor subscribes to the system's {@code SystemLoad}
   * actor. {@code auto} does when a policy measures capacity ({@code load}, {@code throughput},
   * or a custom one), so that the overload veto has something to act on.
   */
  public String observeLoad() {
    return observeLoad;
  }

  /** Whether a supervisor with these settings should observe system load. */
  public boolean needsLoad() {
    if (!observeLoad.equals("auto")) {
      return observeLoad.equals("on");
    }
    for (String name : policy) {
      if (!name.equals(UnitsPolicy.NAME) && !name.equals(QueuePolicy.NAME)
          && !name.equals(CapabilityPolicy.NAME)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the pipeline has the {@code capability} policy, so jobs may require capabilities. */
  public boolean usesCapabilities() {
    return policy.contains(CapabilityPolicy.NAME);
  }

  /** {@code decision-interval}: how often the supervisor runs the pipeline on its own. */
  public Duration decisionInterval() {
    return decisionInterval;
  }

  /* ---------------- Copies ---------------- */

  /** A copy with {@code units-per-pool} set, so a supervisor's own value always wins. */
  public SizingSettings withUnitsPerPool(int unitsPerPool) {
    return new SizingSettings(policy, unitsPerPool, load, queue, capability, throughput,
        stabilization, overloadVeto, overloadMemory, customPolicies, sizing, observeLoad,
        decisionInterval);
  }

  /** A copy with {@code observe-load} set: {@code auto}, {@code on} or {@code off}. */
  public SizingSettings withObserveLoad(String observeLoad) {
    return new SizingSettings(policy, unitsPerPool, load, queue, capability, throughput,
        stabilization, overloadVeto, overloadMemory, customPolicies, sizing, observeLoad,
        decisionInterval);
  }

  /** A copy with {@code decision-interval} set. */
  public SizingSettings withDecisionInterval(Duration decisionInterval) {
    return new SizingSettings(policy, unitsPerPool, load, queue, capability, throughput,
        stabilization, overloadVeto, overloadMemory, customPolicies, sizing, observeLoad,
        decisionInterval);
  }

  /** A copy with another pipeline, e.g. {@code List.of("queue", "load")}. */
  public SizingSettings withPolicy(List<String> policy) {
    return new SizingSettings(policy, unitsPerPool, load, queue, capability, throughput,
        stabilization, overloadVeto, overloadMemory, customPolicies, sizing, observeLoad,
        decisionInterval);
  }

  /** A copy with another {@code stabilization} block. */
  public SizingSettings withStabilization(Stabilizer.Settings stabilization) {
    return new SizingSettings(policy, unitsPerPool, load, queue, capability, throughput,
        stabilization, overloadVeto, overloadMemory, customPolicies, sizing, observeLoad,
        decisionInterval);
  }

  /** A copy with {@code overload-veto} set. */
  public SizingSettings withOverloadVeto(boolean overloadVeto) {
    return new SizingSettings(policy, unitsPerPool, load, queue, capability, throughput,
        stabilization, overloadVeto, overloadMemory, customPolicies, sizing, observeLoad,
        decisionInterval);
  }

  /* ---------------- Policies ---------------- */

  /**
   * A new instance of the named policy.
   *
   * @param name a built-in name or a key of {@code custom-policies}
   * @return the policy, not yet guarded
   * @throws IllegalArgumentException naming the key if it cannot be created
   */
  SizingPolicy newPolicy(String name) {
    switch (name) {
      case UnitsPolicy.NAME:
        return new UnitsPolicy(unitsPerPool);
      case LoadPolicy.NAME:
        return new LoadPolicy(load);
      case QueuePolicy.NAME:
        return new QueuePolicy(queue[0], queue[1]);
      case CapabilityPolicy.NAME:
        return new CapabilityPolicy(capability[0], capability[1]);
      case ThroughputPolicy.NAME:
        return new ThroughputPolicy(throughput);
      default:
        return newCustom(name, customPolicies.get(name));
    }
  }

  private SizingPolicy newCustom(String name, String fqcn) {
    Class<? extends SizingPolicy> type = customClass(name, fqcn);
    // Its own block, if any, falls back to policy-defaults as the built-ins' blocks do.
    Config own = sizing.hasPath(name) && sizing.getValue(name).valueType() == ConfigValueType.OBJECT
        ? sizing.getConfig(name).withFallback(sizing.getConfig("policy-defaults"))
        : sizing.getConfig("policy-defaults");
    try {
      try {
        return type.getConstructor(Config.class).newInstance(own);
      } catch (NoSuchMethodException e) {
        return type.getConstructor().newInstance();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(PREFIX + "custom-policies." + name
          + " could not be created (a public constructor taking a Config, or none), was: ["
          + fqcn + "]: " + cause, cause);
    }
  }

  private static Class<? extends SizingPolicy> customClass(String name, String fqcn) {
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(fqcn, false,
          loader != null ? loader : SizingSettings.class.getClassLoader());
      if (!SizingPolicy.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException(PREFIX + "custom-policies." + name
            + " must name a class implementing " + SizingPolicy.class.getName() + ", was: ["
            + fqcn + "]");
      }
      return type.asSubclass(SizingPolicy.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          PREFIX + "custom-policies." + name + " names no class, was: [" + fqcn + "]", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SizingSettings s
        && s.policy.equals(policy)
        && s.unitsPerPool == unitsPerPool
        && s.load.equals(load)
        && java.util.Arrays.equals(s.queue, queue)
        && java.util.Arrays.equals(s.capability, capability)
        && s.throughput.equals(throughput)
        && s.stabilization.equals(stabilization)
        && s.overloadVeto == overloadVeto
        && s.overloadMemory.equals(overloadMemory)
        && s.customPolicies.equals(customPolicies)
        && s.sizing.equals(sizing)
        && s.observeLoad.equals(observeLoad)
        && s.decisionInterval.equals(decisionInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policy, unitsPerPool, load, java.util.Arrays.hashCode(queue),
        throughput, stabilization, overloadVeto, overloadMemory, customPolicies, observeLoad,
        decisionInterval);
  }

  @Override
  public String toString() {
    return "SizingSettings(policy=" + policy + ", units-per-pool=" + unitsPerPool + ", load="
        + load + ", queue=[" + queue[0] + ", " + queue[1] + "], capability=[" + capability[0]
        + ", " + capability[1] + "], throughput=" + throughput + ", stabilization="
        + stabilization + ", overload-veto=" + overloadVeto + ", overload-memory="
        + overloadMemory + ", custom-policies="
        + customPolicies + ", observe-load=" + observeLoad + ", decision-interval="
        + decisionInterval + ")";
  }

  /** The core module's {@code actor-pool} block, loaded once for fallbacks. */
  private static final class ReferenceHolder {
    static final Config REFERENCE = ConfigChecks.reference(ROOT);
  }
}
