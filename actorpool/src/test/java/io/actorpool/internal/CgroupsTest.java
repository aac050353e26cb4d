package io.actorpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupsTest {

  @Test
  void v2_quotaAndMemory_read(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("cpu.max"), "150000 100000\n");
    Files.writeString(root.resolve("memory.max"), "1073741824\n");
    Files.writeString(root.resolve("memory.current"), "536870912\n");
    Cgroups c = new Cgroups(root);
    assertEquals(1.5, c.cpuQuota().getAsDouble());
    assertEquals(1L << 30, c.memoryLimit().getAsLong());
    assertEquals(1L << 29, c.memoryUsage().getAsLong());
  }

  @Test
  void v2_max_meansNoLimit(@TempDir Path root) throws IOException {
    Files.writeString(root.resolve("cpu.max"), "max 100000\n");
    Files.writeString(root.resolve("memory.max"), "max\n");
    Cgroups c = new Cgroups(root);
    assertTrue(c.cpuQuota().isEmpty());
    assertTrue(c.memoryLimit().isEmpty());
  }

  @Test
  void v1_quotaAndHugeLimit_read(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("cpu,cpuacct"));
    Files.createDirectories(root.resolve("memory"));
    Files.writeString(root.resolve("cpu,cpuacct/cpu.cfs_quota_us"), "200000\n");
    Files.writeString(root.resolve("cpu,cpuacct/cpu.cfs_period_us"), "100000\n");
    Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
    Cgroups c = new Cgroups(root);
    assertEquals(2.0, c.cpuQuota().getAsDouble());
    assertTrue(c.memoryLimit().isEmpty());
  }

  @Test
  void v1_negativeQuota_meansNoLimit(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("cpu"));
    Files.writeString(root.resolve("cpu/cpu.cfs_quota_us"), "-1\n");
    Files.writeString(root.resolve("cpu/cpu.cfs_period_us"), "100000\n");
    assertTrue(new Cgroups(root).cpuQuota().isEmpty());
  }

  @Test
  void noFiles_noLimits(@TempDir Path root) {
    Cgroups c = new Cgroups(root);
    assertTrue(c.cpuQuota().isEmpty());
    assertTrue(c.memoryLimit().isEmpty());
    assertTrue(c.memoryUsage().isEmpty());
  }
}
