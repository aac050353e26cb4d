package io.actorpool;

import java.util.Locale;

/** How a pool's workers live; {@code actor-pool.workers.mode}. */
public enum WorkerMode {
  /** Workers stay and take job after job (until recycled by a limit). */
  REUSE,
  /**
   * Task-driven: a worker is started for each job and stops when its job completes; its capacity
   * comes back at once. The pool's bounds and queueing still apply.
   */
  EPHEMERAL;

  /** The name used in configuration, e.g. {@code reuse}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WorkerMode fromConfigName(String key, String value) {
    for (WorkerMode mode : values()) {
      if (mode.configName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        key + " must be one of [reuse, ephemeral], was: [" + value + "]");
  }
}
