package io.actorpool.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Immutable settings of the cluster module, read once from {@code actor-pool.cluster}. Each
 * setting's meaning, allowed values and an example are documented above its key in this module's
 * {@code reference.conf}; accessor names follow the keys. A bad value fails on creation with an
 * {@link IllegalArgumentException} naming the key and the value.
 */
@ApiMayChange
public final class ClusterPoolsSettings {

  private static final String ROOT = "actor-pool.cluster";

  private final boolean rememberGroups;
  private final Map<String, String> jobTypes;
  private final String loadSource;
  private final Duration loadPublishInterval;
  private final double cpuOverloadRatio;
  private final double memoryOverloadRatio;
  private final double loadTolerance;
  private final int maxMovesPerInterval;
  private final int rebalanceThreshold;
  private final Duration failoverCheckInterval;

  private ClusterPoolsSettings(Config c) {
    rememberGroups = c.getBoolean("remember-groups");
    Config types = c.getConfig("job-types");
    Map<String, String> map = new LinkedHashMap<>();
    for (String name : types.root().keySet()) {
      String fqcn = c.getString("job-types.\"" + name + "\"");
      if (!fqcn.isEmpty()) {
        map.put(name, fqcn);
      }
    }
    jobTypes = Map.copyOf(map);
    loadSource = c.getString("load.source");
    loadPublishInterval = positive("load.publish-interval", c.getDuration("load.publish-interval"));
    cpuOverloadRatio = ratio("load.cpu-overload-ratio", c.getDouble("load.cpu-overload-ratio"));
    memoryOverloadRatio = ratio("load.memory-overload-ratio",
        c.getDouble("load.memory-overload-ratio"));
    loadTolerance = ratio("placement.load-tolerance", c.getDouble("placement.load-tolerance"));
    maxMovesPerInterval = atLeast("placement.max-moves-per-interval",
        c.getInt("placement.max-moves-per-interval"), 0);
    rebalanceThreshold = atLeast("placement.rebalance-threshold",
        c.getInt("placement.rebalance-threshold"), 1);
    failoverCheckInterval = positive("failover.check-interval",
        c.getDuration("failover.check-interval"));
  }

  /** Reads {@code actor-pool.cluster} of the system's configuration. */
  public static ClusterPoolsSettings create(ActorSystem system) {
    return create(system.settings().config().getConfig(ROOT));
  }

  /**
   * Reads a block shaped like {@code actor-pool.cluster}; missing keys come from the reference.
   */
  public static ClusterPoolsSettings create(Config config) {
    Config reference = ConfigFactory.defaultReference(ClusterPoolsSettings.class.getClassLoader());
    try {
      return new ClusterPoolsSettings(config.withFallback(reference.getConfig(ROOT)));
    } catch (ConfigException e) {
      // Typesafe Config's message names the key and the bad value; keep one error type.
      throw new IllegalArgumentException(ROOT + " is not valid: " + e.getMessage(), e);
    }
  }

  /** {@code remember-groups}: restart groups at once after a move or node loss. */
  public boolean rememberGroups() {
    return rememberGroups;
  }

  /** {@code job-types}: registered job type name to {@link JobHandler} class name. */
  public Map<String, String> jobTypes() {
    return jobTypes;
  }

  /** {@code load.source}: {@code "jvm"} or a {@link NodeLoadSource} class name. */
  public String loadSource() {
    return loadSource;
  }

  /** {@code load.publish-interval}. */
  public Duration loadPublishInterval() {
    return loadPublishInterval;
  }

  /** {@code load.cpu-overload-ratio}. */
  public double cpuOverloadRatio() {
    return cpuOverloadRatio;
  }

  /** {@code load.memory-overload-ratio}. */
  public double memoryOverloadRatio() {
    return memoryOverloadRatio;
  }

  /** {@code placement.load-tolerance}. */
  public double loadTolerance() {
    return loadTolerance;
  }

  /** {@code placement.max-moves-per-interval}. */
  public int maxMovesPerInterval() {
    return maxMovesPerInterval;
  }

  /** {@code placement.rebalance-threshold}. */
  public int rebalanceThreshold() {
    return rebalanceThreshold;
  }

  /** {@code failover.check-interval}. */
  public Duration failoverCheckInterval() {
    return failoverCheckInterval;
  }

  /* ---------------- Checks ---------------- */

  private static Duration positive(String key, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(ROOT + "." + key + " must be > 0, was: [" + value + "]");
    }
    return value;
  }

  private static double ratio(String key, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          ROOT + "." + key + " must be in (0, 1], was: [" + value + "]");
    }
    return value;
  }

  private static int atLeast(String key, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(
          ROOT + "." + key + " must be >= " + least + ", was: [" + value + "]");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ClusterPoolsSettings(remember-groups=" + rememberGroups + ", job-types=" + jobTypes
        + ", load.source=" + loadSource + ", load.publish-interval=" + loadPublishInterval
        + ", placement.load-tolerance=" + loadTolerance + ", placement.max-moves-per-interval="
        + maxMovesPerInterval + ", placement.rebalance-threshold=" + rebalanceThreshold + ")";
  }
}
