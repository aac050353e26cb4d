package io.actorpool.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API. Reads and checks settings so that every error names the full key and the value
 * in brackets, the way {@code PoolSettings} reports them.
 */
@InternalApi
public final class ConfigChecks {

  private ConfigChecks() {}

  /**
   * The core module's reference block at {@code path}, for fallbacks.
   *
   * @param path e.g. {@code actor-pool.system-load}
   * @return that block of the reference configuration
   */
  public static Config reference(String path) {
    return ConfigFactory.defaultReference(ConfigChecks.class.getClassLoader()).getConfig(path);
  }

  /**
   * Reads one key, turning Typesafe Config's exceptions into an {@link IllegalArgumentException}
   * naming {@code prefix + key} and the value.
   *
   * @param c the block
   * @param prefix the block's full path with a trailing dot, e.g. {@code actor-pool.sizing.}
   * @param key the key inside the block
   * @param getter e.g. {@code c::getDouble}
   * @return the value
   */
  public static <T> T read(Config c, String prefix, String key, Function<String, T> getter) {
    try {
      return getter.apply(key);
    } catch (ConfigException e) {
      String value = c.hasPathOrNull(key) ? c.getValue(key).render() : "<missing>";
      throw new IllegalArgumentException(
          prefix + key + " is not valid, was: [" + value + "]: " + e.getMessage(), e);
    }
  }

  /**
   * Requires {@code low <= value <= high}.
   *
   * @return the value
   * @throws IllegalArgumentException naming the key and the value otherwise
   */
  public static double requireBetween(String key, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(
          key + " must be between " + low + " and " + high + ", was: [" + value + "]");
    }
    return value;
  }

  /**
   * Requires {@code value > low}, finite.
   *
   * @return the value
   * @throws IllegalArgumentException naming the key and the value otherwise
   */
  public static double requireAbove(String key, double value, double low) {
    if (!(value > low) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + " must be > " + low + ", was: [" + value + "]");
    }
    return value;
  }

  /**
   * Requires {@code value >= least}.
   *
   * @return the value
   * @throws IllegalArgumentException naming the key and the value otherwise
   */
  public static int requireAtLeast(String key, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(key + " must be >= " + least + ", was: [" + value + "]");
    }
    return value;
  }

  /**
   * Requires a non-null duration {@code > 0}, or {@code >= 0} when {@code zeroAllowed}.
   *
   * @return the value
   * @throws IllegalArgumentException naming the key and the value otherwise
   */
  public static Duration requireDuration(String key, Duration value, boolean zeroAllowed) {
    Objects.requireNonNull(value, key + " must not be null");
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(
          key + " must be " + (zeroAllowed ? ">= 0" : "> 0") + ", was: [" + value + "]");
    }
    return value;
  }
}
