package io.actorpool.internal;

import io.actorpool.LeaseExpiredException;
import io.actorpool.LeaseReleasedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The part of a lease that client threads, worker threads and the supervisor all touch: whether
 * work may still be submitted, how much of it is in flight, and the deadlines. Lock-free, because
 * {@link LeasedExecutor#submit} must not cost a message or a lock per job.
 *
 * <p>Submitting and releasing race by design: a submitter first counts itself in, then checks the
 * state; a releaser first changes the state, then checks the count. Whichever comes second sees
 * the other, so no job slips onto a pool after it has been handed back.
 */
@InternalApi
final class LeaseState {

  static final int ACTIVE = 0;
  static final int RELEASED = 1;
  static final int REVOKED = 2;

  /** Told to the supervisor when a released lease has no work left. */
  record Drained(String leaseId) {}

  final String id;
  final String poolName;
  final PoolRuntime runtime;
  final ActorRef supervisor;
  final long grantedNanos;
  final long maxDeadlineNanos;
  final int maxJobCrashes;
  /** Completes when the pool has been handed back or revoked: the lease is over. */
  final CompletableFuture<Done> ended = new CompletableFuture<>();

  private final AtomicInteger state = new AtomicInteger(ACTIVE);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Drained drained;
  private volatile long softDeadlineNanos;
  private volatile long hardDeadlineNanos;
  private volatile String endReason = "";

  LeaseState(String id, String poolName, PoolRuntime runtime, ActorRef supervisor,
      long grantedNanos, Duration leaseFor, Duration grace, Duration maxTotal, int maxJobCrashes) {
    this.id = id;
    this.poolName = poolName;
    this.runtime = runtime;
    this.supervisor = supervisor;
    this.grantedNanos = grantedNanos;
    this.maxDeadlineNanos = grantedNanos + maxTotal.toNanos();
    this.maxJobCrashes = maxJobCrashes;
    this.drained = new Drained(id);
    setDeadlines(grantedNanos + leaseFor.toNanos(), grace);
  }

  void setDeadlines(long softNanos, Duration grace) {
    softDeadlineNanos = softNanos;
    hardDeadlineNanos = softNanos + grace.toNanos();
  }

  long softDeadlineNanos() {
    return softDeadlineNanos;
  }

  long hardDeadlineNanos() {
    return hardDeadlineNanos;
  }

  int state() {
    return state.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Counts a job in; false (and nothing counted) when the lease no longer takes work. */
  boolean enter() {
    inFlight.incrementAndGet();
    if (state.get() != ACTIVE) {
      exit();
      return false;
    }
    return true;
  }

  /** Counts a job out; the last one out of a released lease hands the pool back. */
  void exit() {
    if (inFlight.decrementAndGet() == 0 && state.get() == RELEASED) {
      supervisor.tell(drained, ActorRef.noSender());
    }
  }

  /** Stops taking work; true if this call did it. The pool goes back once in-flight work is done. */
  boolean release(String reason) {
    if (state.compareAndSet(ACTIVE, RELEASED)) {
      endReason = reason;
      if (inFlight.get() == 0) {
        supervisor.tell(drained, ActorRef.noSender());
      }
      return true;
    }
    return false;
  }

  /** Ends the lease at hard expiry, whether it was active or still finishing after a release. */
  boolean revoke() {
    endReason = "revoked at hard expiry";
    return state.getAndSet(REVOKED) != REVOKED;
  }

  /** The exception for work that arrives after the lease stopped taking it. */
  RuntimeException notActive() {
    return state.get() == REVOKED
        ? new LeaseExpiredException("lease " + id + " on " + poolName + " has expired")
        : new LeaseReleasedException("lease " + id + " on " + poolName + " was released ("
            + endReason + ")");
  }
}
