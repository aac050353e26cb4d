package io.actorpool;

import java.time.Duration;

/**
 * Reply to {@link Run} when the source said it is finished.
 *
 * @param started tasks started
 * @param succeeded tasks that completed normally
 * @param failed tasks that failed (only non-zero with {@code pull.continue-on-error})
 * @param took how long the run lasted
 */
public record RunCompleted(long started, long succeeded, long failed, Duration took) {}
