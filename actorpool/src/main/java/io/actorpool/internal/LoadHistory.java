package io.actorpool.internal;

import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import io.actorpool.SystemLoadSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API. The sample history of a {@code SystemLoad} actor and its overload verdicts: plain
 * Java, driven by explicit timestamps, so the arithmetic is tested without an actor or a clock.
 *
 * <p>Not thread-safe; owned by one actor.
 */
@InternalApi
public final class LoadHistory {

  /*
   * Design notes
   *
   * The verdict is Crawlee's SystemStatus rule [1]: over the samples of a window, each interval
   * between two consecutive samples counts as overloaded time when the LATER sample was over its
   * limit, and as normal time otherwise; an interval of zero length counts as 1 ms. The share is
   * overloaded time over total time, rounded to three decimals as Crawlee rounds it, and the
   * signal is overloaded when the share is greater than its overloaded-ratio. The window holds the
   * samples no older than the window's length before the latest one [2].
   *
   * Samples where a signal's probe failed are skipped for that signal, so one failed read neither
   * extends nor breaks a run of overloaded samples; the signal itself is reported unknown and not
   * overloaded for that snapshot.
   *
   * Cost: O(samples in history) per signal per sample; 30 s at 1 s is 30 samples.
   *
   * [1] apify/crawlee-python src/crawlee/_autoscaling/system_status.py, _is_sample_overloaded.
   * [2] apify/crawlee-python src/crawlee/_autoscaling/snapshotter.py, _get_sample.
   */

  /** Weight of an interval of zero length, in nanoseconds: Crawlee's 0.001 s. */
  private static final long ZERO_INTERVAL_WEIGHT_NANOS = 1_000_000L;

  private record Sample(long nanos, Map<LoadSignal, Boolean> overloaded) {}

  private final SystemLoadSettings settings;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  /**
   * An empty history.
   *
   * @param settings the limits, ratios and windows to judge by
   */
  public LoadHistory(SystemLoadSettings settings) {
    this.settings = settings;
  }

  /**
   * Records one sample and returns the snapshot it yields.
   *
   * @param nanos the sample's ticker time; not before the previous sample's
   * @param values the read values (ratios, the lag in milliseconds); absent signals are unknown
   * @return the snapshot with its verdicts over the current window and the history
   */
  public LoadSnapshot record(long nanos, Map<LoadSignal, Double> values) {
    Map<LoadSignal, Boolean> over = new EnumMap<>(LoadSignal.class);
    Set<LoadSignal> unknown = EnumSet.allOf(LoadSignal.class);
    for (Map.Entry<LoadSignal, Double> e : values.entrySet()) {
      SystemLoadSettings.Signal s = settings.signal(e.getKey());
      over.put(e.getKey(), s.checkOverload() && e.getValue() > s.limit());
      unknown.remove(e.getKey());
    }
    samples.addLast(new Sample(nanos, over));
    long historyNanos = settings.history().toNanos();
    while (nanos - samples.peekFirst().nanos() > historyNanos) {
      samples.removeFirst();
    }

    Map<LoadSignal, Double> current = new EnumMap<>(LoadSignal.class);
    Map<LoadSignal, Double> historical = new EnumMap<>(LoadSignal.class);
    Set<LoadSignal> overCurrent = EnumSet.noneOf(LoadSignal.class);
    Set<LoadSignal> overHistory = EnumSet.noneOf(LoadSignal.class);
    for (LoadSignal signal : LoadSignal.values()) {
      double ratio = settings.signal(signal).overloadedRatio();
      double c = share(signal, nanos - settings.currentWindow().toNanos());
      double h = share(signal, nanos - historyNanos);
      current.put(signal, c);
      historical.put(signal, h);
      if (!unknown.contains(signal) && settings.signal(signal).checkOverload()) {
        if (c > ratio) {
          overCurrent.add(signal);
        }
        if (h > ratio) {
          overHistory.add(signal);
        }
      }
    }
    Double lag = values.get(LoadSignal.SCHEDULING_LAG);
    return new LoadSnapshot(nanos,
        values.getOrDefault(LoadSignal.CPU, Double.NaN),
        values.getOrDefault(LoadSignal.SYSTEM_CPU, Double.NaN),
        values.getOrDefault(LoadSignal.MEMORY, Double.NaN),
        lag == null ? Duration.ZERO : Duration.ofNanos(Math.round(lag * 1e6)),
        values.getOrDefault(LoadSignal.GC, Double.NaN),
        current, historical, overCurrent, overHistory, unknown);
  }

  /** Crawlee's time-weighted overloaded share of one signal over samples at or after {@code from}. */
  private double share(LoadSignal signal, long from) {
    long overloaded = 0;
    long normal = 0;
    Sample previous = null;
    for (Sample s : samples) {
      Boolean over = s.overloaded().get(signal);
      if (s.nanos() < from || over == null) {
        continue;
      }
      if (previous != null) {
        long weight = s.nanos() - previous.nanos();
        weight = weight == 0 ? ZERO_INTERVAL_WEIGHT_NANOS : weight;
        if (over) {
          overloaded += weight;
        } else {
          normal += weight;
        }
      }
      previous = s;
    }
    long total = overloaded + normal;
    return total == 0 ? 0.0 : Math.round(1000.0 * overloaded / total) / 1000.0;
  }
}
