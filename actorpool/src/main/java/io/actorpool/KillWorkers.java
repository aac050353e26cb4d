package io.actorpool;

/**
 * Replaces every worker of every pool of a supervisor, like loky's {@code kill_workers}: running
 * jobs are interrupted and fail with {@link WorkerCrashedException}; queued jobs run on fresh
 * workers; leased pools are included. Reply: {@code Done}.
 */
public enum KillWorkers {
  INSTANCE
}
