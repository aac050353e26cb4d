package io.actorpool.cluster.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.cluster.ClusterPoolStatus;
import io.actorpool.cluster.NodeLoad;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-command sample runs to the end and ends with all six groups on the two nodes left. */
class ThreeNodeSampleTest {

  @Test
  void sample_nodeLeaves_allGroupsOnTheRemainingNodes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // Three nodes in one busy JVM would all report its CPU; a steady load keeps placement about
    // group counts, which is what this test checks.
    ClusterPoolStatus after = ThreeNodeSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        () -> new NodeLoad(0.1, 0.1, false, System.currentTimeMillis()));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(6, after.groups().size(), out);
    assertEquals(2, after.groups().stream().map(ClusterPoolStatus.Group::node).distinct().count(),
        out);
    assertTrue(out.contains("job result: HELLO FROM NODE 3 TO TENANT-5"), out);
  }
}
