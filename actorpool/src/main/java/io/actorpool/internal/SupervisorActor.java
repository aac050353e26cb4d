package io.actorpool.internal;

import io.actorpool.AwaitSettled;
import io.actorpool.GetPoolStatus;
import io.actorpool.JobRejectedException;
import io.actorpool.PoolEvent;
import io.actorpool.PoolInfo;
import io.actorpool.PoolSettings;
import io.actorpool.PoolState;
import io.actorpool.PoolStatus;
import io.actorpool.ScaleChanged;
import io.actorpool.SignalFailureMode;
import io.actorpool.SizeProvider;
import io.actorpool.Submit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorInitializationException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.OneForOneStrategy;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.SupervisorStrategy;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.japi.pf.DeciderBuilder;

/**
 * INTERNAL API.
 *
 * <p>The actor behind {@link io.actorpool.PoolSupervisor}: sizing decisions, job routing and
 * queueing, pool lifecycle and status. Everything here runs inside the actor, one message at a
 * time, so the bookkeeping needs no locks; worker threads only ever talk to it by message.
 */
@InternalApi
public final class SupervisorActor extends AbstractActorWithTimers {

  /**
   * A pool's actor is restarted on failure (its executor survives, see {@link ExecutorPool}); one
   * that fails too often, or cannot start, is stopped and replaced.
   */
  private static final SupervisorStrategy STRATEGY =
      new OneForOneStrategy(
          10,
          Duration.ofMinutes(1),
          DeciderBuilder.match(ActorInitializationException.class, e -> SupervisorStrategy.stop())
              .matchAny(e -> SupervisorStrategy.restart())
              .build());

  /* ---------------- Private protocol ---------------- */

  private enum Tick {
    INSTANCE
  }

  private record JobDone(long poolId) {}

  private record ThreadsEnded(long poolId) {}

  private record Pending(Callable<?> job, ActorRef replyTo) {}

  /** What the supervisor knows of one pool. */
  private static final class PoolRecord {
    final long id;
    final String name;
    final PoolRuntime runtime;
    final ActorRef actor;
    final JobDone done;
    int running;
    boolean draining;
    boolean actorStopped;
    boolean threadsEnded;

    PoolRecord(long id, String name, PoolRuntime runtime, ActorRef actor) {
      this.id = id;
      this.name = name;
      this.runtime = runtime;
      this.actor = actor;
      this.done = new JobDone(id);
    }

    PoolState state() {
      if (draining) {
        return PoolState.DRAINING;
      }
      return running > 0 ? PoolState.BUSY : PoolState.IDLE;
    }
  }

  /* ---------------- State ---------------- */

  private final PoolSettings settings;
  private final SizeProvider sizeProvider;
  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final String name = getSelf().path().name();
  private final String path = getSelf().path().toStringWithoutAddress();

  private final Map<Long, PoolRecord> pools = new LinkedHashMap<>();
  private final Map<ActorRef, PoolRecord> poolsByActor = new HashMap<>();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<ActorRef> settledWaiters = new ArrayList<>();

  private int units;
  private int desired;
  private long poolSeq;
  /** The last signal failure reported, so a repeating failure is logged once. */
  private String lastSignalError;

  private SupervisorActor(PoolSettings settings, SizeProvider sizeProvider) {
    this.settings = settings;
    this.sizeProvider = sizeProvider;
  }

  /** INTERNAL API: use {@link io.actorpool.PoolSupervisor#props}. */
  public static Props props(PoolSettings settings, SizeProvider sizeProvider) {
    return Props.create(SupervisorActor.class, () -> new SupervisorActor(settings, sizeProvider));
  }

  @Override
  public SupervisorStrategy supervisorStrategy() {
    return STRATEGY;
  }

