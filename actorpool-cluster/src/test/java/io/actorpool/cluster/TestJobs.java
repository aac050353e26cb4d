package io.actorpool.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  /** Opened by a test to let every {@link Hold} job end. */
  public static final CountDownLatch HOLD_RELEASE = new CountDownLatch(1);

  /**
   * Holds its worker until {@link #HOLD_RELEASE} opens (at most {@code payload} milliseconds),
   * ignoring interrupts, so the job is still in flight, with no answer, when its node shuts down
   * in the same JVM: a crash as the job's caller sees it.
   */
  public static final class Hold implements JobHandler<Long> {
    @Override
    public Object handle(Long millis) {
      long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
      while (HOLD_RELEASE.getCount() > 0 && end - System.nanoTime() > 0) {
        try {
          HOLD_RELEASE.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          // Ignored on purpose: a shutdown must not make this job answer.
        }
      }
      return millis;
    }
  }
}
