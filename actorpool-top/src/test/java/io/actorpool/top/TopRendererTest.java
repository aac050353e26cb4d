package io.actorpool.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopRendererTest {

  private static TopModel.Group group(String path, int pools, int leases, int events) {
    List<String> poolLines = new ArrayList<>();
    for (int i = 1; i <= pools; i++) {
      poolLines.add("pool-" + i + " BUSY jobs=2 workers=4");
    }
    List<String> leaseLines = new ArrayList<>();
    for (int i = 1; i <= leases; i++) {
      leaseLines.add("lease-" + i + " pool-" + i + " holder=unwatched soft=59s hard=74s jobs=0");
    }
    List<String> recent = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      recent.add(String.format("12:00:%02d target %d -> %d (units %d; ScaleChanged(%d))", i, i,
          i + 1, i * 10, i * 10));
    }
    return new TopModel.Group(path, 4, 4, 3, 0, 1, 0, 0, 31, 0, 1, 5, poolLines, leaseLines,
        recent);
  }

  private static void assertFits(List<String> lines) {
    assertTrue(lines.size() <= 24, "rows: " + lines.size());
    for (String l : lines) {
      assertTrue(l.length() <= 80, "too wide (" + l.length() + "): " + l);
    }
  }

  @Test
  void render_oneSupervisor_showsTableRowPoolsLeasesAndEvents() {
    TopModel model = new TopModel("pid 42", "12:00:05", "cpu 12% mem 40% lag 3ms ok",
        List.of(group("/user/pools", 4, 1, 3)));
    List<String> lines = TopRenderer.render(model);
    assertFits(lines);
    assertTrue(lines.get(0).startsWith("actorpool-top  pid 42  12:00:05  1 supervisor"));
    assertTrue(lines.get(0).endsWith("q quits"));
    assertEquals(80, lines.get(0).length());
    assertEquals("load: cpu 12% mem 40% lag 3ms ok", lines.get(1));
    assertTrue(lines.contains(
        "/user/pools             4   4    3    0    1     0     0    31    0    1    5"), 
        String.join("\n", lines));
    assertTrue(lines.contains(
        "pools: pool-1 BUSY 2 | pool-2 BUSY 2 | pool-3 BUSY 2 | pool-4 BUSY 2"));
    assertTrue(lines.contains("pools: lease-1 pool-1 holder=unwatched soft=59s hard=74s jobs=0"));
    assertEquals("12:00:02 pools target 2 -> 3 (units 20; ScaleChanged(20))",
        lines.get(lines.size() - 1));
  }

  @Test
  void render_manySupervisorsPoolsLeasesAndEvents_fits80x24WithNewestEventsLast() {
    List<TopModel.Group> groups = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      groups.add(group("/system/sharding/pool-group/" + i + "/tenant-with-a-long-name-" + i,
          12, 5, 40));
    }
    List<String> lines = TopRenderer.render(new TopModel("127.0.0.1:9010", "12:00:59",
        "cpu 97% mem 91% lag 80ms OVERLOADED [cpu, memory]", groups));
    assertFits(lines);
    assertEquals(24, lines.size());
    assertTrue(lines.contains("... and 3 more supervisors"), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("...") && l.contains("long-name-0 ")));
    assertTrue(lines.get(23).startsWith("12:00:39 "), lines.get(23));
  }

  @Test
  void render_noSupervisors_saysSo() {
    List<String> lines = TopRenderer.render(new TopModel("pid 7", "12:00:00", "unknown",
        List.of()));
    assertFits(lines);
    assertTrue(lines.get(3).startsWith("no ActorPool supervisors"));
  }
}
