package io.actorpool;

/**
 * Runs once in each worker before its first job, like loky's {@code initializer}: warm a cache,
 * set a thread-local, configure logging.
 *
 * <p>Configured by class name in {@code actor-pool.workers.initializer} (the class needs a public
 * no-argument constructor), or in code with {@link WorkerSettings#withInitializer}. If it throws,
 * the worker does not start: the job it was started for fails with {@link WorkerCrashedException}
 * carrying the cause, and the next job starts a new worker.
 */
@FunctionalInterface
public interface WorkerInitializer {

  /**
   * Prepares the calling worker thread.
   *
   * @param poolName the pool the worker belongs to
   * @throws Exception if the worker cannot be prepared
   */
  void initialize(String poolName) throws Exception;
}
