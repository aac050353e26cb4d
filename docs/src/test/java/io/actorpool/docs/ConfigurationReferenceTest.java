package io.actorpool.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is what the live reference.conf files generate, and covers every key. */
class ConfigurationReferenceTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void configurationPage_checkedIn_matchesTheLiveReferenceConf() throws Exception {
    String generated = ConfigurationReference.render(ROOT);
    String checkedIn = Files.readString(ROOT.resolve(ConfigurationReference.OUTPUT),
        StandardCharsets.UTF_8);
    assertEquals(generated, checkedIn, "docs/configuration.md is stale: regenerate it with"
        + " mvn -B -q -pl docs compile exec:java");
  }

  @Test
  void configurationPage_everyKeyTypesafeConfigReads_documented() throws Exception {
    String page = Files.readString(ROOT.resolve(ConfigurationReference.OUTPUT),
        StandardCharsets.UTF_8);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> file : Map.of(
        "actorpool/src/main/resources/reference.conf", "actor-pool",
        "actorpool-cluster/src/main/resources/reference.conf", "actor-pool.cluster").entrySet()) {
      Config config = ConfigFactory.parseFile(ROOT.resolve(file.getKey()).toFile())
          .getConfig(file.getValue());
      for (var entry : config.entrySet()) {
        String key = file.getValue() + "." + entry.getKey();
        if (!page.contains("#### `" + key + "`")) {
          missing.add(key);
        }
      }
    }
    assertTrue(missing.isEmpty(), "not documented: " + missing);
  }
}
