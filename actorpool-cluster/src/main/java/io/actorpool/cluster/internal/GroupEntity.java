package io.actorpool.cluster.internal;

import io.actorpool.PoolSettings;
import io.actorpool.PoolSupervisor;
import io.actorpool.Submit;
import io.actorpool.cluster.JobHandler;
import io.actorpool.cluster.RemoteJob;
import io.actorpool.cluster.RemoteJobException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
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
 * <p>A wrapper rather than the supervisor itself as the entity, because job types are resolved on
 * the hosting node and the core supervisor has no notion of them.
 */
@InternalApi
public final class GroupEntity extends AbstractActor {

  private final JobRegistry registry;
  private final ActorRef supervisor;
  private final String node;

  private GroupEntity(PoolSettings settings, JobRegistry registry) {
    this.registry = registry;
    this.supervisor =
        getContext().actorOf(PoolSupervisor.props(settings), getSelf().path().name());
    this.node = Cluster.get(getContext().getSystem()).selfAddress().toString();
  }

  /** INTERNAL API. The entity of one group with {@code settings}. */
  public static Props props(PoolSettings settings, JobRegistry registry) {
    return Props.create(GroupEntity.class, () -> new GroupEntity(settings, registry));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(JobWire.Tracked.class, this::runTracked)
        .match(RemoteJob.class, this::runUntracked)
        .match(Submit.class, s -> getSender().tell(new Status.Failure(
            new RemoteJobException("a Submit cannot reach a cluster pool group; send a RemoteJob")),
            getSelf()))
        .matchAny(msg -> supervisor.forward(msg, getContext()))
        .build();
  }

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
      replyTo.tell(JobWire.Outcome.failure(id, e.getMessage()), self);
      return;
    }
    replyTo.tell(new JobWire.Accepted(id), self);
    Object payload = tracked.job().payload();
    Callable<Object> call = () -> handler.handle(payload);
    Duration timeout = Duration.ofMillis(Math.max(1, tracked.timeoutMillis()));
    // The ask keeps the job id next to its outcome, rejections from the queue included.
    Patterns.ask(supervisor, new Submit(call), timeout)
        .handle((result, error) -> error == null
            ? JobWire.Outcome.success(id, result instanceof Done ? null : result)
            : JobWire.Outcome.failure(id, JobRegistry.describe(error)))
        .thenAccept(outcome -> replyTo.tell(outcome, self));
  }
}
