package io.actorpool;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.actor.ActorSystem;

/**
 * Immutable settings of one {@code PoolSupervisor}.
 *
 * <p>Read them from configuration with {@link #create(ActorSystem)} (the {@code actor-pool} block
 * of the system's config: {@code reference.conf} overridden by {@code application.conf}) or {@link
 * #create(Config)}, then adjust them in code with the {@code withX} methods, which return copies.
 * The meaning, allowed values and an example of every setting are documented above its key in the
 * core module's {@code reference.conf}; the accessor names follow the keys.
 *
 * <p>Every value is checked when the settings are created, so a bad one fails at start, never
 * later: an {@link IllegalArgumentException} names the key and the value, e.g. {@code
 * actor-pool.min-pools must be <= actor-pool.max-pools, was: [5] > [3]}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PoolSettings {

  private static final String ROOT = "actor-pool";
  private static final String PREFIX = ROOT + ".";

  private final int minPools;
  private final int maxPools;
  private final int unitsPerPool;
  private final int workersPerPool;
  private final Duration checkInterval;
  private final SignalFailureMode onSignalFailure;
  private final int maxQueuedJobs;
  private final int prefetchPerWorker;
  private final LeaseSettings lease;
  private final WorkerSettings workers;
  private final io.actorpool.policy.SizingSettings sizing;
  private final PullSettings pull;
  private final Duration loggingInterval;
  private final boolean jmx;

  private PoolSettings(
      int minPools,
      int maxPools,
      int unitsPerPool,
      int workersPerPool,
      Duration checkInterval,
      SignalFailureMode onSignalFailure,
      int maxQueuedJobs,
      int prefetchPerWorker,
      LeaseSettings lease,
      WorkerSettings workers,
      io.actorpool.policy.SizingSettings sizing,
      PullSettings pull,
      Duration loggingInterval,
      boolean jmx) {
    this.minPools = requireAtLeast(PREFIX + "min-pools", minPools, 0);
    this.maxPools = requireAtLeast(PREFIX + "max-pools", maxPools, 1);
    if (minPools > maxPools) {
      throw new IllegalArgumentException(
          PREFIX + "min-pools must be <= " + PREFIX + "max-pools, was: [" + minPools + "] > ["
              + maxPools + "] (withPoolBounds(min, max) sets both at once)");
    }
    this.unitsPerPool = requireAtLeast(PREFIX + "units-per-pool", unitsPerPool, 1);
    this.workersPerPool = requireAtLeast(PREFIX + "workers-per-pool", workersPerPool, 1);
    this.checkInterval = requirePositive(PREFIX + "check-interval", checkInterval);
    this.onSignalFailure = Objects.requireNonNull(onSignalFailure, PREFIX + "on-signal-failure");
    this.maxQueuedJobs = requireAtLeast(PREFIX + "max-queued-jobs", maxQueuedJobs, 0);
    this.prefetchPerWorker =
        requireAtLeast(PREFIX + "prefetch-per-worker", prefetchPerWorker, 0);
    this.lease = Objects.requireNonNull(lease, PREFIX + "lease");
    this.workers = Objects.requireNonNull(workers, PREFIX + "workers");
    // The supervisor's units-per-pool is the one the units policy uses.
    this.sizing = Objects.requireNonNull(sizing, PREFIX + "sizing").withUnitsPerPool(unitsPerPool);
    this.pull = Objects.requireNonNull(pull, PREFIX + "pull");
    this.loggingInterval = loggingInterval == null ? null
        : requirePositive(PREFIX + "logging-interval", loggingInterval);
    this.jmx = jmx;
  }

  /**
   * Reads the {@code actor-pool} block of the system's configuration.
   *
   * @throws IllegalArgumentException naming the key and value of a missing or invalid setting
   */
  public static PoolSettings create(ActorSystem system) {
    return create(system.settings().config().getConfig(ROOT));
  }

  /**
   * Reads a block shaped like {@code actor-pool} (the block itself, not its parent). Keys it lacks
   * are taken from the reference {@code actor-pool} block, so {@code
   * ConfigFactory.parseString("max-pools = 5")} is enough.
   *
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  public static PoolSettings create(Config config) {
    Config c = config.withFallback(ReferenceHolder.REFERENCE);
    LeaseSettings lease =
        new LeaseSettings(
            read(c, "lease.default-duration", c::getDuration),
            read(c, "lease.grace", c::getDuration),
            read(c, "lease.revoke-timeout", c::getDuration),
            read(c, "lease.max-total", c::getDuration));
    return new PoolSettings(
        read(c, "min-pools", c::getInt),
        read(c, "max-pools", c::getInt),
        read(c, "units-per-pool", c::getInt),
        read(c, "workers-per-pool", c::getInt),
        read(c, "check-interval", c::getDuration),
        SignalFailureMode.fromConfigName(
            PREFIX + "on-signal-failure", read(c, "on-signal-failure", c::getString)),
        read(c, "max-queued-jobs", c::getInt),
        read(c, "prefetch-per-worker", c::getInt),
        lease,
        WorkerSettings.create(c.getConfig("workers")),
        io.actorpool.policy.SizingSettings.create(c),
        readPull(c.getConfig("pull")),
        WorkerSettings.offOrDuration(c, "logging-interval", PREFIX),
        read(c, "jmx", c::getBoolean));
  }

  private static PullSettings readPull(Config p) {
    String prefix = PREFIX + "pull.";
    boolean timeoutOff = p.getValue("task-timeout").valueType()
        == com.typesafe.config.ConfigValueType.STRING && "off".equals(p.getString("task-timeout"));
    boolean rateOff = p.getValue("max-tasks-per-minute").valueType()
        == com.typesafe.config.ConfigValueType.STRING
        && "off".equals(p.getString("max-tasks-per-minute"));
    return new PullSettings(
        read(p, "maybe-run-interval", p::getDuration, prefix),
        timeoutOff ? java.util.Optional.empty()
            : java.util.Optional.of(read(p, "task-timeout", p::getDuration, prefix)),
        rateOff ? 0 : read(p, "max-tasks-per-minute", p::getInt, prefix),
        read(p, "continue-on-error", p::getBoolean, prefix),
        read(p, "logging-interval", p::getDuration, prefix));
  }

  /** Turns Typesafe Config's own exceptions into the one error type this class promises. */
  private static <T> T read(Config c, String key, Function<String, T> getter) {
    return read(c, key, getter, PREFIX);
  }

  static <T> T read(Config c, String key, Function<String, T> getter, String prefix) {
    try {
      return getter.apply(key);
    } catch (ConfigException e) {
      String value = c.hasPath(key) ? c.getValue(key).render() : "<missing>";
      throw new IllegalArgumentException(
          prefix + key + " is not valid, was: [" + value + "]: " + e.getMessage(), e);
    }
  }

  /* ---------------- Accessors ---------------- */

  /** {@code min-pools}: the fewest pools kept. */
  public int minPools() {
    return minPools;
  }

  /** {@code max-pools}: the most pools that may exist at once, draining ones included. */
  public int maxPools() {
    return maxPools;
  }

  /** {@code units-per-pool}: units one pool serves. */
  public int unitsPerPool() {
    return unitsPerPool;
  }

  /** {@code workers-per-pool}: worker threads in each pool. */
  public int workersPerPool() {
    return workersPerPool;
  }

  /** {@code check-interval}: how often the size signal is re-read. */
  public Duration checkInterval() {
    return checkInterval;
  }

  /** {@code on-signal-failure}: what a failing size signal does. */
  public SignalFailureMode onSignalFailure() {
    return onSignalFailure;
  }

  /** {@code max-queued-jobs}: the most jobs waiting for a free worker. */
  public int maxQueuedJobs() {
    return maxQueuedJobs;
  }

  /** {@code prefetch-per-worker}: jobs a pool holds per worker beyond those running. */
  public int prefetchPerWorker() {
    return prefetchPerWorker;
  }

  /** A copy with {@code prefetch-per-worker} set; {@code 0} switches prefetching off. */
  public PoolSettings withPrefetchPerWorker(int prefetchPerWorker) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** The {@code lease} block. */
  public LeaseSettings lease() {
    return lease;
  }

  /** The {@code workers} block. */
  public WorkerSettings workers() {
    return workers;
  }

  /**
   * {@code logging-interval}: how often the supervisor logs its state line; empty when {@code
   * off}.
   */
  public java.util.Optional<Duration> loggingInterval() {
    return java.util.Optional.ofNullable(loggingInterval);
  }

  /** {@code jmx}: whether the supervisor registers a {@link PoolSupervisorMXBean}. */
  public boolean jmx() {
    return jmx;
  }

  /** {@code lease.default-duration}. */
  public Duration defaultLeaseDuration() {
    return lease.defaultDuration();
  }

  /** {@code lease.grace}. */
  public Duration leaseGrace() {
    return lease.grace();
  }

  /**
   * The pool count the {@code units} rule wants for a unit count: {@code min(max-pools,
   * max(min-pools, ceil(units / units-per-pool)))}.
   */
  public int desiredPools(int units) {
    return io.actorpool.policy.UnitsPolicy.desiredPools(units, unitsPerPool, minPools, maxPools);
  }

  /* ---------------- Copies ---------------- */

  /** A copy with {@code min-pools} set; it must stay {@code <= max-pools}. */
  public PoolSettings withMinPools(int minPools) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code max-pools} set; it must stay {@code >= min-pools}. */
  public PoolSettings withMaxPools(int maxPools) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with both bounds set at once, so their order of change does not matter. */
  public PoolSettings withPoolBounds(int minPools, int maxPools) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code units-per-pool} set. */
  public PoolSettings withUnitsPerPool(int unitsPerPool) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code workers-per-pool} set. */
  public PoolSettings withWorkersPerPool(int workersPerPool) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code check-interval} set. */
  public PoolSettings withCheckInterval(Duration checkInterval) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code on-signal-failure} set. */
  public PoolSettings withOnSignalFailure(SignalFailureMode onSignalFailure) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code max-queued-jobs} set. */
  public PoolSettings withMaxQueuedJobs(int maxQueuedJobs) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with the whole {@code lease} block replaced. */
  public PoolSettings withLease(LeaseSettings lease) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with the whole {@code workers} block replaced. */
  public PoolSettings withWorkers(WorkerSettings workers) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** The {@code pull} block: pull-mode runs. */
  public PullSettings pull() {
    return pull;
  }

  /** A copy with the whole {@code pull} block replaced. */
  public PoolSettings withPull(PullSettings pull) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** The {@code sizing} block: the policy pipeline. */
  public io.actorpool.policy.SizingSettings sizing() {
    return sizing;
  }

  /** A copy with the whole {@code sizing} block replaced. */
  public PoolSettings withSizing(io.actorpool.policy.SizingSettings sizing) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with the pipeline's policies set by name, e.g. {@code List.of("queue", "load")}. */
  public PoolSettings withSizingPolicy(java.util.List<String> policy) {
    return withSizing(sizing.withPolicy(policy));

  }

  /**
   * A copy with {@code logging-interval} set.
   *
   * @param loggingInterval a positive duration, or null to switch the state line off
   */
  public PoolSettings withLoggingInterval(Duration loggingInterval) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code jmx} set. */
  public PoolSettings withJmx(boolean jmx) {
    return new PoolSettings(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  /** A copy with {@code lease.default-duration} set. */
  public PoolSettings withDefaultLeaseDuration(Duration duration) {
    return withLease(
        new LeaseSettings(duration, lease.grace(), lease.revokeTimeout(), lease.maxTotal()));
  }

  /** A copy with {@code lease.grace} set. */
  public PoolSettings withLeaseGrace(Duration grace) {
    return withLease(
        new LeaseSettings(lease.defaultDuration(), grace, lease.revokeTimeout(), lease.maxTotal()));
  }

  /** A copy with {@code lease.revoke-timeout} set. */
  public PoolSettings withLeaseRevokeTimeout(Duration revokeTimeout) {
    return withLease(
        new LeaseSettings(lease.defaultDuration(), lease.grace(), revokeTimeout, lease.maxTotal()));
  }

  /** A copy with {@code lease.max-total} set. */
  public PoolSettings withLeaseMaxTotal(Duration maxTotal) {
    return withLease(
        new LeaseSettings(lease.defaultDuration(), lease.grace(), lease.revokeTimeout(), maxTotal));
  }

  /* ---------------- Checks ---------------- */

  static int requireAtLeast(String key, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(key + " must be >= " + least + ", was: [" + value + "]");
    }
    return value;
  }

  static Duration requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key + " must not be null");
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be > 0, was: [" + value + "]");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoolSettings s
        && s.minPools == minPools
        && s.maxPools == maxPools
        && s.unitsPerPool == unitsPerPool
        && s.workersPerPool == workersPerPool
        && s.checkInterval.equals(checkInterval)
        && s.onSignalFailure == onSignalFailure
        && s.maxQueuedJobs == maxQueuedJobs
        && s.prefetchPerWorker == prefetchPerWorker
        && s.lease.equals(lease)
        && s.workers.equals(workers)
        && s.sizing.equals(sizing)
        && s.pull.equals(pull)
        && Objects.equals(s.loggingInterval, loggingInterval)
        && s.jmx == jmx;
  }

  @Override
  public int hashCode() {
    return Objects.hash(minPools, maxPools, unitsPerPool, workersPerPool, checkInterval,
        onSignalFailure, maxQueuedJobs, prefetchPerWorker, lease, workers, sizing, pull,
        loggingInterval, jmx);
  }

  @Override
  public String toString() {
    return "PoolSettings(min-pools=" + minPools + ", max-pools=" + maxPools
        + ", units-per-pool=" + unitsPerPool + ", workers-per-pool=" + workersPerPool
        + ", check-interval=" + checkInterval + ", on-signal-failure="
        + onSignalFailure.configName() + ", max-queued-jobs=" + maxQueuedJobs
        + ", prefetch-per-worker=" + prefetchPerWorker + ", " + lease
        + ", " + workers + ", sizing=" + sizing.policy() + ", logging-interval="
        + (loggingInterval == null ? "off" : loggingInterval) + ", jmx=" + (jmx ? "on" : "off")
        + ")";
  }

  /** The core module's own {@code actor-pool} block, loaded once for fallbacks. */
  private static final class ReferenceHolder {
    static final Config REFERENCE =
        com.typesafe.config.ConfigFactory.defaultReference(PoolSettings.class.getClassLoader())
            .getConfig(ROOT);
  }
}
