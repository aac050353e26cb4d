package io.actorpool.internal;

import java.util.Optional;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.Props;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;

/**
 * INTERNAL API.
 *
 * <p>The actor that owns one pool's {@link PoolRuntime}: it shuts the executor down when told to
 * drain, and whenever it stops for good, so no worker thread outlives it unnoticed.
 *
 * <p>Jobs do not pass through this actor: the supervisor hands them to the runtime directly, which
 * keeps a job's path one hop long. If this actor fails it is restarted and keeps the same runtime,
 * so running jobs are not lost (the runtime comes from {@link Props}, not from the instance).
 */
@InternalApi
public final class ExecutorPool extends AbstractActor {

  /** Finish running work, accept nothing new, then let the threads end. */
  enum Drain {
    INSTANCE
  }

  /** Told to the parent when this actor is restarted after a failure. */
  record Restarted(Throwable cause) {}

  private final PoolRuntime runtime;
  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);

  private ExecutorPool(PoolRuntime runtime) {
    this.runtime = runtime;
  }

  static Props props(PoolRuntime runtime) {
    return Props.create(ExecutorPool.class, () -> new ExecutorPool(runtime));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .matchEquals(Drain.INSTANCE, d -> runtime.shutdown())
        .build();
  }

  @Override
  public void preRestart(Throwable reason, Optional<Object> message) {
    // Deliberately not calling super: that would run postStop and shut the executor down.
    getContext().getParent().tell(new Restarted(reason), getSelf());
  }

  @Override
  public void postRestart(Throwable reason) {
    log.warning("{} restarted after {}; its jobs keep running", runtime.name(), reason.toString());
  }

  @Override
  public void postStop() {
    if (!runtime.isShutdown()) {
      // Stopped without draining (the supervisor or the system is going away): interrupt the
      // jobs rather than leave threads running for nobody.
      runtime.shutdownNow();
    }
  }
}
