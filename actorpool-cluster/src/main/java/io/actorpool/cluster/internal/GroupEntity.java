package io.actorpool.cluster.internal;

import io.actorpool.AcquireLease;
import io.actorpool.LeaseException;
import io.actorpool.LeaseGranted;
import io.actorpool.LeasedExecutor;
import io.actorpool.PoolEvent;
import io.actorpool.PoolSettings;
import io.actorpool.PoolSupervisor;
import io.actorpool.Submit;
import io.actorpool.UnknownLeaseException;
import io.actorpool.cluster.AcquireRemoteLease;
import io.actorpool.cluster.JobHandler;
import io.actorpool.cluster.RemoteJob;
import io.actorpool.cluster.RemoteJobException;
import io.actorpool.cluster.RemoteLeaseGranted;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.pattern.Patterns;

/**
 * INTERNAL API.
 *
 * <p>The sharded entity of one pool group. It owns the group's {@code PoolSupervisor} as its only
 * child (named after the group, so the supervisor's logs and events name it) and is a thin
 * translator in front of it: protocol messages are forwarded untouched, so replies go straight
 * from the supervisor to the original sender; a {@link RemoteJob} becomes a local {@code Submit}
 * of its registered handler; a tracked job is acknowledged first and its outcome is reported with
 * its id.
 *
 * <p>Remote leases: an {@link AcquireRemoteLease} becomes a core {@code AcquireLease} with the
 * remote holder as its holder, so the core watches it; the entity keeps the local {@code
 * LeasedExecutor} of each lease it granted, runs the lease's tracked jobs through it, and tells
 * the acquiring node's tracker when the lease ends (from the supervisor's {@code LeaseChanged}
 * events) or is lost with the entity itself.
 *
 * <p>A wrapper rather than the supervisor itself as the entity, because job types are resolved on
 * the hosting node and the core supervisor has no notion of them.
 */
@InternalApi
public final class GroupEntity extends AbstractActor {

  /** How many ended leases are kept, so a late job gets its lease's own failure. */
  private static final int ENDED_LEASES_KEPT = 256;
  /** Added to an acquire's wait for the supervisor's answer, which comes by the wait's end. */
  private static final Duration ACQUIRE_MARGIN = Duration.ofSeconds(30);

  /** The supervisor's answer to an acquire; {@code requestId} is null for a plain request. */
  private record LeaseReply(Object granted, Throwable failure, ActorRef replyTo, Long requestId)
      implements NoSerializationVerificationNeeded {}

  /** A lease this entity granted; {@code tracker} is told when it ends, if not null. */
  private record Active(LeasedExecutor executor, ActorRef tracker) {}

