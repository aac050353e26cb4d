package io.actorpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import io.actorpool.SystemLoadSettings;
import io.actorpool.policy.sim.TraceSimulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadHistoryTest {

  private static final long SECOND = 1_000_000_000L;

  /** Crawlee's defaults: 5 s current window, 30 s history, CPU limit 0.95, ratio 0.4. */
  private static final SystemLoadSettings DEFAULTS =
      SystemLoadSettings.create(ConfigFactory.empty());

  private static Map<LoadSignal, Double> cpu(double cpu) {
    return TraceSimulator.cpuOnly(cpu);
  }

  @Test
  void share_laterSampleDecidesEachInterval_timeWeighted() {
    LoadHistory history = new LoadHistory(DEFAULTS);
    history.record(0, cpu(0.99));
    // 0..1 s normal (the later sample, at 1 s, is under the limit), 1..4 s overloaded.
    history.record(1 * SECOND, cpu(0.10));
    LoadSnapshot s = history.record(4 * SECOND, cpu(0.99));
    assertEquals(0.75, s.overloadedShares().get(LoadSignal.CPU));
    assertTrue(s.overloadedSignals().contains(LoadSignal.CPU));
  }

  @Test
  void share_atRatio_notOverloaded() {
    LoadHistory history = new LoadHistory(DEFAULTS);
    history.record(0, cpu(0.0));
    history.record(1 * SECOND, cpu(0.99));
    history.record(2 * SECOND, cpu(0.99));
    history.record(3 * SECOND, cpu(0.0));
    history.record(4 * SECOND, cpu(0.0));
    LoadSnapshot s = history.record(5 * SECOND, cpu(0.0));
    // 2 of 5 seconds: 0.4 is not greater than overloaded-ratio 0.4.
    assertEquals(0.4, s.overloadedShares().get(LoadSignal.CPU));
    assertFalse(s.overloaded());
  }

  @Test
  void windows_oldSamplesLeaveCurrentButStayInHistory() {
    LoadHistory history = new LoadHistory(DEFAULTS);
    history.record(0, cpu(0.0));
    for (int t = 1; t <= 5; t++) {
      history.record(t * SECOND, cpu(0.99));
    }
    for (int t = 6; t <= 11; t++) {
      history.record(t * SECOND, cpu(0.0));
    }
    LoadSnapshot s = history.record(12 * SECOND, cpu(0.0));
    assertEquals(0.0, s.overloadedShares().get(LoadSignal.CPU));
    assertFalse(s.overloaded());
    // 5 of 12 seconds in the 30 s history: 0.417 > 0.4.
    assertEquals(0.417, s.historicalShares().get(LoadSignal.CPU));
    assertTrue(s.historicallyOverloaded());
  }

  @Test
  void unknownSignal_neverOverloaded_andSkippedInShare() {
    LoadHistory history = new LoadHistory(DEFAULTS);
    history.record(0, cpu(0.99));
    history.record(1 * SECOND, cpu(0.99));
    Map<LoadSignal, Double> noCpu = cpu(0.0);
    noCpu.remove(LoadSignal.CPU);
    LoadSnapshot s = history.record(2 * SECOND, noCpu);
    assertTrue(s.unknownSignals().contains(LoadSignal.CPU));
    assertFalse(s.overloadedSignals().contains(LoadSignal.CPU));
    assertTrue(Double.isNaN(s.cpu()));
    assertEquals(1.0, s.overloadedShares().get(LoadSignal.CPU));
  }

  @Test
  void checkOverloadOff_reportedButNeverOverloaded() {
    LoadHistory history = new LoadHistory(DEFAULTS);
    Map<LoadSignal, Double> hot = cpu(0.0);
    hot.put(LoadSignal.SYSTEM_CPU, 1.0);
    history.record(0, hot);
    LoadSnapshot s = history.record(SECOND, hot);
    assertEquals(1.0, s.systemCpu());
    assertFalse(s.overloaded());
  }
}