  @Override
  public void preStart() {
    log.info("{} starting: {}", name, settings);
    if (sizeProvider != null) {
      readSignal();
      getTimers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, settings.checkInterval());
    }
    reconcile("start");
  }

  @Override
  public void postStop() {
    JobRejectedException stopped = new JobRejectedException(name + " stopped before running it");
    for (Pending p : queue) {
      new Job(p.job(), p.replyTo(), getSelf(), null).reject(stopped);
    }
    queue.clear();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Submit.class, s -> submit(s.job(), getSender()))
        .match(JobDone.class, this::onJobDone)
        .match(ScaleChanged.class, this::onScaleChanged)
        .matchEquals(Tick.INSTANCE, t -> {
          readSignal();
          reconcile("check-interval");
        })
        .matchEquals(GetPoolStatus.INSTANCE, g -> getSender().tell(status(), getSelf()))
        .matchEquals(AwaitSettled.INSTANCE, this::onAwaitSettled)
        .match(ThreadsEnded.class, this::onThreadsEnded)
        .match(Terminated.class, this::onTerminated)
        .match(ExecutorPool.Restarted.class, this::onPoolRestarted)
        .build();
  }

  /* ---------------- Jobs ---------------- */

  private void submit(Callable<?> job, ActorRef replyTo) {
    PoolRecord pool = queue.isEmpty() ? leastBusy() : null;
    if (pool != null) {
      run(pool, job, replyTo);
    } else if (queue.size() < settings.maxQueuedJobs()) {
      queue.add(new Pending(job, replyTo));
    } else {
      replyTo.tell(
          new org.apache.pekko.actor.Status.Failure(
              new JobRejectedException(
                  name + " rejected a job: all " + workerSlots() + " workers are busy and "
                      + queue.size() + " jobs are queued (actor-pool.max-queued-jobs = "
                      + settings.maxQueuedJobs() + ")")),
          getSelf());
    }
  }

  private void run(PoolRecord pool, Callable<?> job, ActorRef replyTo) {
    pool.running++;
    Job task = new Job(job, replyTo, getSelf(), pool.done);
    try {
      pool.runtime.execute(task);
    } catch (RejectedExecutionException e) {
      pool.running--;
      task.reject(new JobRejectedException(pool.name + " is shutting down"));
    }
  }

  /** The open pool running the fewest jobs, oldest first on a tie; null when all are full. */
  private PoolRecord leastBusy() {
    PoolRecord best = null;
    int limit = settings.workersPerPool();
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.running < limit && (best == null || p.running < best.running)) {
        best = p;
        if (p.running == 0) {
          break;
        }
      }
    }
    return best;
  }

  private void onJobDone(JobDone done) {
    PoolRecord pool = pools.get(done.poolId());
    if (pool == null) {
      return;
    }
    pool.running--;
    // The freed worker is the natural place for the oldest waiting job.
    if (!queue.isEmpty() && !pool.draining) {
      Pending next = queue.poll();
      run(pool, next.job(), next.replyTo());
    }
  }

  private void dispatchQueued() {
    while (!queue.isEmpty()) {
      PoolRecord pool = leastBusy();
      if (pool == null) {
        return;
      }
      Pending next = queue.poll();
      run(pool, next.job(), next.replyTo());
    }
  }

  private int workerSlots() {
    int open = 0;
    for (PoolRecord p : pools.values()) {
      if (!p.draining) {
        open++;
      }
    }
    return open * settings.workersPerPool();
  }

  /* ---------------- Sizing ---------------- */

  private void onScaleChanged(ScaleChanged msg) {
    if (msg.isRecheck()) {
      if (sizeProvider != null) {
        readSignal();
      }
      reconcile("ScaleChanged(recheck)");
    } else {
      units = msg.units().getAsInt();
      reconcile("ScaleChanged(" + units + ")");
    }
  }

  private void readSignal() {
    int read;
    try {
      read = sizeProvider.units();
      if (read < 0) {
        throw new IllegalArgumentException("SizeProvider returned negative units [" + read + "]");
      }
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable t) {
      signalFailed(t);
      return;
    }
    units = read;
    if (lastSignalError != null) {
      lastSignalError = null;
      log.info("{} size signal works again: {} units", name, units);
      publish(new PoolEvent.SignalRecovered(path, units));
    }
  }

  private void signalFailed(Throwable t) {
    if (settings.onSignalFailure() == SignalFailureMode.ZERO) {
      units = 0;
    }
    String error = t.getClass().getName() + ": " + t.getMessage();
    if (!error.equals(lastSignalError)) {
      lastSignalError = error;
      log.warning(
          "{} size signal failed; using {} units (on-signal-failure = {}): {}",
          name, units, settings.onSignalFailure().configName(), error);
      publish(new PoolEvent.SignalFailed(path, error, units));
    }
  }

  /** Moves the pools towards the target: start what is missing, stop or drain the surplus. */
  private void reconcile(String reason) {
    int target = settings.desiredPools(units);
    if (target != desired) {
      log.info("{} target {} -> {} pools ({})", name, desired, target, "units " + units + "; " + reason);
      publish(new PoolEvent.TargetChanged(path, units, desired, target, reason));
      desired = target;
    }
    int open = 0;
    for (PoolRecord p : pools.values()) {
      if (!p.draining) {
        open++;
      }
    }
    // Draining pools still hold threads, so they count against max-pools until they are gone.
    while (open < desired && pools.size() < settings.maxPools()) {
      startPool();
      open++;
    }
    if (open > desired) {
      shrink(open - desired);
    }
    dispatchQueued();
    answerSettledWaiters();
  }

  private void shrink(int surplus) {
    List<PoolRecord> candidates = new ArrayList<>();
    for (PoolRecord p : pools.values()) {
      if (!p.draining) {
        candidates.add(p);
      }
    }
    // Idle pools first; among equals the newest, so the oldest (warmest) pools stay.
    candidates.sort(
        Comparator.<PoolRecord>comparingInt(p -> p.running)
            .thenComparing(p -> p.id, Comparator.reverseOrder()));
    for (int i = 0; i < surplus && i < candidates.size(); i++) {
      drain(candidates.get(i), "above target " + desired);
    }
  }

  private void startPool() {
    long id = ++poolSeq;
    String poolName = "pool-" + id;
    PoolRuntime runtime = new PoolRuntime(name + "-" + poolName, settings.workersPerPool());
    ActorRef actor = getContext().actorOf(ExecutorPool.props(runtime), poolName);
    getContext().watch(actor);
    PoolRecord record = new PoolRecord(id, poolName, runtime, actor);
    pools.put(id, record);
    poolsByActor.put(actor, record);
    ActorRef self = getSelf();
    runtime.terminated().thenRun(() -> self.tell(new ThreadsEnded(id), ActorRef.noSender()));
    log.debug("{} started {}", name, poolName);
    publish(new PoolEvent.PoolStarted(path, poolName));
  }

  private void drain(PoolRecord pool, String reason) {
    pool.draining = true;
    log.info("{} draining {} ({} running jobs; {})", name, pool.name, pool.running, reason);
    publish(new PoolEvent.PoolDraining(path, pool.name, pool.running, reason));
    pool.actor.tell(ExecutorPool.Drain.INSTANCE, getSelf());
  }

  /* ---------------- Pool lifecycle ---------------- */

  private void onThreadsEnded(ThreadsEnded ended) {
    PoolRecord pool = pools.get(ended.poolId());
    if (pool == null) {
      return;
    }
    pool.threadsEnded = true;
    if (pool.actorStopped) {
      remove(pool);
    } else {
      getContext().stop(pool.actor);
    }
  }

  private void onTerminated(Terminated t) {
    PoolRecord pool = poolsByActor.get(t.getActor());
    if (pool == null) {
      return;
    }
    pool.actorStopped = true;
    if (pool.threadsEnded) {
      remove(pool);
      return;
    }
    if (!pool.draining) {
      // Stopped for good by the supervision strategy. Its postStop interrupted the jobs; the
      // pool keeps counting against max-pools until its threads have really ended.
      pool.draining = true;
      log.warning("{} lost {}; its {} jobs were interrupted and it is replaced",
          name, pool.name, pool.running);
      publish(new PoolEvent.PoolCrashed(path, pool.name, "stopped by supervision"));
      reconcile(pool.name + " lost");
    }
  }

  private void onPoolRestarted(ExecutorPool.Restarted restarted) {
    PoolRecord pool = poolsByActor.get(getSender());
    if (pool != null) {
      publish(new PoolEvent.PoolCrashed(path, pool.name, restarted.cause().toString()));
    }
  }

  private void remove(PoolRecord pool) {
    pools.remove(pool.id);
    poolsByActor.remove(pool.actor);
    log.debug("{} stopped {}", name, pool.name);
    publish(new PoolEvent.PoolStopped(path, pool.name));
    reconcile(pool.name + " stopped");
  }

  /* ---------------- Status ---------------- */

  private void onAwaitSettled(AwaitSettled msg) {
    PoolStatus status = status();
    if (status.settled()) {
      getSender().tell(status, getSelf());
    } else {
      settledWaiters.add(getSender());
    }
  }

  private void answerSettledWaiters() {
    if (settledWaiters.isEmpty()) {
      return;
    }
    PoolStatus status = status();
    if (status.settled()) {
      for (ActorRef waiter : settledWaiters) {
        waiter.tell(status, getSelf());
      }
      settledWaiters.clear();
    }
  }

  private PoolStatus status() {
    int idle = 0;
    int busy = 0;
    int draining = 0;
    int running = 0;
    List<PoolInfo> infos = new ArrayList<>(pools.size());
    for (PoolRecord p : pools.values()) {
      PoolState state = p.state();
      switch (state) {
        case IDLE -> idle++;
        case BUSY -> busy++;
        case DRAINING -> draining++;
        case LEASED -> { }
      }
      running += p.running;
      infos.add(new PoolInfo(p.name, state, p.running));
    }
    return new PoolStatus(desired, pools.size(), idle, 0, busy, draining, queue.size(), units,
        running, settings.minPools(), settings.maxPools(), settings.workersPerPool(), infos);
  }

  private void publish(PoolEvent event) {
    getContext().getSystem().getEventStream().publish(event);
  }
}
