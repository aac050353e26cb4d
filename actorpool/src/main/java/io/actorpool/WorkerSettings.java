package io.actorpool;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.actorpool.internal.PoolBackend;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code actor-pool.workers} block: how a pool's workers live, are recycled and are limited.
 * Each setting is described, with an example, above its key in {@code reference.conf}; the
 * accessors follow the keys. Durations and counts that can be switched off are empty {@link
 * Optional}s or {@code 0} when they are {@code off}.
 *
 * <p>Immutable; {@code withX} methods return checked copies.
 */
public final class WorkerSettings {

  private static final String PREFIX = "actor-pool.workers.";

  private final WorkerMode mode;
  private final int maxJobsPerWorker;
  private final Duration maxLifetime;
  private final double maxLifetimeVariance;
  private final Duration idleTimeout;
  private final Duration jobTimeout;
  private final int maxJobCrashes;
  private final String initializerClass;
  private final WorkerInitializer initializer;
  private final String backend;
  private final Config process;

  private WorkerSettings(WorkerMode mode, int maxJobsPerWorker, Duration maxLifetime,
      double maxLifetimeVariance, Duration idleTimeout, Duration jobTimeout, int maxJobCrashes,
      String initializerClass, WorkerInitializer initializer, String backend, Config process) {
    this.mode = Objects.requireNonNull(mode, PREFIX + "mode");
    this.maxJobsPerWorker = PoolSettings.requireAtLeast(
        PREFIX + "max-jobs-per-worker", maxJobsPerWorker, 0);
    this.maxLifetime = optionalPositive("max-lifetime", maxLifetime);
    if (!(maxLifetimeVariance >= 0 && maxLifetimeVariance <= 0.5)) {
      throw new IllegalArgumentException(PREFIX + "max-lifetime-variance must be within [0, 0.5],"
          + " was: [" + maxLifetimeVariance + "]");
    }
    this.maxLifetimeVariance = maxLifetimeVariance;
    this.idleTimeout = optionalPositive("idle-timeout", idleTimeout);
    this.jobTimeout = optionalPositive("job-timeout", jobTimeout);
    this.maxJobCrashes = PoolSettings.requireAtLeast(PREFIX + "max-job-crashes", maxJobCrashes, 1);
    this.initializerClass = initializerClass == null ? "" : initializerClass;
    this.initializer = initializer;
    this.backend = Objects.requireNonNull(backend, PREFIX + "backend");
    this.process = Objects.requireNonNull(process, PREFIX + "process");
    // Resolving the backend here makes a missing module or a bad backend setting fail at start.
    PoolBackend.forName(PREFIX + "backend", backend).check(this);
  }

  /**
   * Reads a block shaped like {@code actor-pool.workers}.
   *
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  static WorkerSettings create(Config c) {
    String initializerClass = PoolSettings.read(c, "initializer", c::getString, PREFIX);
    return new WorkerSettings(
        WorkerMode.fromConfigName(PREFIX + "mode",
            PoolSettings.read(c, "mode", c::getString, PREFIX)),
        offOrInt(c, "max-jobs-per-worker"),
        offOrDuration(c, "max-lifetime"),
        PoolSettings.read(c, "max-lifetime-variance", c::getDouble, PREFIX),
        offOrDuration(c, "idle-timeout"),
        offOrDuration(c, "job-timeout"),
        PoolSettings.read(c, "max-job-crashes", c::getInt, PREFIX),
        initializerClass,
        instantiate(initializerClass),
        PoolSettings.read(c, "backend", c::getString, PREFIX),
        c.hasPath("process") ? c.getConfig("process") : ConfigFactory.empty());
  }

  static boolean isOff(Config c, String key) {
    return c.hasPath(key) && c.getValue(key).valueType() == ConfigValueType.STRING
        && "off".equals(c.getString(key));
  }

  private static int offOrInt(Config c, String key) {
    return isOff(c, key) ? 0 : PoolSettings.read(c, key, c::getInt, PREFIX);
  }

  private static Duration offOrDuration(Config c, String key) {
    return offOrDuration(c, key, PREFIX);
  }

  /** A duration key that may be {@code off}: null when it is. */
  static Duration offOrDuration(Config c, String key, String prefix) {
    return isOff(c, key) ? null : PoolSettings.read(c, key, c::getDuration, prefix);
  }

  private static Duration optionalPositive(String key, Duration value) {
    return value == null ? null : PoolSettings.requirePositive(PREFIX + key, value);
  }

  private static WorkerInitializer instantiate(String className) {
    if (className.isEmpty()) {
      return null;
    }
    try {
      Class<?> type = Class.forName(className, true, WorkerSettings.class.getClassLoader());
      return (WorkerInitializer) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new IllegalArgumentException(PREFIX + "initializer must name a WorkerInitializer with"
          + " a public no-argument constructor, was: [" + className + "]: " + e, e);
    }
  }

