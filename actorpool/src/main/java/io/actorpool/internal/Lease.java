package io.actorpool.internal;

import io.actorpool.LeaseExpiredException;
import io.actorpool.LeaseExpiring;
import io.actorpool.LeaseRenewed;
import io.actorpool.LeaseSettings;
import io.actorpool.PoolEvent;
import io.actorpool.RenewLease;
import java.time.Duration;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;

/**
 * INTERNAL API.
 *
 * <p>One active lease's clock: soft expiry (warn, publish, tell the holder), hard expiry (ask the
 * supervisor to revoke) and renewal. The supervisor stops it when the lease ends, which cancels
 * its timers.
 */
@InternalApi
public final class Lease extends AbstractActorWithTimers {

  /** Told to the supervisor at hard expiry. */
  record HardExpired(String leaseId) {}

  private enum Expiry {
    SOFT,
    HARD
  }

  private final LeaseState lease;
  private final LeaseSettings settings;
  private final ActorRef holder;
  private final String supervisorPath;
  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);

  private Lease(LeaseState lease, LeaseSettings settings, ActorRef holder, String supervisorPath) {
    this.lease = lease;
    this.settings = settings;
    this.holder = holder;
    this.supervisorPath = supervisorPath;
  }

  static Props props(LeaseState lease, LeaseSettings settings, ActorRef holder,
      String supervisorPath) {
    return Props.create(Lease.class, () -> new Lease(lease, settings, holder, supervisorPath));
  }

  @Override
  public void preStart() {
    schedule();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(RenewLease.class, this::renew)
        .matchEquals(Expiry.SOFT, e -> softExpired())
        .matchEquals(Expiry.HARD, e -> getContext().getParent()
            .tell(new HardExpired(lease.id), getSelf()))
        .build();
  }

  private void schedule() {
    long now = System.nanoTime();
    Duration toSoft = Duration.ofNanos(Math.max(0, lease.softDeadlineNanos() - now));
    Duration toHard = Duration.ofNanos(Math.max(0, lease.hardDeadlineNanos() - now));
    getTimers().startSingleTimer(Expiry.SOFT, Expiry.SOFT, toSoft);
    getTimers().startSingleTimer(Expiry.HARD, Expiry.HARD, toHard);
  }

  private void softExpired() {
    log.warning("{} lease {} held by {} expired; it is revoked in {} unless renewed",
        lease.poolName, lease.id, holderName(), settings.grace());
    publish(PoolEvent.LeaseStep.EXPIRING, "revoked in " + settings.grace());
    if (holder != null) {
      holder.tell(new LeaseExpiring(lease.id, settings.grace()), getContext().getParent());
    }
  }

  private void renew(RenewLease renew) {
    ActorRef replyTo = getSender();
    Duration extra = renew.extra();
    if (extra.isZero() || extra.isNegative()) {
      replyTo.tell(new Status.Failure(new IllegalArgumentException(
          "renew extra must be > 0, was: [" + extra + "]")), getSelf());
      return;
    }
    if (lease.state() != LeaseState.ACTIVE) {
      replyTo.tell(new Status.Failure(lease.notActive()), getSelf());
      return;
    }
    long now = System.nanoTime();
    if (now >= lease.hardDeadlineNanos()) {
      // The revoke is already on its way to the supervisor.
      replyTo.tell(new Status.Failure(new LeaseExpiredException(
          "lease " + lease.id + " has expired")), getSelf());
      return;
    }
    long current = lease.softDeadlineNanos();
    if (current >= lease.maxDeadlineNanos) {
      replyTo.tell(new Status.Failure(new IllegalStateException(
          "lease " + lease.id + " already runs to its lease.max-total of "
              + settings.maxTotal())), getSelf());
      return;
    }
    long wanted = Math.max(current, now) + extra.toNanos();
    long soft = Math.min(wanted, lease.maxDeadlineNanos);
    lease.setDeadlines(soft, settings.grace());
    schedule();
    boolean capped = soft < wanted;
    Duration untilSoft = Duration.ofNanos(soft - now);
    log.info("{} lease {} renewed by {}: expires in {}", lease.poolName, lease.id, extra,
        untilSoft + (capped ? " (capped by lease.max-total)" : ""));
    publish(PoolEvent.LeaseStep.RENEWED, "expires in " + untilSoft + (capped ? ", capped" : ""));
    replyTo.tell(new LeaseRenewed(lease.id, untilSoft,
        Duration.ofNanos(lease.hardDeadlineNanos() - now), capped), getSelf());
  }

  private String holderName() {
    return holder == null ? "an unwatched caller" : holder.path().toString();
  }

  private void publish(PoolEvent.LeaseStep step, String detail) {
    getContext().getSystem().getEventStream().publish(new PoolEvent.LeaseChanged(
        supervisorPath, lease.id, lease.poolName, holderName(), step, detail));
  }
}
