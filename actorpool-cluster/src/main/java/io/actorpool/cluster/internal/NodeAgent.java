package io.actorpool.cluster.internal;

import io.actorpool.LeaseExpiredException;
import io.actorpool.LeaseExpiring;
import io.actorpool.LeaseReleasedException;
import io.actorpool.LeaseRevoked;
import io.actorpool.ReleaseLease;
import io.actorpool.cluster.AcquireRemoteLease;
import io.actorpool.cluster.ClusterPoolStatus;
import io.actorpool.cluster.GetClusterPoolStatus;
import io.actorpool.cluster.GroupLostException;
import io.actorpool.cluster.LeaseLost;
import io.actorpool.cluster.PoolEnvelope;
import io.actorpool.cluster.RemoteJob;
import io.actorpool.cluster.RemoteLeasedExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.Patterns;

/**
 * INTERNAL API.
 *
 * <p>The node's cluster-pools actor: it answers {@link GetClusterPoolStatus} and tracks every job
 * sent with {@code ClusterPools.submit} until it is accounted for. Each tracked job ends exactly
 * once, with the first of:
 *
 * <ol>
 *   <li>its {@link JobWire.Outcome} (the result, or the job's failure);
 *   <li>{@link GroupLostException}, when the node that accepted it is removed from the cluster;
 *   <li>{@link AskTimeoutException}, when its timeout passes (checked every {@code
 *       failover.check-interval}); this covers a job that never reached a live group.
 * </ol>
 *
 * <p>A late outcome of a job that already ended is dropped, so a caller never sees two answers.
 *
 * <p>It also tracks the leases this node acquired with {@code ClusterPools.acquireLease}: it sends
 * the {@link LeaseWire.Acquire}, builds the {@link RemoteLeaseHandle} from the grant, sends the
 * lease's jobs straight to the granting entity, and ends the handle when the entity reports the
 * lease over ({@link LeaseWire.Ended}). When the node hosting a leased group is removed, on the
 * same {@code MemberRemoved} that fails accepted jobs, the lease is lost: its handle refuses new
 * jobs, its in-flight jobs fail with {@link GroupLostException}, and its holder actor receives
 * {@link LeaseLost}. Unless a holder is given, this actor is the core lease's holder, so the
 * lease is released when this node goes away.
 */
@InternalApi
public final class NodeAgent extends AbstractActorWithTimers {

  /** INTERNAL API. Track and send one job; local only, it carries the caller's future. */
  @InternalApi
  public record Track(ActorRef region, String key, RemoteJob job, Duration timeout,
      CompletableFuture<Object> result) implements NoSerializationVerificationNeeded {}

  /**
   * INTERNAL API. Track and send one job under a remote lease; local only. A null {@code timeout}
   * means none: the job ends with its outcome, the lease's end or the loss of its group.
   */
  @InternalApi
  public record TrackLeaseJob(RemoteLeaseHandle lease, RemoteJob job, Duration timeout,
      CompletableFuture<Object> result) implements NoSerializationVerificationNeeded {}

  /**
   * INTERNAL API. Acquire a lease on group {@code key} through {@code region}; local only. A null
   * holder in {@code request} makes this actor the holder.
   */
  @InternalApi
  public record Acquire(ActorRef region, String key, AcquireRemoteLease request,
      CompletableFuture<RemoteLeasedExecutor> result)
      implements NoSerializationVerificationNeeded {}

  private enum Tick {
    INSTANCE
  }

  /** No deadline: the job ends with its outcome or the loss of its group. */
  private static final long NO_DEADLINE = Long.MAX_VALUE;
  /** Added to an acquire's wait before it fails with a timeout: the grant's round trip. */
  private static final Duration ACQUIRE_MARGIN = Duration.ofSeconds(10);

  private static final class Pending {
    final String key;
    final CompletableFuture<Object> result;
    final long deadlineNanos;
    final LeaseKey lease;
    Address host;

    Pending(String key, CompletableFuture<Object> result, long deadlineNanos, LeaseKey lease) {
      this.key = key;
      this.result = result;
      this.deadlineNanos = deadlineNanos;
      this.lease = lease;
    }

    boolean overdue(long now) {
      return deadlineNanos != NO_DEADLINE && now - deadlineNanos >= 0;
    }
  }

  /** A lease is known by the entity that granted it and its id there. */
  private record LeaseKey(ActorRef entity, String leaseId) {}

  /** An acquire waiting for its grant. */
  private record Acquiring(String key, ActorRef holder,
      CompletableFuture<RemoteLeasedExecutor> result, long deadlineNanos) {}

