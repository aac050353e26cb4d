package io.actorpool.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every ```java block of the guide appears verbatim (up to indentation and blank lines) in a
 * sample that compiles and runs in the build, so the guide's code cannot rot.
 */
class SnippetsTest {

  private static final Path ROOT = ConfigurationReferenceTest.ROOT;

  /** Where compiled samples live. */
  private static final List<Path> SAMPLE_DIRS = List.of(
      ROOT.resolve("samples/src/main/java"),
      ROOT.resolve("actorpool-cluster/src/test/java/io/actorpool/cluster/sample"));

  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : markdown.lines().toList()) {
      if (block == null && line.trim().equals("```java")) {
        block = new StringBuilder();
      } else if (block != null && line.trim().equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** Lines without their indentation, blank lines dropped. */
  static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n", "\n", "\n"));
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void docs_everyJavaBlock_appearsVerbatimInACompiledSample() throws IOException {
    List<String> samples = new ArrayList<>();
    for (Path dir : SAMPLE_DIRS) {
      for (Path f : files(dir, ".java")) {
        samples.add(normalize(Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path page : files(ROOT.resolve("docs"), ".md")) {
      for (String block : javaBlocks(Files.readString(page, StandardCharsets.UTF_8))) {
        checked++;
        String wanted = normalize(block);
        if (samples.stream().noneMatch(s -> s.contains(wanted))) {
          missing.add(ROOT.relativize(page) + ":\n" + block);
        }
      }
    }
    assertTrue(checked >= 8, "expected the guide's Java blocks, found " + checked);
    assertTrue(missing.isEmpty(), "not in any sample:\n" + String.join("\n", missing));
  }

  @Test
  void readme_linksTheGuide() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("](docs/README.md)"), "README must link docs/README.md");
  }
}
