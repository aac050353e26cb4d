package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolSettingsTest {

  private static PoolSettings fromSnippet(String hocon) {
    return PoolSettings.create(ConfigFactory.parseString(hocon));
  }

  @Test
  void create_reference_hasDocumentedDefaults() {
    PoolSettings s = PoolSettings.create(ConfigFactory.load().getConfig("actor-pool"));
    assertEquals(1, s.minPools());
    assertEquals(8, s.maxPools());
    assertEquals(10, s.unitsPerPool());
    assertEquals(4, s.workersPerPool());
    assertEquals(Duration.ofSeconds(120), s.checkInterval());
    assertEquals(SignalFailureMode.HOLD, s.onSignalFailure());
    assertEquals(10_000, s.maxQueuedJobs());
    assertEquals(Duration.ofSeconds(300), s.defaultLeaseDuration());
    assertEquals(Duration.ofSeconds(15), s.leaseGrace());
    assertEquals(Duration.ofSeconds(10), s.lease().revokeTimeout());
    assertEquals(Duration.ofHours(1), s.lease().maxTotal());
  }

  @Test
  void create_snippet_overridesOnlyWhatItNames() {
    PoolSettings s = fromSnippet("max-pools = 5, workers-per-pool = 2, on-signal-failure = zero,"
        + " lease.grace = 0s");
    assertEquals(5, s.maxPools());
    assertEquals(2, s.workersPerPool());
    assertEquals(SignalFailureMode.ZERO, s.onSignalFailure());
    assertEquals(Duration.ZERO, s.leaseGrace());
    assertEquals(10, s.unitsPerPool());
  }

  @Test
  void builder_overridesConfig_andLeavesOriginalUnchanged() {
    PoolSettings base = fromSnippet("max-pools = 5");
    PoolSettings changed = base.withPoolBounds(/* min= */ 2, /* max= */ 20)
        .withUnitsPerPool(3)
        .withCheckInterval(Duration.ofSeconds(1))
        .withDefaultLeaseDuration(Duration.ofSeconds(30))
        .withLeaseGrace(Duration.ofSeconds(2));
    assertEquals(5, base.maxPools());
    assertEquals(2, changed.minPools());
    assertEquals(20, changed.maxPools());
    assertEquals(3, changed.unitsPerPool());
    assertEquals(Duration.ofSeconds(30), changed.defaultLeaseDuration());
    assertEquals(Duration.ofSeconds(2), changed.leaseGrace());
    assertEquals(4, changed.desiredPools(10));
  }

  static Stream<Arguments> invalidSnippets() {
    return Stream.of(
        Arguments.of("min-pools = -1", "actor-pool.min-pools", "-1"),
        Arguments.of("max-pools = 0", "actor-pool.max-pools", "0"),
        Arguments.of("min-pools = 5, max-pools = 3", "actor-pool.min-pools", "[5] > [3]"),
        Arguments.of("units-per-pool = 0", "actor-pool.units-per-pool", "0"),
        Arguments.of("workers-per-pool = -4", "actor-pool.workers-per-pool", "-4"),
        Arguments.of("check-interval = 0s", "actor-pool.check-interval", "PT0S"),
        Arguments.of("check-interval = -5s", "actor-pool.check-interval", "PT-5S"),
        Arguments.of("check-interval = soon", "actor-pool.check-interval", "soon"),
        Arguments.of("on-signal-failure = retry", "actor-pool.on-signal-failure", "retry"),
        Arguments.of("max-queued-jobs = -1", "actor-pool.max-queued-jobs", "-1"),
        Arguments.of("max-pools = many", "actor-pool.max-pools", "many"),
        Arguments.of("lease.default-duration = 0s", "actor-pool.lease.default-duration", "PT0S"),
        Arguments.of("lease.grace = -1s", "actor-pool.lease.grace", "PT-1S"),
        Arguments.of("lease.revoke-timeout = 0ms", "actor-pool.lease.revoke-timeout", "PT0S"),
        Arguments.of("lease.max-total = 10s", "actor-pool.lease.max-total", "[PT10S] < [PT5M]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSnippets")
  void create_invalidValue_throwsNamingKeyAndValue(String hocon, String key, String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fromSnippet(hocon));
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  static Stream<Arguments> invalidBuilderCalls() {
    PoolSettings s = fromSnippet("");
    return Stream.of(
        Arguments.of((Supplier<?>) () -> s.withMinPools(9), "actor-pool.min-pools", "[9] > [8]"),
        Arguments.of((Supplier<?>) () -> s.withMaxPools(0), "actor-pool.max-pools", "[0]"),
        Arguments.of((Supplier<?>) () -> s.withUnitsPerPool(0), "actor-pool.units-per-pool", "0"),
        Arguments.of((Supplier<?>) () -> s.withWorkersPerPool(0), "workers-per-pool", "[0]"),
        Arguments.of((Supplier<?>) () -> s.withCheckInterval(Duration.ofMillis(-1)),
            "actor-pool.check-interval", "PT-0.001S"),
        Arguments.of((Supplier<?>) () -> s.withMaxQueuedJobs(-3), "max-queued-jobs", "[-3]"),
        Arguments.of((Supplier<?>) () -> s.withLeaseGrace(Duration.ofSeconds(-1)),
            "actor-pool.lease.grace", "PT-1S"),
        Arguments.of((Supplier<?>) () -> s.withDefaultLeaseDuration(Duration.ZERO),
            "actor-pool.lease.default-duration", "PT0S"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidBuilderCalls")
  void withX_invalidValue_throwsNamingKeyAndValue(Supplier<?> call, String key, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void create_fromSystemConfig_readsApplicationOverrides() {
    Config app = ConfigFactory.parseString("actor-pool.max-pools = 3")
        .withFallback(ConfigFactory.load());
    assertEquals(3, PoolSettings.create(app.getConfig("actor-pool")).maxPools());
  }

  @Test
  void scaleChanged_negativeUnits_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ScaleChanged(-1));
    assertTrue(e.getMessage().contains("[-1]"), e.getMessage());
  }
}
