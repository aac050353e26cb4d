package io.actorpool;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.annotation.DoNotInherit;

/**
 * Exclusive use of one whole pool, for as long as its lease lasts.
 *
 * <p>Work goes straight to the pool's threads, with no actor hop per job, and only this lease's
 * work runs on that pool while it is held. Jobs beyond the pool's {@code workers-per-pool} wait in
 * the pool's own queue.
 *
 * <p>The lease ends in one of four ways: {@link #release()}; expiry ({@code leaseFor}, then {@code
 * lease.grace}, after which the lease is revoked: new and queued work fails with {@link
 * LeaseExpiredException} and running work is interrupted); the death of its holder actor (running
 * work finishes, queued work is cancelled); or the supervisor stopping.
 *
 * <p>All methods are thread-safe and may be called from any thread.
 */
@DoNotInherit
public interface LeasedExecutor extends Executor {

  /** The lease's id, unique within its supervisor, for {@link RenewLease} and {@link ReleaseLease}. */
  String leaseId();

  /** The name of the leased pool, as in {@link PoolInfo#name()}. */
  String poolName();

  /**
   * Runs {@code job} on the leased pool.
   *
   * @return its result or exception; {@link LeaseExpiredException} if the lease was revoked before
   *     the job ran (or the job was interrupted by the revocation), {@link LeaseReleasedException}
   *     if the lease was released first
   */
  <T> CompletionStage<T> submit(Callable<T> job);

  /**
   * Runs {@code command} on the leased pool; an exception it throws is logged.
   *
   * @throws java.util.concurrent.RejectedExecutionException if the lease is no longer active, with
   *     {@link LeaseExpiredException} or {@link LeaseReleasedException} as its cause
   */
  @Override
  void execute(Runnable command);

  /**
   * Moves the expiry later by {@code extra}, but never past {@code lease.max-total} from the grant.
   *
   * @param extra a positive duration
   * @return the new deadlines; fails with {@link LeaseExpiredException} or {@link
   *     LeaseReleasedException} if the lease has ended, with {@link IllegalArgumentException} for a
   *     non-positive {@code extra}, and with {@link IllegalStateException} if the lease already
   *     runs to its {@code max-total}
   */
  CompletionStage<LeaseRenewed> renew(Duration extra);

  /**
   * Ends the lease: new submits are refused at once, work already submitted finishes, then the pool
   * goes back to the supervisor. Idempotent.
   *
   * @return completes when the pool has been given back (at once if the lease had already ended)
   */
  CompletionStage<Done> release();

  /** Whether work may still be submitted: not released, not revoked. */
  boolean isActive();

  /** Time left until soft expiry, negative once past it. */
  Duration timeLeft();
}
