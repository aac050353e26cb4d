package io.actorpool.process.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ported loky examples run to the end with loky's results. */
class LokyExamplesTest {

  @Test
  void examples_runInChildJvms_withLokysResults() throws Exception {
    List<String> lines = LokyExamples.run(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String all = String.join("\n", lines);
    assertEquals("First batch: [0, 1, 4, 9, 16]", lines.get(0), all);
    assertEquals("Second batch: [25, 36, 49, 64, 81] (same executor)", lines.get(1), all);
    assertTrue(lines.get(3).endsWith("(same executor, resized to 4 workers)"), all);
    assertEquals("First run: [set 1 (state before: null), set 2 (state before: 1)]",
        lines.get(4), all);
    assertEquals("After restart: [set 3 (state before: null), set 4 (state before: 3)]",
        lines.get(5), all);
    assertEquals("Results with logging: [1, 4, 9, 16, 25]", lines.get(6), all);
    assertEquals("PROCESSING_MODE=parallel", lines.get(7), all);
    assertEquals("WORKER_POOL=actorpool", lines.get(8), all);
    assertEquals("DEBUG_LEVEL=2", lines.get(9), all);
    assertEquals("PATH=(set)", lines.get(10), all);
  }
}
