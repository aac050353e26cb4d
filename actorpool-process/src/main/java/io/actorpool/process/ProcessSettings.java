package io.actorpool.process;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.actorpool.PoolSettings;
import io.actorpool.WorkerSettings;
import io.actorpool.internal.ConfigChecks;
import io.actorpool.process.internal.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code actor-pool.workers.process} block: how a process pool's child JVM is started and what
 * may run in it. Each setting is described, with an example, above its key in this module's
 * {@code reference.conf}; the accessors follow the keys.
 *
 * <p>Settings read from configuration already carry this block; in code, build one and apply it:
 *
 * <pre>{@code
 * PoolSettings settings = ProcessSettings.create(PoolSettings.create(system))
 *     .withJvmOptions(List.of("-Xmx256m"))
 *     .withEnv(Map.of("OMP_NUM_THREADS", "1"))
 *     .withAllowedCallables(List.of("com.example.Thumbnail"))
 *     .applyTo(PoolSettings.create(system));     // also sets workers.backend = process
 * }</pre>
 *
 * <p>Immutable; {@code withX} methods return checked copies.
 */
public final class ProcessSettings {

  private static final String PREFIX = "actor-pool.workers.process.";

  private final List<String> jvmOptions;
  private final Map<String, String> env;
  private final List<String> allowedCallables;
  private final Map<String, String> jobHandlers;
  private final long maxMemoryGrowth;
  private final Duration startTimeout;
  private final Duration cancelGrace;
  private final Duration stopTimeout;