  private final String typeName;
  private final String key;
  private final JobRegistry registry;
  private final Duration grace;
  private final ActorRef supervisor;
  private final String supervisorPath;
  private final String node;
  private final Map<String, Active> leases = new HashMap<>();
  private final Map<String, LeasedExecutor> endedLeases =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LeasedExecutor> eldest) {
          return size() > ENDED_LEASES_KEPT;
        }
      };

  private GroupEntity(String typeName, PoolSettings settings, JobRegistry registry) {
    this.typeName = typeName;
    this.key = URLDecoder.decode(getSelf().path().name(), StandardCharsets.UTF_8);
    this.registry = registry;
    this.grace = settings.lease().grace();
    this.supervisor =
        getContext().actorOf(PoolSupervisor.props(settings), getSelf().path().name());
    this.supervisorPath = supervisor.path().toStringWithoutAddress();
    this.node = Cluster.get(getContext().getSystem()).selfAddress().toString();
  }

  /** INTERNAL API. The entity of one group of {@code typeName} with {@code settings}. */
  public static Props props(String typeName, PoolSettings settings, JobRegistry registry) {
    return Props.create(GroupEntity.class, () -> new GroupEntity(typeName, settings, registry));
  }

  @Override
  public void postStop() {
    getContext().getSystem().getEventStream().unsubscribe(getSelf());
    // The supervisor, a child, has stopped and revoked its leases: they are lost with the group.
    leases.forEach((id, lease) -> notifyEnded(id, lease, LeaseWire.Ended.LOST,
        "pool group [" + key + "] stopped on " + node + " (it moved, or its node is shutting"
            + " down)"));
    leases.clear();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(JobWire.Tracked.class, this::runTracked)
        .match(RemoteJob.class, this::runUntracked)
        .match(LeaseWire.Acquire.class, a -> acquire(a.request(), a.requestId()))
        .match(AcquireRemoteLease.class, a -> acquire(a, null))
        .match(LeaseReply.class, this::onLeaseReply)
        .match(PoolEvent.LeaseChanged.class, this::onLeaseChanged)
        .match(Submit.class, s -> getSender().tell(new Status.Failure(
            new RemoteJobException("a Submit cannot reach a cluster pool group; send a RemoteJob")),
            getSelf()))
        .matchAny(msg -> supervisor.forward(msg, getContext()))
        .build();
  }

  /* ---------------- Jobs ---------------- */

  private void runUntracked(RemoteJob job) {
    JobHandler<Object> handler;
    try {
      handler = registry.handler(job.type(), node);
    } catch (RemoteJobException e) {
      getSender().tell(new Status.Failure(e), getSelf());
      return;
    }
    // The handler's own exception may not be serializable; its class and message always are.
    Callable<Object> call = () -> {
      try {
        return handler.handle(job.payload());
      } catch (Exception e) {
        throw new RemoteJobException(JobRegistry.describe(e));
      }
    };
    supervisor.forward(new Submit(call), getContext());
  }

  private void runTracked(JobWire.Tracked tracked) {
    ActorRef replyTo = getSender();
    ActorRef self = getSelf();
    long id = tracked.id();
    JobHandler<Object> handler;
    try {
      handler = registry.handler(tracked.job().type(), node);
    } catch (RemoteJobException e) {
      replyTo.tell(JobWire.Outcome.failure(id, e), self);
      return;
    }
    replyTo.tell(new JobWire.Accepted(id), self);
    Object payload = tracked.job().payload();
    Callable<Object> call = () -> handler.handle(payload);
    CompletionStage<Object> run;
    if (tracked.leaseId() != null) {
      run = runLeased(tracked.leaseId(), call);
    } else {
      Duration timeout = Duration.ofMillis(Math.max(1, tracked.timeoutMillis()));
      // The ask keeps the job id next to its outcome, rejections from the queue included.
      run = Patterns.ask(supervisor, new Submit(call), timeout);
    }
    run.handle((result, error) -> error == null
            ? JobWire.Outcome.success(id, result instanceof Done ? null : result)
            : JobWire.Outcome.failure(id, wireFailure(error)))
        .thenAccept(outcome -> replyTo.tell(outcome, self));
  }

  /** Runs {@code call} through the local executor of lease {@code leaseId}, ended or not. */
  private CompletionStage<Object> runLeased(String leaseId, Callable<Object> call) {
    Active active = leases.get(leaseId);
    LeasedExecutor executor = active != null ? active.executor() : endedLeases.get(leaseId);
    if (executor == null) {
      return CompletableFuture.failedFuture(new UnknownLeaseException("pool group [" + key
          + "] on " + node + " has no lease [" + leaseId + "]: it ended long ago, or was granted"
          + " by an earlier incarnation of the group"));
    }
    // An ended lease's executor fails the job with the lease's own exception.
    return executor.submit(call);
  }

  /** A lease's own failures keep their type; anything else crosses as its class and message. */
  private static RuntimeException wireFailure(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof LeaseException lease ? lease
        : new RemoteJobException(JobRegistry.describe(cause));
  }

  /* ---------------- Leases ---------------- */

  private void acquire(AcquireRemoteLease request, Long requestId) {
    ActorRef replyTo = getSender();
    ActorRef holder = request.holder() != null ? request.holder()
        : isWatchable(replyTo) ? replyTo : null;
    ActorRef self = getSelf();
    // A null holder leaves the ask's temporary actor as the sender, which the core never watches.
    Patterns.ask(supervisor, new AcquireLease(request.leaseFor(), request.waitUpTo(), holder),
            request.waitUpTo().plus(ACQUIRE_MARGIN))
        .whenComplete((granted, failure) -> self.tell(
            new LeaseReply(granted, failure, replyTo, requestId), ActorRef.noSender()));
  }

  /** An ask's temporary actor stops with its reply: it cannot hold a lease. */
  private boolean isWatchable(ActorRef ref) {
    return ref != null && !ref.equals(ActorRef.noSender())
        && !ref.equals(getContext().getSystem().deadLetters())
        && !ref.path().getElements().iterator().next().equals("temp");
  }

  private void onLeaseReply(LeaseReply r) {
    if (r.failure() != null || !(r.granted() instanceof LeaseGranted g)) {
      RuntimeException failure = r.failure() != null ? wireFailure(r.failure())
          : new RemoteJobException("unexpected reply to AcquireLease: " + r.granted());
      r.replyTo().tell(r.requestId() != null ? new LeaseWire.Refused(r.requestId(), failure)
          : new Status.Failure(failure), getSelf());
      return;
    }
    LeasedExecutor executor = g.executor();
    Duration left = executor.timeLeft();
    RemoteLeaseGranted granted = new RemoteLeaseGranted(typeName, key, executor.leaseId(),
        executor.poolName(), getSelf(), left, left.plus(grace));
    r.replyTo().tell(r.requestId() != null ? new LeaseWire.Granted(r.requestId(), granted)
        : granted, getSelf());
    if (leases.isEmpty()) {
      // Only while it holds leases: every supervisor on the node publishes on the same stream.
      getContext().getSystem().getEventStream().subscribe(getSelf(), PoolEvent.LeaseChanged.class);
    }
    Active active = new Active(executor, r.requestId() != null ? r.replyTo() : null);
    leases.put(executor.leaseId(), active);
    if (!executor.isActive()) {
      // Its holder died before the grant got here; the end event may have gone by already.
      endLease(executor.leaseId(), "RELEASED", "ended before the grant reached its holder");
    }
  }

  private void onLeaseChanged(PoolEvent.LeaseChanged changed) {
    if (!changed.supervisor().equals(supervisorPath)) {
      return;
    }
    switch (changed.step()) {
      case RELEASED, HOLDER_STOPPED, REVOKED ->
          endLease(changed.leaseId(), changed.step().name(), changed.detail());
      default -> { }
    }
  }

  private void endLease(String leaseId, String step, String detail) {
    Active lease = leases.remove(leaseId);
    if (lease == null) {
      return;
    }
    endedLeases.put(leaseId, lease.executor());
    notifyEnded(leaseId, lease, step, detail);
    if (leases.isEmpty()) {
      getContext().getSystem().getEventStream().unsubscribe(getSelf());
    }
  }

  private void notifyEnded(String leaseId, Active lease, String step, String detail) {
    if (lease.tracker() != null) {
      lease.tracker().tell(new LeaseWire.Ended(leaseId, step, detail), getSelf());
    }
  }
}
