package io.actorpool;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * The load {@code SystemLoad} measured at one sample, with its overload verdicts. Reply to {@link
 * GetLoad}, and what {@link SubscribeLoad} subscribers receive.
 *
 * <p>A signal is <em>overloaded</em> when the time-weighted share of its overloaded samples over a
 * window is greater than its {@code overloaded-ratio}, as Crawlee's {@code SystemStatus} decides.
 * The <em>current</em> verdicts ({@link #overloaded()}, {@link #overloadedSignals()}) use {@code
 * current-window}; the <em>historical</em> ones use the whole {@code history}. A signal whose probe
 * failed at this sample is in {@link #unknownSignals()}, its value is {@code NaN} (or {@link
 * Duration#ZERO} for the lag) and it is never overloaded.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param timestampNanos the {@link Ticker} time of the sample
 * @param cpu CPU time of this JVM against the CPUs it may use, 0..1
 * @param systemCpu CPU use of the machine or container, 0..1
 * @param memory the larger of heap and container memory use against their limits, 0..1
 * @param schedulingLag how late the latest scheduling probe ran
 * @param gcTimeRatio the share of wall time spent in GC over the last interval, 0..1
 * @param overloadedShares per signal, the overloaded share over {@code current-window}
 * @param historicalShares per signal, the overloaded share over {@code history}
 * @param overloadedSignals signals overloaded over {@code current-window}
 * @param historicallyOverloadedSignals signals overloaded over {@code history}
 * @param unknownSignals signals whose probe failed at this sample
 */
public record LoadSnapshot(
    long timestampNanos,
    double cpu,
    double systemCpu,
    double memory,
    Duration schedulingLag,
    double gcTimeRatio,
    Map<LoadSignal, Double> overloadedShares,
    Map<LoadSignal, Double> historicalShares,
    Set<LoadSignal> overloadedSignals,
    Set<LoadSignal> historicallyOverloadedSignals,
    Set<LoadSignal> unknownSignals)
    implements NoSerializationVerificationNeeded {

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if a collection or the lag is null
   * @throws IllegalArgumentException if a signal is both unknown and overloaded
   */
  public LoadSnapshot {
    Objects.requireNonNull(schedulingLag, "schedulingLag");
    overloadedShares = copy(overloadedShares);
    historicalShares = copy(historicalShares);
    overloadedSignals = copy(overloadedSignals);
    historicallyOverloadedSignals = copy(historicallyOverloadedSignals);
    unknownSignals = copy(unknownSignals);
    for (LoadSignal s : unknownSignals) {
      if (overloadedSignals.contains(s)) {
        throw new IllegalArgumentException(
            "a signal cannot be both unknown and overloaded, was: [" + s + "]");
      }
    }
  }

  /**
   * A snapshot with no data: every signal unknown, nothing overloaded. What policies see before
   * the first sample, or when no {@code SystemLoad} is wired in.
   *
   * @param timestampNanos the {@link Ticker} time
   * @return the empty snapshot
   */
  public static LoadSnapshot unknown(long timestampNanos) {
    return new LoadSnapshot(timestampNanos, Double.NaN, Double.NaN, Double.NaN, Duration.ZERO,
        Double.NaN, Map.of(), Map.of(), Set.of(), Set.of(), EnumSet.allOf(LoadSignal.class));
  }

  /**
   * A synthetic snapshot for tests and trace replays: the given signals are overloaded in both the
   * current window and the history (share 1.0), every other signal is idle (share 0.0) with value
   * 0.
   *
   * @param timestampNanos the {@link Ticker} time
   * @param overloaded the overloaded signals; may be empty
   * @return the snapshot
   */
  public static LoadSnapshot of(long timestampNanos, Set<LoadSignal> overloaded) {
    Map<LoadSignal, Double> shares = new EnumMap<>(LoadSignal.class);
    for (LoadSignal s : LoadSignal.values()) {
      shares.put(s, overloaded.contains(s) ? 1.0 : 0.0);
    }
    double cpu = overloaded.contains(LoadSignal.CPU) ? 1.0 : 0.0;
    return new LoadSnapshot(timestampNanos, cpu, 0.0,
        overloaded.contains(LoadSignal.MEMORY) ? 1.0 : 0.0, Duration.ZERO,
        overloaded.contains(LoadSignal.GC) ? 1.0 : 0.0, shares, shares, overloaded, overloaded,
        Set.of());
  }

  /**
   * Whether any signal is overloaded over {@code current-window}.
   *
   * @return true if {@link #overloadedSignals()} is not empty
   */
  public boolean overloaded() {
    return !overloadedSignals.isEmpty();
  }

  /**
   * Whether any signal is overloaded over the whole {@code history}: the verdict Crawlee's
   * autoscaler uses.
   *
   * @return true if {@link #historicallyOverloadedSignals()} is not empty
   */
  public boolean historicallyOverloaded() {
    return !historicallyOverloadedSignals.isEmpty();
  }

  private static Set<LoadSignal> copy(Set<LoadSignal> set) {
    return set.isEmpty()
        ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(Objects.requireNonNull(set)));
  }

  private static Map<LoadSignal, Double> copy(Map<LoadSignal, Double> map) {
    return map.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(Objects.requireNonNull(map)));
  }
}