  private ProcessSettings(List<String> jvmOptions, Map<String, String> env,
      List<String> allowedCallables, Map<String, String> jobHandlers, long maxMemoryGrowth,
      Duration startTimeout, Duration cancelGrace, Duration stopTimeout) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.env = Map.copyOf(env);
    this.allowedCallables = List.copyOf(allowedCallables);
    this.jobHandlers = Map.copyOf(jobHandlers);
    if (maxMemoryGrowth < 0) {
      throw new IllegalArgumentException(
          PREFIX + "max-memory-growth must be > 0 or off, was: [" + maxMemoryGrowth + "]");
    }
    this.maxMemoryGrowth = maxMemoryGrowth;
    this.startTimeout = positive("start-timeout", startTimeout);
    this.cancelGrace = positive("cancel-grace", cancelGrace);
    this.stopTimeout = positive("stop-timeout", stopTimeout);
  }

  /** The process block of {@code settings}' {@code workers} block. */
  public static ProcessSettings create(PoolSettings settings) {
    return create(settings.workers());
  }

  /** The process block of a {@code workers} block. */
  public static ProcessSettings create(WorkerSettings workers) {
    return create(workers.process());
  }

  /**
   * Reads a block shaped like {@code actor-pool.workers.process}; keys it lacks come from this
   * module's reference block.
   *
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  public static ProcessSettings create(Config config) {
    Config c = config.withFallback(ReferenceHolder.REFERENCE);
    Map<String, String> handlers = new LinkedHashMap<>();
    strings(c, "job-handlers").forEach((k, v) -> {
      if (!v.isEmpty()) {
        handlers.put(k, v);
      }
    });
    long growth = 0;
    boolean off = c.getValue("max-memory-growth").valueType() == ConfigValueType.STRING
        && "off".equals(c.getString("max-memory-growth"));
    if (!off) {
      growth = read(c, "max-memory-growth", c::getBytes);
      if (growth <= 0) {
        throw new IllegalArgumentException(PREFIX + "max-memory-growth must be > 0 or off, was: ["
            + c.getValue("max-memory-growth").render() + "]");
      }
    }
    return new ProcessSettings(
        read(c, "jvm-options", c::getStringList),
        strings(c, "env"),
        read(c, "allowed-callables", c::getStringList),
        handlers,
        growth,
        read(c, "start-timeout", c::getDuration),
        read(c, "cancel-grace", c::getDuration),
        read(c, "stop-timeout", c::getDuration));
  }

  private static Map<String, String> strings(Config c, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : read(c, key, c::getObject).entrySet()) {
      Object v = e.getValue().unwrapped();
      if (v instanceof Map || v instanceof List || v == null) {
        throw new IllegalArgumentException(PREFIX + key + "." + e.getKey()
            + " must be a string, was: [" + e.getValue().render() + "]");
      }
      out.put(e.getKey(), String.valueOf(v));
    }
    return out;
  }

  private static <T> T read(Config c, String key, Function<String, T> getter) {
    return ConfigChecks.read(c, PREFIX, key, getter);
  }

  private static Duration positive(String key, Duration d) {
    return ConfigChecks.requireDuration(PREFIX + key, d, false);
  }

  /* ---------------- Accessors ---------------- */

  /** {@code jvm-options}: extra options of each child JVM. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** {@code env}: environment variables added to each child JVM's. */
  public Map<String, String> env() {
    return env;
  }

  /** {@code allowed-callables}: Callable classes (or {@code package.*}) that may run in a child. */
  public List<String> allowedCallables() {
    return allowedCallables;
  }

  /** {@code job-handlers}: registered job type name to {@link ProcessJobHandler} class name. */
  public Map<String, String> jobHandlers() {
    return jobHandlers;
  }

  /** {@code max-memory-growth} in bytes; {@code 0} when off. */
  public long maxMemoryGrowth() {
    return maxMemoryGrowth;
  }

  /** {@code start-timeout}: the longest a child may take to join its parent. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** {@code cancel-grace}: how long a timed-out job may ignore its interrupt. */
  public Duration cancelGrace() {
    return cancelGrace;
  }

  /** {@code stop-timeout}: how long a retiring child may take to exit. */
  public Duration stopTimeout() {
    return stopTimeout;
  }

  /** Whether {@code className} is allowed by {@link #allowedCallables()}. */
  public boolean allowsCallable(String className) {
    return Wire.allowed(allowedCallables, className);
  }

  /* ---------------- Copies ---------------- */

  /** A copy with {@code jvm-options} set. */
  public ProcessSettings withJvmOptions(List<String> jvmOptions) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code env} set. */
  public ProcessSettings withEnv(Map<String, String> env) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code allowed-callables} set. */
  public ProcessSettings withAllowedCallables(List<String> allowedCallables) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code job-handlers} set (type name to handler class name). */
  public ProcessSettings withJobHandlers(Map<String, String> jobHandlers) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code max-memory-growth} set in bytes; {@code 0} switches it off. */
  public ProcessSettings withMaxMemoryGrowth(long bytes) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, bytes,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code start-timeout} set. */
  public ProcessSettings withStartTimeout(Duration startTimeout) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code cancel-grace} set. */
  public ProcessSettings withCancelGrace(Duration cancelGrace) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** A copy with {@code stop-timeout} set. */
  public ProcessSettings withStopTimeout(Duration stopTimeout) {
    return new ProcessSettings(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  /** This block as configuration, the shape {@link WorkerSettings#withProcess} takes. */
  public Config toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jvm-options", new ArrayList<>(jvmOptions));
    m.put("env", new LinkedHashMap<>(env));
    m.put("allowed-callables", new ArrayList<>(allowedCallables));
    m.put("job-handlers", new LinkedHashMap<>(jobHandlers));
    m.put("max-memory-growth", maxMemoryGrowth == 0 ? "off" : maxMemoryGrowth);
    m.put("start-timeout", startTimeout.toMillis() + "ms");
    m.put("cancel-grace", cancelGrace.toMillis() + "ms");
    m.put("stop-timeout", stopTimeout.toMillis() + "ms");
    return ConfigValueFactory.fromMap(m).toConfig();
  }

  /**
   * {@code settings} with {@code workers.backend = process} and this block.
   *
   * @throws IllegalArgumentException if a setting does not fit the process backend
   */
  public PoolSettings applyTo(PoolSettings settings) {
    return settings.withWorkers(
        settings.workers().withProcess(toConfig()).withBackend("process"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessSettings p
        && p.jvmOptions.equals(jvmOptions)
        && p.env.equals(env)
        && p.allowedCallables.equals(allowedCallables)
        && p.jobHandlers.equals(jobHandlers)
        && p.maxMemoryGrowth == maxMemoryGrowth
        && p.startTimeout.equals(startTimeout)
        && p.cancelGrace.equals(cancelGrace)
        && p.stopTimeout.equals(stopTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jvmOptions, env, allowedCallables, jobHandlers, maxMemoryGrowth,
        startTimeout, cancelGrace, stopTimeout);
  }

  @Override
  public String toString() {
    return "process(jvm-options=" + jvmOptions + ", env=" + env.keySet()
        + ", allowed-callables=" + allowedCallables + ", job-handlers=" + jobHandlers
        + ", max-memory-growth=" + (maxMemoryGrowth == 0 ? "off" : maxMemoryGrowth + "B")
        + ", start-timeout=" + startTimeout + ", cancel-grace=" + cancelGrace
        + ", stop-timeout=" + stopTimeout + ")";
  }

  /** This module's reference block, loaded once for fallbacks. */
  private static final class ReferenceHolder {
    static final Config REFERENCE =
        ConfigFactory.defaultReference(ProcessSettings.class.getClassLoader())
            .getConfig("actor-pool.workers.process");
  }
}
