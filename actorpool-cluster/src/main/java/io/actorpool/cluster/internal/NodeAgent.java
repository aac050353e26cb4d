package io.actorpool.cluster.internal;

import io.actorpool.cluster.ClusterPoolStatus;
import io.actorpool.cluster.GetClusterPoolStatus;
import io.actorpool.cluster.GroupLostException;
import io.actorpool.cluster.PoolEnvelope;
import io.actorpool.cluster.RemoteJob;
import io.actorpool.cluster.RemoteJobException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.Props;
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
 */
@InternalApi
public final class NodeAgent extends AbstractActorWithTimers {

  /** INTERNAL API. Track and send one job; local only, it carries the caller's future. */
  @InternalApi
  public record Track(ActorRef region, String key, RemoteJob job, Duration timeout,
      CompletableFuture<Object> result) implements NoSerializationVerificationNeeded {}

  private enum Tick {
    INSTANCE
  }

  private static final class Pending {
    final String key;
    final CompletableFuture<Object> result;
    final long deadlineNanos;
    Address host;

    Pending(String key, CompletableFuture<Object> result, long deadlineNanos) {
      this.key = key;
      this.result = result;
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final Cluster cluster = Cluster.get(getContext().getSystem());
  private final Function<String, CompletionStage<ClusterPoolStatus>> status;
  private final Duration checkInterval;
  private final Map<Long, Pending> pending = new HashMap<>();
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
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Track.class, this::track)
        .match(JobWire.Accepted.class, this::onAccepted)
        .match(JobWire.Outcome.class, this::onOutcome)
        .match(ClusterEvent.MemberRemoved.class, this::onRemoved)
        .matchEquals(Tick.INSTANCE, t -> expire())
        .match(GetClusterPoolStatus.class, g ->
            Patterns.pipe(status.apply(g.typeName()), getContext().getDispatcher())
                .to(getSender()))
        .build();
  }

  private void track(Track t) {
    long id = ++nextId;
    pending.put(id, new Pending(t.key(), t.result(), System.nanoTime() + t.timeout().toNanos()));
    t.region().tell(
        new PoolEnvelope(t.key(), new JobWire.Tracked(id, t.job(), t.timeout().toMillis())),
        getSelf());
  }

  private void onAccepted(JobWire.Accepted accepted) {
    Pending p = pending.get(accepted.id());
    if (p != null) {
      Address host = getSender().path().address();
      p.host = host.hasGlobalScope() ? host : cluster.selfAddress();
    }
  }

  private void onOutcome(JobWire.Outcome outcome) {
    Pending p = pending.remove(outcome.id());
    if (p == null) {
      log.debug("dropping the late outcome of job {}, which already ended", outcome.id());
    } else if (outcome.error() == null) {
      p.result.complete(outcome.result());
    } else {
      p.result.completeExceptionally(new RemoteJobException(outcome.error()));
    }
  }

  private void onRemoved(ClusterEvent.MemberRemoved removed) {
    Address gone = removed.member().address();
    int lost = 0;
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (gone.equals(p.host)) {
        it.remove();
        lost++;
        p.result.completeExceptionally(new GroupLostException(
            "node " + gone + " hosting pool group [" + p.key + "] was removed from the cluster ("
                + removed.previousStatus() + " -> Removed) after accepting the job; it may have"
                + " run in part or in full"));
      }
    }
    if (lost > 0) {
      log.warning("{} accepted jobs failed back with GroupLostException: node {} was removed",
          lost, gone);
    }
  }

  private void expire() {
    long now = System.nanoTime();
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (now - p.deadlineNanos >= 0) {
        it.remove();
        p.result.completeExceptionally(new AskTimeoutException(
            "job for pool group [" + p.key + "] did not end in time ("
                + (p.host == null ? "never accepted" : "accepted by " + p.host) + ")"));
      }
    }
  }
}
