package io.actorpool.internal;

import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Work queued on a pool that the pool can fail without running it, so no caller waits for a
 * job that will never run, and that can be told its worker died before it could run it.
 */
@InternalApi
interface PoolTask extends Runnable {

  /** Fails the task's caller with {@code cause}; the task will not run. */
  void reject(Throwable cause);

  /**
   * The worker that was to run this task died first (its initializer failed); the task may be
   * run again elsewhere, within its crash budget.
   */
  void crashed(Throwable cause);

  /** Fails every task in {@code tasks} with {@code cause}. */
  static void rejectAll(Iterable<Runnable> tasks, Throwable cause) {
    for (Runnable r : tasks) {
      if (r instanceof PoolTask task) {
        task.reject(cause);
      }
    }
  }
}
