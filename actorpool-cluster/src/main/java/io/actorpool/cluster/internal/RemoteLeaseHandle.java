package io.actorpool.cluster.internal;

import io.actorpool.LeaseRenewed;
import io.actorpool.LeaseReleasedException;
import io.actorpool.ReleaseLease;
import io.actorpool.RenewLease;
import io.actorpool.cluster.GroupLostException;
import io.actorpool.cluster.RemoteJob;
import io.actorpool.cluster.RemoteLeaseGranted;
import io.actorpool.cluster.RemoteLeasedExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.pattern.Patterns;

/**
 * INTERNAL API.
 *
 * <p>The {@link RemoteLeasedExecutor} of one lease, on the node that acquired it. Jobs go to the
 * node's tracker ({@link NodeAgent}), which sends them to the group's entity and accounts for
 * them; renew and release ask the entity directly. The tracker tells the handle when the lease
 * ends ({@link #end}), from the entity's notice or from the removal of the group's node.
 */
@InternalApi
public final class RemoteLeaseHandle implements RemoteLeasedExecutor {

  /** Bounds a renewal's round trip to the group's node. */
  private static final Duration RENEW_TIMEOUT = Duration.ofSeconds(30);
  /** Added to the time left to hard expiry, by which a release has always been answered. */
  private static final Duration RELEASE_MARGIN = Duration.ofSeconds(30);

  private final ActorRef tracker;
  private final RemoteLeaseGranted granted;
  private final Address node;
  /** The failure of new submits once the lease stopped taking work; null while active. */
  private final AtomicReference<RuntimeException> refusal = new AtomicReference<>();
  /** Completes when this node learns that the lease has ended, however it ended. */
  private final CompletableFuture<Done> over = new CompletableFuture<>();
  private volatile long softDeadlineNanos;
  private volatile long hardDeadlineNanos;

  RemoteLeaseHandle(ActorRef tracker, RemoteLeaseGranted granted, Address node) {
    this.tracker = tracker;
    this.granted = granted;
    this.node = node;
    long now = System.nanoTime();
    this.softDeadlineNanos = now + granted.untilSoftExpiry().toNanos();
    this.hardDeadlineNanos = now + granted.untilHardExpiry().toNanos();
  }

  RemoteLeaseGranted granted() {
    return granted;
  }

  ActorRef entity() {
    return granted.entity();
  }

  @Override
  public String leaseId() {
    return granted.leaseId();
  }

  @Override
  public String poolName() {
    return granted.poolName();
  }

  @Override
  public String typeName() {
    return granted.typeName();
  }

  @Override
  public String key() {
    return granted.key();
  }

  @Override
  public Address node() {
    return node;
  }

  @Override
  public CompletionStage<Object> submit(RemoteJob job) {
    return send(job, null);
  }

  @Override
  public CompletionStage<Object> submit(RemoteJob job, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be > 0, was: [" + timeout + "]");
    }
    return send(job, timeout);
  }

  private CompletionStage<Object> send(RemoteJob job, Duration timeout) {
    Objects.requireNonNull(job, "job");
    CompletableFuture<Object> result = new CompletableFuture<>();
    RuntimeException refused = refusal.get();
    if (refused != null) {
      result.completeExceptionally(refused);
    } else {
      tracker.tell(new NodeAgent.TrackLeaseJob(this, job, timeout, result), ActorRef.noSender());
    }
    return result;
  }

  @Override
  public CompletionStage<LeaseRenewed> renew(Duration extra) {
    Objects.requireNonNull(extra, "extra");
    RuntimeException refused = refusal.get();
    if (refused instanceof GroupLostException) {
      return CompletableFuture.failedFuture(refused);
    }
    // Otherwise the group's node answers, with the core's own failure if the lease has ended.
    return Patterns.ask(entity(), new RenewLease(leaseId(), extra), RENEW_TIMEOUT)
        .thenApply(reply -> {
          LeaseRenewed renewed = (LeaseRenewed) reply;
          long now = System.nanoTime();
          softDeadlineNanos = now + renewed.untilSoftExpiry().toNanos();
          hardDeadlineNanos = now + renewed.untilHardExpiry().toNanos();
          return renewed;
        });
  }

  @Override
  public CompletionStage<Done> release() {
    refusal.compareAndSet(null, new LeaseReleasedException(
        "lease " + leaseId() + " on " + poolName() + " of pool group [" + key() + "] was released"
            + " by its holder"));
    if (over.isDone()) {
      return over;
    }
    Duration untilHard = Duration.ofNanos(Math.max(0, hardDeadlineNanos - System.nanoTime()));
    CompletableFuture<Done> answered = Patterns.ask(entity(), new ReleaseLease(leaseId()),
            untilHard.plus(RELEASE_MARGIN))
        .thenApply(reply -> Done.getInstance()).toCompletableFuture();
    // A lost group never answers; the tracker ends the lease then.
    return answered.applyToEither(over, done -> done);
  }

  @Override
  public boolean isActive() {
    return refusal.get() == null;
  }

  @Override
  public Duration timeLeft() {
    return Duration.ofNanos(softDeadlineNanos - System.nanoTime());
  }

  /** The failure of new submits, or null while the lease is active. */
  RuntimeException refusal() {
    return refusal.get();
  }

  /** Called by the tracker when the lease has ended: later submits fail with {@code failure}. */
  void end(RuntimeException failure) {
    // A release by the holder keeps its reason, unless the group was lost meanwhile.
    refusal.getAndUpdate(r -> r == null || failure instanceof GroupLostException ? failure : r);
    over.complete(Done.getInstance());
  }

  @Override
  public String toString() {
    return "RemoteLeasedExecutor(" + leaseId() + " on " + poolName() + " of " + typeName() + "/"
        + key() + " at " + node + ")";
  }
}
