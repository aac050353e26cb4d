package io.actorpool;

import static io.actorpool.internal.ConfigChecks.read;
import static io.actorpool.internal.ConfigChecks.requireBetween;
import static io.actorpool.internal.ConfigChecks.requireDuration;

import com.typesafe.config.Config;
import io.actorpool.internal.ConfigChecks;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.ActorSystem;

/**
 * Immutable settings of a {@link SystemLoad} actor: the {@code actor-pool.system-load} block.
 *
 * <p>Read them with {@link #create(ActorSystem)} or {@link #create(Config)}, adjust them with the
 * {@code withX} copies. The meaning, allowed values and a worked example of every key are in the
 * core module's {@code reference.conf}; accessor names follow the keys. Every value is checked when
 * the settings are created: a bad one throws {@link IllegalArgumentException} naming the full key
 * and the value, e.g. {@code actor-pool.system-load.cpu.max-used-ratio must be between 0.0 and
 * 1.0, was: [1.5]}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class SystemLoadSettings {

  private static final String PATH = "actor-pool.system-load";
  private static final String PREFIX = PATH + ".";

  /**
   * The block of one signal.
   *
   * @param checkOverload {@code check-overload}: whether the signal can make the load overloaded
   * @param limit the per-sample limit: {@code max-used-ratio} (CPU, system CPU, memory), {@code
   *     max-time-ratio} (GC), or {@code max-lag} in milliseconds (scheduling lag)
   * @param overloadedRatio {@code overloaded-ratio}: the largest overloaded share of a window that
   *     still counts as not overloaded
   */
  public record Signal(boolean checkOverload, double limit, double overloadedRatio) {}

  private final Duration sampleInterval;
  private final Duration history;
  private final Duration currentWindow;
  private final Map<LoadSignal, Signal> signals;
  private final Duration schedulingLagInterval;
  private final String schedulingLagDispatcher;

  private SystemLoadSettings(
      Duration sampleInterval,
      Duration history,
      Duration currentWindow,
      Map<LoadSignal, Signal> signals,
      Duration schedulingLagInterval,
      String schedulingLagDispatcher) {
    this.sampleInterval = requireDuration(PREFIX + "sample-interval", sampleInterval, false);
    this.history = requireDuration(PREFIX + "history", history, false);
    this.currentWindow = requireDuration(PREFIX + "current-window", currentWindow, false);
    if (currentWindow.compareTo(history) > 0) {
      throw new IllegalArgumentException(PREFIX + "current-window must be <= " + PREFIX
          + "history, was: [" + currentWindow + "] > [" + history + "]");
    }
    if (currentWindow.compareTo(sampleInterval) < 0) {
      // A window shorter than one interval holds no sample pair, so nothing could ever overload.
      throw new IllegalArgumentException(PREFIX + "current-window must be >= " + PREFIX
          + "sample-interval, was: [" + currentWindow + "] < [" + sampleInterval + "]");
    }
    EnumMap<LoadSignal, Signal> checked = new EnumMap<>(LoadSignal.class);
    for (LoadSignal s : LoadSignal.values()) {
      Signal v = Objects.requireNonNull(signals.get(s), PREFIX + s.configName());
      String block = PREFIX + s.configName() + ".";
      if (s == LoadSignal.SCHEDULING_LAG) {
        ConfigChecks.requireAbove(block + "max-lag", v.limit(), 0);
      } else {
        requireBetween(block + (s == LoadSignal.GC ? "max-time-ratio" : "max-used-ratio"),
            v.limit(), 0.0, 1.0);
      }
      requireBetween(block + "overloaded-ratio", v.overloadedRatio(), 0.0, 1.0);
      checked.put(s, v);
    }
    this.signals = Collections.unmodifiableMap(checked);
    this.schedulingLagInterval =
        requireDuration(PREFIX + "scheduling-lag.interval", schedulingLagInterval, false);
    this.schedulingLagDispatcher =
        Objects.requireNonNull(schedulingLagDispatcher, PREFIX + "scheduling-lag.dispatcher");
  }

  /**
   * Reads {@code actor-pool.system-load} of the system's configuration.
   *
   * @param system the actor system
   * @return the settings
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  public static SystemLoadSettings create(ActorSystem system) {
    return create(system.settings().config().getConfig(PATH));
  }

  /**
   * Reads a block shaped like {@code actor-pool.system-load} (the block itself). Keys it lacks come
   * from the reference block, so {@code ConfigFactory.parseString("sample-interval = 200ms")} is
   * enough.
   *
   * @param config the block
   * @return the settings
   * @throws IllegalArgumentException naming the key and value of an invalid setting
   */
  public static SystemLoadSettings create(Config config) {
    Config c = config.withFallback(ReferenceHolder.REFERENCE);
    EnumMap<LoadSignal, Signal> signals = new EnumMap<>(LoadSignal.class);
    for (LoadSignal s : LoadSignal.values()) {
      String b = s.configName() + ".";
      double limit =
          switch (s) {
            case SCHEDULING_LAG -> read(c, PREFIX, b + "max-lag", c::getDuration).toNanos() / 1e6;
            case GC -> read(c, PREFIX, b + "max-time-ratio", c::getDouble);
            default -> read(c, PREFIX, b + "max-used-ratio", c::getDouble);
          };
      signals.put(s, new Signal(read(c, PREFIX, b + "check-overload", c::getBoolean), limit,
          read(c, PREFIX, b + "overloaded-ratio", c::getDouble)));
    }
    return new SystemLoadSettings(
        read(c, PREFIX, "sample-interval", c::getDuration),
        read(c, PREFIX, "history", c::getDuration),
        read(c, PREFIX, "current-window", c::getDuration),
        signals,
        read(c, PREFIX, "scheduling-lag.interval", c::getDuration),
        read(c, PREFIX, "scheduling-lag.dispatcher", c::getString));
  }

  /* ---------------- Accessors ---------------- */

  /** {@code sample-interval}: how often every probe is read. */
  public Duration sampleInterval() {
    return sampleInterval;
  }

  /** {@code history}: how long samples are kept; the window of the historical verdicts. */
  public Duration history() {
    return history;
  }

  /** {@code current-window}: the window of the current verdicts. */
  public Duration currentWindow() {
    return currentWindow;
  }

  /**
   * The block of one signal.
   *
   * @param signal the signal
   * @return its settings
   */
  public Signal signal(LoadSignal signal) {
    return signals.get(signal);
  }

  /** {@code scheduling-lag.max-lag}. */
  public Duration maxSchedulingLag() {
    return Duration.ofNanos(Math.round(signals.get(LoadSignal.SCHEDULING_LAG).limit() * 1e6));
  }

  /** {@code scheduling-lag.interval}: how often the lag probe is scheduled. */
  public Duration schedulingLagInterval() {
    return schedulingLagInterval;
  }

  /** {@code scheduling-lag.dispatcher}: where the lag probe runs; empty means the actor's own. */
  public String schedulingLagDispatcher() {
    return schedulingLagDispatcher;
  }

  /* ---------------- Copies ---------------- */

  /** A copy with {@code sample-interval} set. */
  public SystemLoadSettings withSampleInterval(Duration sampleInterval) {
    return new SystemLoadSettings(sampleInterval, history, currentWindow, signals,
        schedulingLagInterval, schedulingLagDispatcher);
  }

  /** A copy with {@code history} and {@code current-window} set together. */
  public SystemLoadSettings withWindows(Duration history, Duration currentWindow) {
    return new SystemLoadSettings(sampleInterval, history, currentWindow, signals,
        schedulingLagInterval, schedulingLagDispatcher);
  }

  /**
   * A copy with one signal's block replaced.
   *
   * @param signal the signal
   * @param settings its new block; the limit is in milliseconds for the scheduling lag
   * @return the copy
   * @throws IllegalArgumentException naming the key and value of an invalid field
   */
  public SystemLoadSettings withSignal(LoadSignal signal, Signal settings) {
    EnumMap<LoadSignal, Signal> copy = new EnumMap<>(signals);
    copy.put(signal, settings);
    return new SystemLoadSettings(sampleInterval, history, currentWindow, copy,
        schedulingLagInterval, schedulingLagDispatcher);
  }

  /** A copy with {@code scheduling-lag.interval} set. */
  public SystemLoadSettings withSchedulingLagInterval(Duration interval) {
    return new SystemLoadSettings(sampleInterval, history, currentWindow, signals, interval,
        schedulingLagDispatcher);
  }

  /** A copy with {@code scheduling-lag.dispatcher} set; empty means the actor's own. */
  public SystemLoadSettings withSchedulingLagDispatcher(String dispatcher) {
    return new SystemLoadSettings(sampleInterval, history, currentWindow, signals,
        schedulingLagInterval, dispatcher);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SystemLoadSettings s
        && s.sampleInterval.equals(sampleInterval)
        && s.history.equals(history)
        && s.currentWindow.equals(currentWindow)
        && s.signals.equals(signals)
        && s.schedulingLagInterval.equals(schedulingLagInterval)
        && s.schedulingLagDispatcher.equals(schedulingLagDispatcher);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sampleInterval, history, currentWindow, signals, schedulingLagInterval,
        schedulingLagDispatcher);
  }

  @Override
  public String toString() {
    return "SystemLoadSettings(sample-interval=" + sampleInterval + ", history=" + history
        + ", current-window=" + currentWindow + ", signals=" + signals
        + ", scheduling-lag.interval=" + schedulingLagInterval
        + ", scheduling-lag.dispatcher=" + schedulingLagDispatcher + ")";
  }

  /** The core module's own block, loaded once for fallbacks. */
  private static final class ReferenceHolder {
    static final Config REFERENCE = ConfigChecks.reference(PATH);
  }
}
