package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snippets laid over the real reference.conf, as PK's ClusterShardingSettingsSpec does. */
class ClusterPoolsSettingsTest {

  private static ClusterPoolsSettings parse(String hocon) {
    return ClusterPoolsSettings.create(ConfigFactory.parseString(hocon));
  }

  @Test
  void reference_defaults() {
    ClusterPoolsSettings s = parse("");
    assertTrue(s.rememberGroups());
    assertEquals(Map.of(), s.jobTypes());
    assertEquals("jvm", s.loadSource());
    assertEquals(Duration.ofSeconds(2), s.loadPublishInterval());
    assertEquals(0.1, s.loadTolerance());
    assertEquals(1, s.maxMovesPerInterval());
    assertEquals(3, s.rebalanceThreshold());
  }

  @Test
  void jobTypes_emptyValue_disablesEntry() {
    ClusterPoolsSettings s = parse("job-types { echo = \"a.Echo\", off = \"\" }");
    assertEquals(Map.of("echo", "a.Echo"), s.jobTypes());
  }

  @Test
  void badValues_failNamingKeyAndValue() {
    IllegalArgumentException tolerance = assertThrows(IllegalArgumentException.class,
        () -> parse("placement.load-tolerance = 1.5"));
    assertEquals("actor-pool.cluster.placement.load-tolerance must be in (0, 1], was: [1.5]",
        tolerance.getMessage());
    IllegalArgumentException moves = assertThrows(IllegalArgumentException.class,
        () -> parse("placement.max-moves-per-interval = -1"));
    assertTrue(moves.getMessage().contains("max-moves-per-interval must be >= 0, was: [-1]"));
    IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
        () -> parse("load.publish-interval = banana"));
    assertTrue(interval.getMessage().startsWith("actor-pool.cluster is not valid:"));
    assertTrue(interval.getMessage().contains("load.publish-interval"), interval.getMessage());
    assertTrue(interval.getMessage().contains("banana"), interval.getMessage());
  }

  @Test
  void jvmLoadSource_readsRatios() throws Exception {
    NodeLoad load = NodeLoadSource.jvm(0.9, 0.9).read();
    assertTrue(load.cpu() >= 0 && load.cpu() <= 1 && load.memory() > 0 && load.memory() <= 1);
    assertTrue(NodeLoadSource.jvm(1.0, 1.0e-9).read().overloaded(), "any heap use is overload");
  }
}
