package io.actorpool;

import io.actorpool.internal.Cgroups;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * Reads one load signal. {@code SystemLoad} calls every probe once per sample interval, from inside
 * the actor, so an implementation needs no synchronization but must be quick (no blocking I/O
 * beyond reading a small file).
 *
 * <p>A probe that throws makes its signal {@linkplain LoadSnapshot#unknownSignals() unknown} for
 * that sample; the actor logs it at most once a minute and keeps sampling.
 *
 * <p>The built-ins are static factories, in the manner of Caffeine's {@code Ticker}; inject others
 * through {@link SystemLoad#props(SystemLoadSettings, List, Ticker)} to fake the load in tests.
 * The scheduling-lag built-in is part of the actor itself, because it needs the dispatcher; a
 * probe for {@link LoadSignal#SCHEDULING_LAG} replaces it.
 */
public interface LoadProbe {

  /**
   * The signal this probe reads.
   *
   * @return the signal
   */
  LoadSignal signal();

  /**
   * Reads the signal now.
   *
   * @return a ratio 0..1 for every signal except {@link LoadSignal#SCHEDULING_LAG}, which is in
   *     milliseconds
   * @throws Exception when the signal cannot be read
   */
  double read() throws Exception;

  /**
   * A probe from a function, for tests and custom signals.
   *
   * @param signal the signal it reads
   * @param reading returns the value, or throws
   * @return the probe
   */
  static LoadProbe of(LoadSignal signal, Callable<Double> reading) {
    return new FunctionProbe(Objects.requireNonNull(signal), Objects.requireNonNull(reading));
  }

  /**
   * CPU time of this JVM over the last interval, divided by the CPUs it may use: the cgroup quota
   * ({@code cpu.max}, or {@code cpu.cfs_quota_us / cpu.cfs_period_us}) when there is one and it is
   * smaller than {@link Runtime#availableProcessors()}.
   *
   * @return a new probe (it keeps the previous reading)
   */
  static LoadProbe processCpu() {
    return new ProcessCpuProbe(Cgroups.system());
  }

  /**
   * CPU use of the machine or container, from {@code OperatingSystemMXBean.getCpuLoad()}.
   *
   * @return a new probe
   */
  static LoadProbe systemCpu() {
    return new SystemCpuProbe();
  }

  /**
   * The larger of heap used against heap max and, when the container has a memory limit, its
   * memory in use against that limit.
   *
   * @return a new probe
   */
  static LoadProbe memory() {
    return new MemoryProbe(Cgroups.system());
  }

  /**
   * The share of wall time spent in garbage collection since the previous reading, summed over
   * the {@code GarbageCollectorMXBean}s.
   *
   * @return a new probe (it keeps the previous reading)
   */
  static LoadProbe gcTime() {
    return new GcTimeProbe();
  }

  /**
   * A fresh set of every built-in probe except the scheduling lag, which the actor measures.
   *
   * @return process CPU, system CPU, memory and GC probes
   */
  static List<LoadProbe> builtIns() {
    return List.of(processCpu(), systemCpu(), memory(), gcTime());
  }
}

/* ---------------- Built-ins ---------------- */

/** A probe from a function. */
record FunctionProbe(LoadSignal signal, Callable<Double> reading) implements LoadProbe {
  @Override
  public double read() throws Exception {
    return reading.call();
  }
}

/**
 * A cumulative time counter's growth over wall time since the previous reading, divided by a
 * capacity: the shape of both the CPU and the GC probe.
 */
abstract class ElapsedTimeProbe implements LoadProbe {
  private long lastCounterNanos;
  private long lastWallNanos;

  ElapsedTimeProbe() {
    // Baseline at JVM start, so the first reading is the average since then rather than nothing.
    this.lastWallNanos =
        System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
  }

  /** The counter now, in nanoseconds. */
  abstract long counterNanos();

  /** How many nanoseconds the counter can grow per wall nanosecond, e.g. the usable CPUs. */
  abstract double capacity();

  @Override
  public double read() {
    long counter = counterNanos();
    long wall = System.nanoTime();
    long elapsed = Math.max(1, wall - lastWallNanos);
    double ratio = (counter - lastCounterNanos) / (elapsed * capacity());
    lastCounterNanos = counter;
    lastWallNanos = wall;
    return Math.max(0.0, Math.min(1.0, ratio));
  }
}

/** Process CPU time over wall time times the usable CPUs. */
final class ProcessCpuProbe extends ElapsedTimeProbe {
  private final com.sun.management.OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
  private final Cgroups cgroups;

  ProcessCpuProbe(Cgroups cgroups) {
    this.cgroups = cgroups;
  }

  @Override
  public LoadSignal signal() {
    return LoadSignal.CPU;
  }

  @Override
  long counterNanos() {
    long cpu = os.getProcessCpuTime();
    if (cpu < 0) {
      throw new UnsupportedOperationException("process CPU time is not available on this JVM");
    }
    return cpu;
  }

  @Override
  double capacity() {
    double cpus = Runtime.getRuntime().availableProcessors();
    OptionalDouble quota = cgroups.cpuQuota();
    return quota.isPresent() ? Math.min(cpus, quota.getAsDouble()) : cpus;
  }
}

/** The operating system's view of CPU use; container-aware in JDK 17. */
final class SystemCpuProbe implements LoadProbe {
  private final com.sun.management.OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  @Override
  public LoadSignal signal() {
    return LoadSignal.SYSTEM_CPU;
  }

  @Override
  public double read() {
    double load = os.getCpuLoad();
    if (load < 0 || Double.isNaN(load)) {
      throw new UnsupportedOperationException("system CPU load is not available");
    }
    return Math.min(1.0, load);
  }
}

/** Heap against its max, and container memory against its limit. */
final class MemoryProbe implements LoadProbe {
  private final Cgroups cgroups;

  MemoryProbe(Cgroups cgroups) {
    this.cgroups = cgroups;
  }

  @Override
  public LoadSignal signal() {
    return LoadSignal.MEMORY;
  }

  @Override
  public double read() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    double ratio = (double) heap.getUsed() / max;
    OptionalLong limit = cgroups.memoryLimit();
    OptionalLong used = cgroups.memoryUsage();
    if (limit.isPresent() && used.isPresent()) {
      ratio = Math.max(ratio, (double) used.getAsLong() / limit.getAsLong());
    }
    return Math.min(1.0, ratio);
  }
}

/** Collection time of all collectors over wall time since the previous reading. */
final class GcTimeProbe extends ElapsedTimeProbe {
  private final List<GarbageCollectorMXBean> beans =
      ManagementFactory.getGarbageCollectorMXBeans();

  @Override
  public LoadSignal signal() {
    return LoadSignal.GC;
  }

  @Override
  long counterNanos() {
    long gcMillis = 0;
    for (GarbageCollectorMXBean bean : beans) {
      gcMillis += Math.max(0, bean.getCollectionTime());
    }
    return gcMillis * 1_000_000L;
  }

  @Override
  double capacity() {
    return 1.0;
  }
}
