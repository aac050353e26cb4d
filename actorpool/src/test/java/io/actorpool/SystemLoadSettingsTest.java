package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemLoadSettingsTest {

  @Test
  void reference_hasCrawleeDefaults() {
    SystemLoadSettings s = SystemLoadSettings.create(ConfigFactory.empty());
    assertEquals(Duration.ofSeconds(1), s.sampleInterval());
    assertEquals(Duration.ofSeconds(30), s.history());
    assertEquals(Duration.ofSeconds(5), s.currentWindow());
    assertEquals(new SystemLoadSettings.Signal(true, 0.95, 0.4), s.signal(LoadSignal.CPU));
    assertEquals(new SystemLoadSettings.Signal(true, 0.9, 0.2), s.signal(LoadSignal.MEMORY));
    assertEquals(new SystemLoadSettings.Signal(true, 50.0, 0.6),
        s.signal(LoadSignal.SCHEDULING_LAG));
    assertEquals(Duration.ofMillis(50), s.maxSchedulingLag());
    assertEquals(Duration.ofMillis(500), s.schedulingLagInterval());
    assertEquals(new SystemLoadSettings.Signal(true, 0.1, 0.2), s.signal(LoadSignal.GC));
    assertFalse(s.signal(LoadSignal.SYSTEM_CPU).checkOverload());
    assertEquals("", s.schedulingLagDispatcher());
  }

  @Test
  void snippet_overridesOnlyItsKeys() {
    SystemLoadSettings s = SystemLoadSettings.create(ConfigFactory.parseString(
        "sample-interval = 200ms, cpu.max-used-ratio = 0.5, scheduling-lag.max-lag = 20ms"));
    assertEquals(Duration.ofMillis(200), s.sampleInterval());
    assertEquals(0.5, s.signal(LoadSignal.CPU).limit());
    assertEquals(0.4, s.signal(LoadSignal.CPU).overloadedRatio());
    assertEquals(20.0, s.signal(LoadSignal.SCHEDULING_LAG).limit());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "cpu.max-used-ratio = 1.5 | actor-pool.system-load.cpu.max-used-ratio | [1.5]",
    "memory.overloaded-ratio = -0.1 | actor-pool.system-load.memory.overloaded-ratio | [-0.1]",
    "gc.max-time-ratio = 2 | actor-pool.system-load.gc.max-time-ratio | [2.0]",
    "scheduling-lag.max-lag = 0s | actor-pool.system-load.scheduling-lag.max-lag | [0.0]",
    "sample-interval = 0s | actor-pool.system-load.sample-interval | [PT0S]",
    "cpu.max-used-ratio = lots | actor-pool.system-load.cpu.max-used-ratio | [\"lots\"]",
    "current-window = 60s | actor-pool.system-load.current-window | [PT1M] > [PT30S]",
    "sample-interval = 10s | actor-pool.system-load.current-window | [PT5S] < [PT10S]",
    "cpu.check-overload = maybe | actor-pool.system-load.cpu.check-overload | [\"maybe\"]",
  })
  void invalidValue_throwsNamingKeyAndValue(String snippet, String key, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SystemLoadSettings.create(ConfigFactory.parseString(snippet)));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void withSignal_validates() {
    SystemLoadSettings s = SystemLoadSettings.create(ConfigFactory.empty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.withSignal(LoadSignal.CPU, new SystemLoadSettings.Signal(true, 0.9, 1.2)));
    assertTrue(e.getMessage().contains("actor-pool.system-load.cpu.overloaded-ratio"));
    assertEquals(0.5, s.withSignal(LoadSignal.CPU, new SystemLoadSettings.Signal(true, 0.5, 0.4))
        .signal(LoadSignal.CPU).limit());
  }
}