  /** A granted lease; {@code holder} is null when this actor holds it. */
  private record Leased(RemoteLeaseHandle handle, ActorRef holder) {}

  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final Cluster cluster = Cluster.get(getContext().getSystem());
  private final Function<String, CompletionStage<ClusterPoolStatus>> status;
  private final Duration checkInterval;
  private final Map<Long, Pending> pending = new HashMap<>();
  private final Map<Long, Acquiring> acquiring = new HashMap<>();
  private final Map<LeaseKey, Leased> leases = new HashMap<>();
  private long nextId;

  private NodeAgent(
      Function<String, CompletionStage<ClusterPoolStatus>> status, Duration checkInterval) {
    this.status = status;
    this.checkInterval = checkInterval;
  }

  /** INTERNAL API. */
  public static Props props(
      Function<String, CompletionStage<ClusterPoolStatus>> status, Duration checkInterval) {
    return Props.create(NodeAgent.class, () -> new NodeAgent(status, checkInterval));
  }

  @Override
  public void preStart() {
    cluster.subscribe(getSelf(), ClusterEvent.initialStateAsEvents(),
        ClusterEvent.MemberRemoved.class);
    getTimers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, checkInterval);
  }

  @Override
  public void postStop() {
    cluster.unsubscribe(getSelf());
    RuntimeException stopped = new IllegalStateException(
        "the cluster pools of " + cluster.selfAddress() + " stopped before the job ended");
    pending.values().forEach(p -> p.result.completeExceptionally(stopped));
    acquiring.values().forEach(a -> a.result().completeExceptionally(stopped));
    leases.values().forEach(l -> l.handle().end(stopped));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Track.class, this::track)
        .match(TrackLeaseJob.class, this::trackLeaseJob)
        .match(JobWire.Accepted.class, this::onAccepted)
        .match(JobWire.Outcome.class, this::onOutcome)
        .match(Acquire.class, this::acquire)
        .match(LeaseWire.Granted.class, this::onGranted)
        .match(LeaseWire.Refused.class, this::onRefused)
        .match(LeaseWire.Ended.class, this::onEnded)
        // As the default holder: the entity's Ended notice is what ends the handle.
        .match(LeaseExpiring.class, e -> log.debug("lease {} expiring", e.leaseId()))
        .match(LeaseRevoked.class, r -> log.debug("lease {} revoked", r.leaseId()))
        // Answers to the release of a grant that came after its acquire had timed out.
        .match(org.apache.pekko.Done.class, d -> { })
        .match(Status.Failure.class, f -> log.debug("late lease release: {}", f.cause()))
        .match(ClusterEvent.MemberRemoved.class, this::onRemoved)
        .matchEquals(Tick.INSTANCE, t -> expire())
        .match(GetClusterPoolStatus.class, g ->
            Patterns.pipe(status.apply(g.typeName()), getContext().getDispatcher())
                .to(getSender()))
        .build();
  }

  private void track(Track t) {
    long id = ++nextId;
    pending.put(id, new Pending(t.key(), t.result(), System.nanoTime() + t.timeout().toNanos(),
        null));
    t.region().tell(new PoolEnvelope(t.key(),
        new JobWire.Tracked(id, t.job(), t.timeout().toMillis(), null)), getSelf());
  }

  private void trackLeaseJob(TrackLeaseJob t) {
    RemoteLeaseHandle handle = t.lease();
    LeaseKey key = new LeaseKey(handle.entity(), handle.leaseId());
    if (!leases.containsKey(key)) {
      // Ended after the handle let the job through; the entity may be gone, so answer here.
      t.result().completeExceptionally(handle.refusal() != null ? handle.refusal()
          : new LeaseReleasedException("lease " + handle.leaseId() + " has ended"));
      return;
    }
    long id = ++nextId;
    long deadline = t.timeout() == null ? NO_DEADLINE : System.nanoTime() + t.timeout().toNanos();
    Pending p = new Pending(handle.key(), t.result(), deadline, key);
    // The lease lives on a known node: the job is lost with it even before it is accepted.
    p.host = handle.node();
    pending.put(id, p);
    handle.entity().tell(new JobWire.Tracked(id, t.job(), 0L, handle.leaseId()), getSelf());
  }

  private void onAccepted(JobWire.Accepted accepted) {
    Pending p = pending.get(accepted.id());
    if (p != null) {
      p.host = hostOf(getSender());
    }
  }

  private Address hostOf(ActorRef ref) {
    Address host = ref.path().address();
    return host.hasGlobalScope() ? host : cluster.selfAddress();
  }

  private void onOutcome(JobWire.Outcome outcome) {
    Pending p = pending.remove(outcome.id());
    if (p == null) {
      log.debug("dropping the late outcome of job {}, which already ended", outcome.id());
    } else if (outcome.failure() == null) {
      p.result.complete(outcome.result());
    } else {
      p.result.completeExceptionally((Throwable) outcome.failure());
    }
  }

  /* ---------------- Leases ---------------- */

  private void acquire(Acquire a) {
    long id = ++nextId;
    AcquireRemoteLease request = a.request();
    ActorRef holder = request.holder();
    if (holder == null) {
      request = new AcquireRemoteLease(request.leaseFor(), request.waitUpTo(), getSelf());
    }
    long deadline = System.nanoTime() + request.waitUpTo().plus(ACQUIRE_MARGIN).toNanos();
    acquiring.put(id, new Acquiring(a.key(), holder, a.result(), deadline));
    a.region().tell(new PoolEnvelope(a.key(), new LeaseWire.Acquire(id, request)), getSelf());
  }

  private void onGranted(LeaseWire.Granted g) {
    Acquiring a = acquiring.remove(g.requestId());
    if (a == null) {
      log.warning("releasing lease {} of pool group [{}]: it was granted after its acquire timed"
          + " out", g.granted().leaseId(), g.granted().key());
      g.granted().entity().tell(new ReleaseLease(g.granted().leaseId()), getSelf());
      return;
    }
    RemoteLeaseHandle handle =
        new RemoteLeaseHandle(getSelf(), g.granted(), hostOf(g.granted().entity()));
    leases.put(new LeaseKey(handle.entity(), handle.leaseId()), new Leased(handle, a.holder()));
    a.result().complete(handle);
  }

  private void onRefused(LeaseWire.Refused r) {
    Acquiring a = acquiring.remove(r.requestId());
    if (a != null) {
      a.result().completeExceptionally((Throwable) r.failure());
    }
  }

  private void onEnded(LeaseWire.Ended ended) {
    Leased l = leases.remove(new LeaseKey(getSender(), ended.leaseId()));
    if (l == null) {
      return;
    }
    RemoteLeaseHandle h = l.handle();
    if (ended.lost()) {
      lose(l, ended.detail());
    } else if (ended.step().equals("REVOKED")) {
      h.end(new LeaseExpiredException("lease " + h.leaseId() + " on " + h.poolName()
          + " of pool group [" + h.key() + "] has expired"));
    } else {
      h.end(new LeaseReleasedException("lease " + h.leaseId() + " on " + h.poolName()
          + " of pool group [" + h.key() + "] was released (" + ended.detail() + ")"));
    }
  }

  /** The lease's group is gone: end the handle, fail its jobs, tell its holder. */
  private void lose(Leased l, String reason) {
    RemoteLeaseHandle h = l.handle();
    GroupLostException lost = new GroupLostException("lease " + h.leaseId() + " on pool group ["
        + h.key() + "] was lost: " + reason + "; its jobs in flight may have run in part or in"
        + " full");
    h.end(lost);
    LeaseKey key = new LeaseKey(h.entity(), h.leaseId());
    int failed = failPending(p -> key.equals(p.lease), p -> lost);
    log.warning("lease {} on pool group [{}] lost: {}; {} more jobs in flight failed with"
        + " GroupLostException", h.leaseId(), h.key(), reason, failed);
    if (l.holder() != null) {
      l.holder().tell(new LeaseLost(h.typeName(), h.key(), h.leaseId(), reason), getSelf());
    }
  }

  private void onRemoved(ClusterEvent.MemberRemoved removed) {
    Address gone = removed.member().address();
    int lost = failPending(p -> gone.equals(p.host), p -> new GroupLostException(
        "node " + gone + " hosting pool group [" + p.key + "] was removed from the cluster ("
            + removed.previousStatus() + " -> Removed) after accepting the job; it may have"
            + " run in part or in full"));
    if (lost > 0) {
      log.warning("{} accepted jobs failed back with GroupLostException: node {} was removed",
          lost, gone);
    }
    for (Iterator<Leased> it = leases.values().iterator(); it.hasNext(); ) {
      Leased l = it.next();
      if (gone.equals(l.handle().node())) {
        it.remove();
        lose(l, "node " + gone + " hosting it was removed from the cluster ("
            + removed.previousStatus() + " -> Removed)");
      }
    }
  }

  /** Ends every pending job that {@code which} selects with {@code why}; returns how many. */
  private int failPending(Predicate<Pending> which, Function<Pending, Throwable> why) {
    int failed = 0;
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (which.test(p)) {
        it.remove();
        failed++;
        p.result.completeExceptionally(why.apply(p));
      }
    }
    return failed;
  }

  private void expire() {
    long now = System.nanoTime();
    failPending(p -> p.overdue(now), p -> new AskTimeoutException(
        "job for pool group [" + p.key + "] did not end in time ("
            + (p.host == null ? "never accepted" : "accepted by " + p.host) + ")"));
    for (Iterator<Acquiring> it = acquiring.values().iterator(); it.hasNext(); ) {
      Acquiring a = it.next();
      if (now - a.deadlineNanos() >= 0) {
        it.remove();
        a.result().completeExceptionally(new AskTimeoutException(
            "lease on pool group [" + a.key() + "] was neither granted nor refused in time"));
      }
    }
  }
}
