package io.actorpool.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Where a node's {@link NodeLoad} comes from. The node calls {@link #read()} every {@code
 * actor-pool.cluster.load.publish-interval}, inside an actor, and shares the result with the
 * cluster. Plug in your own with {@link ClusterPools#useLoadSource}, e.g. one backed by the core's
 * {@code SystemLoad} actor, or one a test drives.
 *
 * <p>Built-ins follow Caffeine's {@code Ticker}: {@link #jvm(double, double)}.
 */
@ApiMayChange
@FunctionalInterface
public interface NodeLoadSource {

  /**
   * The node's load now. Called inside an actor, so it must not block; a throwing source is logged
   * and the last good value is kept.
   */
  NodeLoad read() throws Exception;

  /**
   * Reads the JVM's process CPU load and heap ratio from the platform MXBeans.
   *
   * @param cpuOverloadRatio at or above this CPU ratio the node reports itself overloaded
   * @param memoryOverloadRatio at or above this heap ratio the node reports itself overloaded
   * @throws IllegalArgumentException if a ratio is not in (0, 1]
   */
  static NodeLoadSource jvm(double cpuOverloadRatio, double memoryOverloadRatio) {
    return new JvmLoadSource(cpuOverloadRatio, memoryOverloadRatio);
  }
}

/** The platform-MXBean source behind {@link NodeLoadSource#jvm}. */
final class JvmLoadSource implements NodeLoadSource {

  private final double cpuOverloadRatio;
  private final double memoryOverloadRatio;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final java.lang.management.OperatingSystemMXBean os =
      ManagementFactory.getOperatingSystemMXBean();

  JvmLoadSource(double cpuOverloadRatio, double memoryOverloadRatio) {
    this.cpuOverloadRatio = requireRatio("cpu-overload-ratio", cpuOverloadRatio);
    this.memoryOverloadRatio = requireRatio("memory-overload-ratio", memoryOverloadRatio);
  }

  @Override
  public NodeLoad read() {
    double cpu = 0.0;
    // The com.sun extension is on every HotSpot/OpenJ9 JVM; others report 0 rather than fail.
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      double load = sun.getProcessCpuLoad();
      cpu = load < 0 ? 0.0 : Math.min(1.0, load);
    }
    MemoryUsage heap = memory.getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    double mem = max <= 0 ? 0.0 : Math.min(1.0, (double) heap.getUsed() / max);
    boolean overloaded = cpu >= cpuOverloadRatio || mem >= memoryOverloadRatio;
    return new NodeLoad(cpu, mem, overloaded, System.currentTimeMillis());
  }

  private static double requireRatio(String key, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          "actor-pool.cluster.load." + key + " must be in (0, 1], was: [" + value + "]");
    }
    return value;
  }
}
