package io.actorpool.internal;

import io.actorpool.JobRejectedException;
import io.actorpool.LeaseExpiredException;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.Props;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;

/**
 * INTERNAL API.
 *
 * <p>The actor that owns one pool's {@link PoolRuntime}: it shuts the executor down when told to
 * drain or to revoke, watches a revoked pool's threads, and shuts the executor down whenever it
 * stops for good, so no worker thread outlives it unnoticed.
 *
 * <p>Jobs do not pass through this actor: the supervisor and lease handles give them to the
 * runtime directly, which keeps a job's path one hop long. If this actor fails it is restarted and
 * keeps the same runtime, so running jobs are not lost (the runtime comes from {@link Props}, not
 * from the instance).
 */
@InternalApi
public final class ExecutorPool extends AbstractActorWithTimers {

  /** Finish running and queued work, accept nothing new, then let the threads end. */
  enum Drain {
    INSTANCE
  }

  /**
   * A lease's hard expiry: fail queued work, interrupt running work, and report the pool as stuck
   * if its threads are still alive after {@code revokeTimeout}.
   */
  record Revoke(String leaseId, Duration revokeTimeout) {}

  /** Told to the parent when this actor is restarted after a failure. */
  record Restarted(Throwable cause) {}

  /** Told to the parent when a revoked pool's threads outlive the revoke timeout. */
  record Stuck(int liveThreads, Duration after) {}

  private enum StuckCheck {
    INSTANCE
  }

  private final PoolRuntime runtime;
  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private Duration revokeTimeout = Duration.ZERO;

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
        .match(Revoke.class, this::revoke)
        .matchEquals(StuckCheck.INSTANCE, c -> {
          if (!runtime.isTerminated()) {
            getContext().getParent().tell(
                new Stuck(runtime.liveWorkers(), revokeTimeout), getSelf());
          }
        })
        .build();
  }

  private void revoke(Revoke revoke) {
    revokeTimeout = revoke.revokeTimeout();
    PoolTask.rejectAll(runtime.shutdownNow(), new LeaseExpiredException(
        "lease " + revoke.leaseId() + " expired before this job started"));
    getTimers().startSingleTimer(StuckCheck.INSTANCE, StuckCheck.INSTANCE, revokeTimeout);
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
      // jobs rather than leave threads running for nobody, and fail what never started.
      PoolTask.rejectAll(runtime.shutdownNow(),
          new JobRejectedException(runtime.name() + " stopped before this job started"));
    }
  }
}