  /* ---------------- Accessors ---------------- */

  /** {@code mode}: reuse workers, or one worker per job. */
  public WorkerMode mode() {
    return mode;
  }

  /** {@code max-jobs-per-worker}: jobs after which a worker is replaced; {@code 0} when off. */
  public int maxJobsPerWorker() {
    return maxJobsPerWorker;
  }

  /** {@code max-lifetime}: age after which an idle worker is replaced. */
  public Optional<Duration> maxLifetime() {
    return Optional.ofNullable(maxLifetime);
  }

  /** {@code max-lifetime-variance}: the most a worker's lifetime is shortened at random. */
  public double maxLifetimeVariance() {
    return maxLifetimeVariance;
  }

  /** {@code idle-timeout}: how long a worker waits for a job before it stops. */
  public Optional<Duration> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /** {@code job-timeout}: the default timeout of a {@link Submit} that names none. */
  public Optional<Duration> jobTimeout() {
    return Optional.ofNullable(jobTimeout);
  }

  /** {@code max-job-crashes}: crashes after which a job fails instead of running again. */
  public int maxJobCrashes() {
    return maxJobCrashes;
  }

  /** {@code initializer}: runs once in each worker, if set. */
  public Optional<WorkerInitializer> initializer() {
    return Optional.ofNullable(initializer);
  }

  /** {@code backend}: where the workers run, {@code thread} or {@code process}. */
  public String backend() {
    return backend;
  }

  /**
   * {@code process}: the process backend's block, read by the {@code actorpool-process} module
   * (documented in its {@code reference.conf}); empty when that module is absent.
   */
  public Config process() {
    return process;
  }

  /* ---------------- Copies ---------------- */

  /**
   * A copy with {@code backend} set.
   *
   * @throws IllegalArgumentException if the backend is unknown or its module is missing
   */
  public WorkerSettings withBackend(String backend) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /**
   * A copy with the whole {@code process} block replaced; keys it lacks take their reference
   * values. The {@code actorpool-process} module's {@code ProcessSettings} builds this block in
   * code.
   */
  public WorkerSettings withProcess(Config process) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code mode} set. */
  public WorkerSettings withMode(WorkerMode mode) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code max-jobs-per-worker} set; {@code 0} switches it off. */
  public WorkerSettings withMaxJobsPerWorker(int maxJobsPerWorker) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code max-lifetime} set; {@code null} switches it off. */
  public WorkerSettings withMaxLifetime(Duration maxLifetime) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code max-lifetime-variance} set, within {@code [0, 0.5]}. */
  public WorkerSettings withMaxLifetimeVariance(double variance) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, variance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code idle-timeout} set; {@code null} switches it off. */
  public WorkerSettings withIdleTimeout(Duration idleTimeout) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code job-timeout} set; {@code null} switches it off. */
  public WorkerSettings withJobTimeout(Duration jobTimeout) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with {@code max-job-crashes} set. */
  public WorkerSettings withMaxJobCrashes(int maxJobCrashes) {
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, initializerClass, initializer, backend, process);
  }

  /** A copy with an initializer given in code; {@code null} removes it. */
  public WorkerSettings withInitializer(WorkerInitializer initializer) {
    String name = initializer == null ? "" : initializer.getClass().getName();
    return new WorkerSettings(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance,
        idleTimeout, jobTimeout, maxJobCrashes, name, initializer, backend, process);
  }

  /* ---------------- Object ---------------- */

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkerSettings w
        && w.mode == mode
        && w.maxJobsPerWorker == maxJobsPerWorker
        && Objects.equals(w.maxLifetime, maxLifetime)
        && w.maxLifetimeVariance == maxLifetimeVariance
        && Objects.equals(w.idleTimeout, idleTimeout)
        && Objects.equals(w.jobTimeout, jobTimeout)
        && w.maxJobCrashes == maxJobCrashes
        && Objects.equals(w.initializer, initializer)
        && w.backend.equals(backend)
        && w.process.equals(process);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, maxJobsPerWorker, maxLifetime, maxLifetimeVariance, idleTimeout,
        jobTimeout, maxJobCrashes, initializer, backend, process);
  }

  @Override
  public String toString() {
    return "workers(mode=" + mode.configName()
        + ", max-jobs-per-worker=" + (maxJobsPerWorker == 0 ? "off" : maxJobsPerWorker)
        + ", max-lifetime=" + (maxLifetime == null ? "off" : maxLifetime)
        + ", idle-timeout=" + (idleTimeout == null ? "off" : idleTimeout)
        + ", job-timeout=" + (jobTimeout == null ? "off" : jobTimeout)
        + ", max-job-crashes=" + maxJobCrashes
        + (initializerClass.isEmpty() ? "" : ", initializer=" + initializerClass)
        + ", backend=" + backend + ")";
  }
}
