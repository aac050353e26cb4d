package io.actorpool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code actor-pool.pull} block: how a pull-mode {@link Run} pulls tasks. Each key is
 * described, with an example, in {@code reference.conf}.
 *
 * @param maybeRunInterval {@code maybe-run-interval}: how soon to ask again when nothing was ready
 * @param taskTimeout {@code task-timeout}: how long one task may run; empty when off
 * @param maxTasksPerMinute {@code max-tasks-per-minute}: start rate limit; 0 when off
 * @param continueOnError {@code continue-on-error}: whether a failed task leaves the run going
 * @param loggingInterval {@code logging-interval}: how often the run's state is logged
 */
public record PullSettings(Duration maybeRunInterval, Optional<Duration> taskTimeout,
    int maxTasksPerMinute, boolean continueOnError, Duration loggingInterval) {

  private static final String PREFIX = "actor-pool.pull.";

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the key and the value of the first bad field
   */
  public PullSettings {
    PoolSettings.requirePositive(PREFIX + "maybe-run-interval", maybeRunInterval);
    Objects.requireNonNull(taskTimeout, PREFIX + "task-timeout");
    taskTimeout.ifPresent(t -> PoolSettings.requirePositive(PREFIX + "task-timeout", t));
    PoolSettings.requireAtLeast(PREFIX + "max-tasks-per-minute", maxTasksPerMinute, 0);
    PoolSettings.requirePositive(PREFIX + "logging-interval", loggingInterval);
  }

  /** A copy with {@code task-timeout} set; {@code null} switches it off. */
  public PullSettings withTaskTimeout(Duration timeout) {
    return new PullSettings(maybeRunInterval, Optional.ofNullable(timeout), maxTasksPerMinute,
        continueOnError, loggingInterval);
  }

  /** A copy with {@code max-tasks-per-minute} set; {@code 0} switches it off. */
  public PullSettings withMaxTasksPerMinute(int max) {
    return new PullSettings(maybeRunInterval, taskTimeout, max, continueOnError, loggingInterval);
  }

  /** A copy with {@code continue-on-error} set. */
  public PullSettings withContinueOnError(boolean continueOnError) {
    return new PullSettings(maybeRunInterval, taskTimeout, maxTasksPerMinute, continueOnError,
        loggingInterval);
  }
}
