package io.actorpool.cluster;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Job types the tests register under {@code actor-pool.cluster.job-types}. */
public final class TestJobs {

  private TestJobs() {}

  /** Returns its payload upper-cased: proves payload and result cross nodes. */
  public static final class Echo implements JobHandler<String> {
    @Override
    public Object handle(String payload) {
      return payload.toUpperCase(java.util.Locale.ROOT);
    }
  }

  /** Always throws: proves a job's failure reaches its caller. */
  public static final class Fail implements JobHandler<String> {
    @Override
    public Object handle(String payload) {
      throw new IllegalStateException("boom: " + payload);
    }
  }

  /**
   * Occupies a worker for {@code payload} milliseconds, the way a real job would, then returns
   * the milliseconds: gives a node crash jobs that are in flight. Not a test synchronization.
   */
  public static final class Work implements JobHandler<Long> {
    @Override
    public Object handle(Long millis) {
      long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
      for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
        LockSupport.parkNanos(Math.min(left, 50_000_000L));
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
      return millis;
    }
  }
}
