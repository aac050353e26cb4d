package io.actorpool.internal;

import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Work queued on a pool that can be failed without running, when its pool is revoked or
 * stopped, or its lease is cancelled, so no caller waits for a job that will never run.
 */
@InternalApi
interface PoolTask extends Runnable {

  /** Fails the task's caller with {@code cause}; the task will not run. */
  void reject(Throwable cause);

  /** Fails every task in {@code tasks} with {@code cause}. */
  static void rejectAll(Iterable<Runnable> tasks, Throwable cause) {
    for (Runnable r : tasks) {
      if (r instanceof PoolTask task) {
        task.reject(cause);
      }
    }
  }
}
