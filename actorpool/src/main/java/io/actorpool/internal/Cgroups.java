package io.actorpool.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API. The CPU quota and memory limit of the container this JVM runs in, read from the
 * cgroup file system (v2 first, then v1) on every call, because both can change at run time
 * (Kubernetes in-place resize; the lesson of crawlee-python#1704).
 *
 * <p>Reads the cgroup at the mount root, which inside a container is the container's own. A
 * missing or unreadable file means "no limit". Safe to call from any thread.
 */
@InternalApi
public final class Cgroups {

  /** v1 writes "no limit" as a page-rounded Long.MAX_VALUE; anything this big is no limit. */
  private static final long V1_UNLIMITED = 1L << 62;

  private static final Cgroups SYSTEM = new Cgroups(Path.of("/sys/fs/cgroup"));

  private final Path root;

  /**
   * A reader rooted at {@code root}; tests point it at a directory of fake files.
   *
   * @param root the cgroup mount, normally {@code /sys/fs/cgroup}
   */
  public Cgroups(Path root) {
    this.root = root;
  }

  /**
   * The reader of {@code /sys/fs/cgroup}.
   *
   * @return the shared reader
   */
  public static Cgroups system() {
    return SYSTEM;
  }

  /**
   * The CPU quota in CPUs, e.g. 1.5 for {@code cpu.max = "150000 100000"}.
   *
   * @return the quota, or empty when there is none
   */
  public OptionalDouble cpuQuota() {
    String v2 = read(root.resolve("cpu.max"));
    if (v2 != null) {
      String[] parts = v2.split("\\s+");
      if (parts.length == 2 && !"max".equals(parts[0])) {
        return ratio(parts[0], parts[1]);
      }
      return OptionalDouble.empty();
    }
    for (String dir : new String[] {"cpu", "cpu,cpuacct", "cpuacct,cpu"}) {
      String quota = read(root.resolve(dir).resolve("cpu.cfs_quota_us"));
      String period = read(root.resolve(dir).resolve("cpu.cfs_period_us"));
      if (quota != null && period != null) {
        return quota.startsWith("-") ? OptionalDouble.empty() : ratio(quota, period);
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * The container's memory limit in bytes.
   *
   * @return the limit, or empty when there is none
   */
  public OptionalLong memoryLimit() {
    String v2 = read(root.resolve("memory.max"));
    if (v2 != null) {
      return "max".equals(v2) ? OptionalLong.empty() : parse(v2);
    }
    OptionalLong v1 = parse(read(root.resolve("memory").resolve("memory.limit_in_bytes")));
    return v1.isPresent() && v1.getAsLong() >= V1_UNLIMITED ? OptionalLong.empty() : v1;
  }

  /**
   * The container's memory in use, in bytes.
   *
   * @return the usage, or empty when it cannot be read
   */
  public OptionalLong memoryUsage() {
    String v2 = read(root.resolve("memory.current"));
    return v2 != null
        ? parse(v2)
        : parse(read(root.resolve("memory").resolve("memory.usage_in_bytes")));
  }

  private static OptionalDouble ratio(String quota, String period) {
    OptionalLong q = parse(quota);
    OptionalLong p = parse(period);
    if (q.isEmpty() || p.isEmpty() || q.getAsLong() <= 0 || p.getAsLong() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) q.getAsLong() / p.getAsLong());
  }

  private static OptionalLong parse(String s) {
    if (s == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.isReadable(file)
          ? Files.readString(file, StandardCharsets.US_ASCII).trim()
          : null;
    } catch (IOException e) {
      return null;
    }
  }
}
