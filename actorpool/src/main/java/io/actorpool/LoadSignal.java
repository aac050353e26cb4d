package io.actorpool;

import java.util.Locale;

/**
 * The signals {@code SystemLoad} samples. Each has its own block under {@code
 * actor-pool.system-load} named by {@link #configName()}.
 */
public enum LoadSignal {
  /** CPU time of this JVM against the CPUs it may use (the cgroup quota when there is one). */
  CPU,
  /** CPU use of the whole machine or container, as the operating system reports it. */
  SYSTEM_CPU,
  /** The larger of heap used against heap max and container memory against its limit. */
  MEMORY,
  /** How late a task scheduled on the pools' dispatcher ran: Crawlee's event-loop lag. */
  SCHEDULING_LAG,
  /** The share of wall time spent in garbage collection over the last sample interval. */
  GC;

  /**
   * The key of this signal's block, e.g. {@code scheduling-lag}.
   *
   * @return the kebab-case name
   */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
