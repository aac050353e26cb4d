package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizingSettingsTest {

  @Test
  void reference_defaults() {
    SizingSettings s = SizingSettings.create(ConfigFactory.empty());
    assertEquals(List.of("units"), s.policy());
    assertEquals(new LoadPolicy.Settings(0.05, 0.05, 0.9, Duration.ofSeconds(10)), s.load());
    assertEquals(10, s.queueUpperTaskRatio());
    assertEquals(1, s.queueLowerTaskRatio());
    assertEquals(5, s.capabilityUpperTaskRatio());
    assertEquals(0.5, s.capabilityLowerTaskRatio());
    assertEquals(ThroughputPolicy.Settings.DEFAULTS, s.throughput());
    assertEquals(Stabilizer.Settings.DEFAULTS, s.stabilization());
    assertTrue(s.overloadVeto());
    assertEquals(Duration.ofSeconds(120), s.overloadMemory());
    assertEquals(Map.of(), s.customPolicies());
  }

  @Test
  void policyDefaults_areTheFallbackOfEachBlock() {
    SizingSettings s = SizingSettings.create(ConfigFactory.parseString(
        "sizing { policy = [queue, load, throughput],"
            + " policy-defaults.autoscale-interval = 2s, throughput.autoscale-interval = 30s }"));
    assertEquals(List.of("queue", "load", "throughput"), s.policy());
    assertEquals(Duration.ofSeconds(2), s.load().autoscaleInterval());
    assertEquals(Duration.ofSeconds(30), s.throughput().autoscaleInterval());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "sizing.policy = lod | actor-pool.sizing.policy | [lod]",
    "sizing.policy = [] | actor-pool.sizing.policy | []",
    "sizing.policy = [queue, queue] | actor-pool.sizing.policy | [queue]",
    "sizing.load.scale-up-step-ratio = 2 | actor-pool.sizing.load.scale-up-step-ratio | [2.0]",
    "sizing.load.autoscale-interval = -1s | actor-pool.sizing.load.autoscale-interval | [PT-1S]",
    "sizing.queue.upper-task-ratio = 0 | actor-pool.sizing.queue.upper-task-ratio | [0.0]",
    "sizing.capability.lower-task-ratio = 9 | actor-pool.sizing.capability.lower-task-ratio"
        + " | [9.0] >= [5.0]",
    "sizing.throughput.beta-ratio = 0.01 | actor-pool.sizing.throughput.beta-ratio | [0.01]",
    "sizing.throughput.base-window = 0 | actor-pool.sizing.throughput.base-window | [0]",
    "sizing.stabilization.tolerance = 3 | actor-pool.sizing.stabilization.tolerance | [3.0]",
    "sizing.stabilization.scale-down-window = soon"
        + " | actor-pool.sizing.stabilization.scale-down-window | [\"soon\"]",
    "sizing { policy = x, custom-policies.x = com.acme.Missing }"
        + " | actor-pool.sizing.custom-policies.x | [com.acme.Missing]",
    "sizing { policy = x, custom-policies.x = java.lang.String }"
        + " | actor-pool.sizing.custom-policies.x | [java.lang.String]",
    "units-per-pool = 0 | actor-pool.units-per-pool | [0]",
    "sizing.overload-memory = -2s | actor-pool.sizing.overload-memory | [PT-2S]",
  })
  void invalidValue_throwsNamingKeyAndValue(String snippet, String key, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SizingSettings.create(ConfigFactory.parseString(snippet)));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void customPolicy_emptyClassName_disablesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SizingSettings.create(ConfigFactory.parseString(
            "sizing { policy = x, custom-policies.x = \"\" }")));
    assertTrue(e.getMessage().contains("unknown policy"), e.getMessage());
  }
}
