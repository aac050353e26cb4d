package io.actorpool.cluster.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.cluster.ClusterPoolStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-command sample runs to the end and ends with all six groups on the two nodes left. */
class ThreeNodeSampleTest {

  @Test
  void sample_nodeLeaves_allGroupsOnTheRemainingNodes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ClusterPoolStatus after = ThreeNodeSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(6, after.groups().size(), out);
    assertEquals(2, after.groups().stream().map(ClusterPoolStatus.Group::node).distinct().count(),
        out);
    assertTrue(out.contains("job result: HELLO FROM NODE 3 TO TENANT-5"), out);
  }
}
