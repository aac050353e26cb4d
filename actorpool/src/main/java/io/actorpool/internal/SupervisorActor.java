package io.actorpool.internal;

import io.actorpool.AcquireLease;
import io.actorpool.AwaitSettled;
import io.actorpool.GetPoolStatus;
import io.actorpool.JobRejectedException;
import io.actorpool.LeaseGranted;
import io.actorpool.LeaseInfo;
import io.actorpool.LeaseReleasedException;
import io.actorpool.LeaseRevoked;
import io.actorpool.LeaseUnavailableException;
import io.actorpool.PoolEvent;
import io.actorpool.PoolEvent.LeaseStep;
import io.actorpool.PoolInfo;
import io.actorpool.PoolSettings;
import io.actorpool.PoolState;
import io.actorpool.PoolStatus;
import io.actorpool.ReleaseLease;
import io.actorpool.RenewLease;
import io.actorpool.ScaleChanged;
import io.actorpool.SignalFailureMode;
import io.actorpool.SizeProvider;
import io.actorpool.Submit;
import io.actorpool.UnknownLeaseException;
import io.actorpool.KillWorkers;
import io.actorpool.StopGracefully;
import io.actorpool.UpdateSettings;
import io.actorpool.WorkerCrashedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorInitializationException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.OneForOneStrategy;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
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
 * queueing, the lease book, pool lifecycle and status. Everything here runs inside the actor, one
 * message at a time, so the bookkeeping needs no locks; worker threads and lease handles only talk
 * to it by message.
 */
@InternalApi
public final class SupervisorActor extends AbstractActorWithTimers {

  /**
   * A pool's or lease's actor is restarted on failure (a pool's executor survives, see {@link
   * ExecutorPool}); one that fails too often, or cannot start, is stopped.
   */
  private static final SupervisorStrategy STRATEGY =
      new OneForOneStrategy(
          10,
          Duration.ofMinutes(1),
          DeciderBuilder.match(ActorInitializationException.class, e -> SupervisorStrategy.stop())
              .matchAny(e -> SupervisorStrategy.restart())
              .build());

  /** How many ended lease ids are remembered, so a late release is answered, not refused. */
  private static final int ENDED_LEASES_KEPT = 1024;

  /* ---------------- Private protocol ---------------- */

  private enum Tick {
    INSTANCE
  }

  private record JobDone(long poolId) {}

  private record ThreadsEnded(long poolId) {}

  private record WaitExpired(long waiterId) {}

  private record JobTimedOut(Job job) {}

  /** An {@link AcquireLease} waiting for a free pool. */
  private record Waiter(long id, ActorRef replyTo, ActorRef holder, Duration leaseFor,
      Duration waitUpTo) {}

  /** What the supervisor knows of one active lease. */
  private static final class LeaseRecord {
    final LeaseState state;
    final PoolRecord pool;
    final ActorRef actor;
    final ActorRef holder;
    LeaseStep endStep = LeaseStep.RELEASED;

    LeaseRecord(LeaseState state, PoolRecord pool, ActorRef actor, ActorRef holder) {
      this.state = state;
      this.pool = pool;
      this.actor = actor;
      this.holder = holder;
    }

    String holderName() {
      return holder == null ? "unwatched" : holder.path().toString();
    }
  }

  /** What the supervisor knows of one pool. */
  private static final class PoolRecord {
    final long id;
    final String name;
    final PoolRuntime runtime;
    final ActorRef actor;
    final JobDone done;
    int running;
    LeaseRecord lease;
    boolean draining;
    String revokedLease;
    boolean stuck;
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
        return stuck ? PoolState.STUCK : PoolState.DRAINING;
      }
      if (lease != null) {
        return PoolState.LEASED;
      }
      return running > 0 ? PoolState.BUSY : PoolState.IDLE;
    }

    boolean isFree() {
      return !draining && lease == null && running == 0;
    }

    int runningJobs() {
      return lease != null ? lease.state.inFlight() : running;
    }
  }

  /* ---------------- State ---------------- */

  private PoolSettings settings;
  private final SizeProvider sizeProvider;
  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final String name = getSelf().path().name();
  private final String path = getSelf().path().toStringWithoutAddress();

  private final Map<Long, PoolRecord> pools = new LinkedHashMap<>();
  private final Map<ActorRef, PoolRecord> poolsByActor = new HashMap<>();
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private final List<ActorRef> settledWaiters = new ArrayList<>();

  private final Map<String, LeaseRecord> leases = new LinkedHashMap<>();
  private final Map<ActorRef, Set<String>> leasesByHolder = new HashMap<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private final Map<String, LeaseStep> endedLeases =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LeaseStep> eldest) {
          return size() > ENDED_LEASES_KEPT;
        }
      };

  private int units;
  private int desired;
  private long poolSeq;
  private long leaseSeq;
  private long waiterSeq;
  /** The last signal failure reported, so a repeating failure is logged once. */
  private String lastSignalError;
  /** Who asked for a graceful stop, once one is under way. */
  private final List<ActorRef> stopRequesters = new ArrayList<>();

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
    // The state line and the MXBean's view live in a child; a JMX failure is logged, not thrown.
    ObserverActor.startFor(getContext(), settings);
  }

  @Override
  public void postStop() {
    JobRejectedException stopped = new JobRejectedException(name + " stopped before running it");
    for (Job job : queue) {
      job.reject(stopped);
    }
    queue.clear();
    for (Waiter w : waiters) {
      w.replyTo().tell(new Status.Failure(
          new LeaseUnavailableException(name + " stopped before a pool was free")), getSelf());
    }
    waiters.clear();
    for (LeaseRecord l : leases.values()) {
      l.state.revoke();
      l.state.ended.complete(Done.getInstance());
    }
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Submit.class, this::submit)
        .match(SubmitTo.class, this::submit)
        .match(JobDone.class, this::onJobDone)
        .match(JobTimedOut.class, t -> {
          if (t.job().timeOut()) {
            queue.remove(t.job());
          }
        })
        .match(Job.Crashed.class, this::onJobCrashed)
        .match(UpdateSettings.class, this::onUpdateSettings)
        .matchEquals(StopGracefully.INSTANCE, s -> {
          if (stopRequesters.isEmpty()) {
            log.info("{} stopping gracefully: {} queued jobs, {} leases to finish", name,
                queue.size(), leases.size());
          }
          stopRequesters.add(getSender());
          reconcile("StopGracefully");
        })
        .matchEquals(KillWorkers.INSTANCE, k -> {
          log.info("{} killing the workers of {} pools", name, pools.size());
          pools.values().forEach(p -> p.runtime.killWorkers());
          getSender().tell(Done.getInstance(), getSelf());
        })
        .match(ScaleChanged.class, this::onScaleChanged)
        .matchEquals(Tick.INSTANCE, t -> {
          readSignal();
          reconcile("check-interval");
        })
        .matchEquals(GetPoolStatus.INSTANCE, g -> getSender().tell(status(), getSelf()))
        .matchEquals(AwaitSettled.INSTANCE, this::onAwaitSettled)
        .match(AcquireLease.class, this::onAcquireLease)
        .match(WaitExpired.class, this::onWaitExpired)
        .match(RenewLease.class, this::onRenewLease)
        .match(ReleaseLease.class, this::onReleaseLease)
        .match(LeaseState.Drained.class, this::onLeaseDrained)
        .match(Lease.HardExpired.class, this::onHardExpired)
        .match(ExecutorPool.Stuck.class, this::onPoolStuck)
        .match(ThreadsEnded.class, this::onThreadsEnded)
        .match(Terminated.class, this::onTerminated)
        .match(ExecutorPool.Restarted.class, this::onPoolRestarted)
        .build();
  }

  /* ---------------- Jobs ---------------- */

  private void submit(Submit submit) {
    Duration timeout = submit.timeout() != null ? submit.timeout()
        : settings.workers().jobTimeout().orElse(null);
    accept(new Job(submit.job(), getSender(), getSelf(), timeout));
  }

  private void submit(SubmitTo submit) {
    Duration timeout = submit.timeout() != null ? submit.timeout()
        : settings.workers().jobTimeout().orElse(null);
    accept(new Job(submit.job(), submit.result(), getSelf(), timeout));
  }

  private void accept(Job job) {
    if (!stopRequesters.isEmpty()) {
      job.fail(new JobRejectedException(name + " is stopping and takes no new jobs"));
      return;
    }
    PoolRecord pool = queue.isEmpty() ? leastBusy() : null;
    if (pool == null && queue.size() >= settings.maxQueuedJobs()) {
      job.fail(new JobRejectedException(
          name + " rejected a job: all " + workerSlots() + " workers are busy and "
              + queue.size() + " jobs are queued (actor-pool.max-queued-jobs = "
              + settings.maxQueuedJobs() + ")"));
      return;
    }
    if (job.timeout != null) {
      job.timer = getContext().getSystem().scheduler().scheduleOnce(job.timeout, getSelf(),
          new JobTimedOut(job), getContext().getDispatcher(), ActorRef.noSender());
    }
    if (pool != null) {
      run(pool, job);
    } else {
      queue.add(job);
    }
  }

  private void run(PoolRecord pool, Job job) {
    pool.running++;
    job.done = pool.done;
    try {
      pool.runtime.execute(job);
    } catch (RejectedExecutionException e) {
      // Answers the caller and books the job as done through the pool's done-message.
      job.reject(new JobRejectedException(pool.name + " is shutting down"));
    }
  }

  /** A job's worker died under it: run it again elsewhere, or give up on it. */
  private void onJobCrashed(Job.Crashed crashed) {
    Job job = crashed.job();
    String poolName = "?";
    if (crashed.poolDone() instanceof JobDone done) {
      PoolRecord pool = pools.get(done.poolId());
      if (pool != null) {
        pool.running--;
        poolName = pool.name;
      }
    }
    job.crashes++;
    boolean retry = job.crashes < settings.workers().maxJobCrashes();
    String cause = crashed.cause().toString();
    log.warning("{} a job crashed its worker on {} ({}): {}", name, poolName,
        job.crashes + " of " + settings.workers().maxJobCrashes() + " crashes allowed"
            + (retry ? "; retrying" : "; giving up"), cause);
    publish(new PoolEvent.JobCrashed(path, poolName, job.crashes, retry, cause));
    if (retry) {
      queue.addFirst(job);
    } else {
      job.fail(new WorkerCrashedException("job crashed its worker " + job.crashes
          + " times (actor-pool.workers.max-job-crashes = "
          + settings.workers().maxJobCrashes() + "); it is not retried again", job.crashes,
          crashed.cause()));
    }
    dispatchQueued();
  }

  /**
   * The open pool running the fewest jobs, oldest first on a tie; null when all are full, or
   * while leases wait: then pools are left to go idle so the oldest lease request is served.
   */
  private PoolRecord leastBusy() {
    if (!waiters.isEmpty()) {
      return null;
    }
    PoolRecord best = null;
    int limit = settings.workersPerPool();
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.lease == null && p.running < limit
          && (best == null || p.running < best.running)) {
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
    if (!stopRequesters.isEmpty()) {
      dispatchQueued();
      reconcile("stopping");
    } else if (!waiters.isEmpty()) {
      if (pool.isFree()) {
        serveWaiters();
      }
    } else if (!queue.isEmpty() && !pool.draining) {
      // The freed worker is the natural place for the oldest waiting job.
      run(pool, queue.poll());
    }
  }

  private void dispatchQueued() {
    while (!queue.isEmpty()) {
      PoolRecord pool = leastBusy();
      if (pool == null) {
        return;
      }
      run(pool, queue.poll());
    }
  }

  private int workerSlots() {
    int open = 0;
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.lease == null) {
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

  /**
   * Moves the pools towards the target: start what is missing, serve waiting leases, then stop or
   * drain the surplus, so a lease waiter gets a pool before an idle one is shut.
   */
  private void reconcile(String reason) {
    int target = settings.desiredPools(units);
    if (!stopRequesters.isEmpty() && queue.isEmpty()) {
      target = 0;
    }
    if (target != desired) {
      log.info("{} target {} -> {} pools ({})", name, desired, target,
          "units " + units + "; " + reason);
      publish(new PoolEvent.TargetChanged(path, units, desired, target, reason));
      desired = target;
    }
    int open = openPools();
    // Draining pools still hold threads, so they count against max-pools until they are gone.
    while (open < desired && pools.size() < settings.maxPools()) {
      startPool();
      open++;
    }
    serveWaiters();
    open = openPools();
    if (open > desired) {
      shrink(open - desired);
    }
    dispatchQueued();
    answerSettledWaiters();
    if (!stopRequesters.isEmpty() && pools.isEmpty() && queue.isEmpty() && leases.isEmpty()) {
      log.info("{} stopped gracefully", name);
      stopRequesters.forEach(r -> r.tell(Done.getInstance(), getSelf()));
      stopRequesters.clear();
      getContext().stop(getSelf());
    }
  }

  private int openPools() {
    int open = 0;
    for (PoolRecord p : pools.values()) {
      if (!p.draining) {
        open++;
      }
    }
    return open;
  }

  /** Stops idle pools above the target and drains busy ones; leased pools are never touched. */
  private void shrink(int surplus) {
    List<PoolRecord> candidates = new ArrayList<>();
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.lease == null) {
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

  private PoolRecord startPool() {
    long id = ++poolSeq;
    String poolName = "pool-" + id;
    PoolRuntime runtime = new ThreadPoolRuntime(name + "-" + poolName, settings.workersPerPool(),
        settings.workers(), workerListener(poolName));
    ActorRef actor = getContext().actorOf(ExecutorPool.props(runtime), poolName);
    getContext().watch(actor);
    PoolRecord record = new PoolRecord(id, poolName, runtime, actor);
    pools.put(id, record);
    poolsByActor.put(actor, record);
    ActorRef self = getSelf();
    runtime.terminated().thenRun(() -> self.tell(new ThreadsEnded(id), ActorRef.noSender()));
    log.debug("{} started {}", name, poolName);
    publish(new PoolEvent.PoolStarted(path, poolName));
    return record;
  }

  private WorkerListener workerListener(String poolName) {
    org.apache.pekko.event.EventStream events = getContext().getSystem().getEventStream();
    return (worker, reason, jobs) -> events.publish(new PoolEvent.WorkerStopped(path, poolName,
        worker, reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), jobs));
  }

  private void onUpdateSettings(UpdateSettings update) {
    PoolSettings previous = settings;
    try {
      settings = update.applyTo(previous);
    } catch (IllegalArgumentException refused) {
      log.warning("{} refused a settings update: {}", name, refused.getMessage());
      getSender().tell(new Status.Failure(refused), getSelf());
      return;
    }
    log.info("{} settings updated: {}", name, settings);
    if (settings.workersPerPool() != previous.workersPerPool()) {
      for (PoolRecord p : pools.values()) {
        if (!p.draining) {
          p.runtime.resize(settings.workersPerPool());
        }
      }
    }
    if (sizeProvider != null && !settings.checkInterval().equals(previous.checkInterval())) {
      getTimers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, settings.checkInterval());
    }
    reconcile("UpdateSettings");
    getSender().tell(Done.getInstance(), getSelf());
  }

  private void drain(PoolRecord pool, String reason) {
    pool.draining = true;
    log.info("{} draining {} ({} running jobs; {})", name, pool.name, pool.running, reason);
    publish(new PoolEvent.PoolDraining(path, pool.name, pool.running, reason));
    pool.actor.tell(ExecutorPool.Drain.INSTANCE, getSelf());
  }

  /* ---------------- Leases ---------------- */

  private void onAcquireLease(AcquireLease acquire) {
    ActorRef replyTo = getSender();
    Duration leaseFor = acquire.leaseFor();
    Duration waitUpTo = acquire.waitUpTo();
    String invalid = null;
    if (leaseFor.isZero() || leaseFor.isNegative()) {
      invalid = "AcquireLease leaseFor must be > 0, was: [" + leaseFor + "]";
    } else if (leaseFor.compareTo(settings.lease().maxTotal()) > 0) {
      invalid = "AcquireLease leaseFor must be <= actor-pool.lease.max-total, was: ["
          + leaseFor + "] > [" + settings.lease().maxTotal() + "]";
    } else if (waitUpTo.isNegative()) {
      invalid = "AcquireLease waitUpTo must be >= 0, was: [" + waitUpTo + "]";
    }
    if (invalid != null) {
      replyTo.tell(new Status.Failure(new IllegalArgumentException(invalid)), getSelf());
      return;
    }
    if (!stopRequesters.isEmpty()) {
      replyTo.tell(new Status.Failure(new LeaseUnavailableException(
          name + " is stopping and grants no new leases")), getSelf());
      return;
    }
    ActorRef holder = acquire.holder() != null ? acquire.holder()
        : isWatchable(replyTo) ? replyTo : null;
    Waiter waiter = new Waiter(++waiterSeq, replyTo, holder, leaseFor, waitUpTo);
    if (waiters.isEmpty()) {
      PoolRecord pool = takeFreePool();
      if (pool != null) {
        grant(waiter, pool);
        return;
      }
    }
    if (waitUpTo.isZero()) {
      replyTo.tell(new Status.Failure(unavailable(waitUpTo)), getSelf());
      return;
    }
    waiters.add(waiter);
    getTimers().startSingleTimer(waiter, new WaitExpired(waiter.id()), waitUpTo);
  }

  /**
   * The ask pattern's temporary actor stops as soon as it has its reply, so watching it would end
   * every lease granted to an ask at once; such a lease has no holder.
   */
  private boolean isWatchable(ActorRef ref) {
    if (ref == null || ref.equals(ActorRef.noSender())
        || ref.equals(getContext().getSystem().deadLetters())) {
      return false;
    }
    return !ref.path().getElements().iterator().next().equals("temp");
  }

  /** The oldest idle pool, or a new one while fewer than max-pools exist; null otherwise. */
  private PoolRecord takeFreePool() {
    for (PoolRecord p : pools.values()) {
      if (p.isFree()) {
        return p;
      }
    }
    return pools.size() < settings.maxPools() ? startPool() : null;
  }

  private void serveWaiters() {
    while (!waiters.isEmpty()) {
      PoolRecord pool = takeFreePool();
      if (pool == null) {
        return;
      }
      Waiter waiter = waiters.poll();
      getTimers().cancel(waiter);
      grant(waiter, pool);
    }
  }

  private void grant(Waiter waiter, PoolRecord pool) {
    String id = "lease-" + (++leaseSeq);
    LeaseState state = new LeaseState(id, pool.name, pool.runtime, getSelf(), System.nanoTime(),
        waiter.leaseFor(), settings.lease().grace(), settings.lease().maxTotal(),
        settings.workers().maxJobCrashes());
    ActorRef actor = getContext().actorOf(
        Lease.props(state, settings.lease(), waiter.holder(), path), id);
    LeaseRecord lease = new LeaseRecord(state, pool, actor, waiter.holder());
    pool.lease = lease;
    leases.put(id, lease);
    if (lease.holder != null) {
      getContext().watch(lease.holder);
      leasesByHolder.computeIfAbsent(lease.holder, h -> new LinkedHashSet<>()).add(id);
    }
    log.info("{} granted {} on {} to {}", name, id, pool.name,
        lease.holderName() + " for " + waiter.leaseFor());
    publishLease(lease, LeaseStep.GRANTED, "for " + waiter.leaseFor());
    waiter.replyTo().tell(new LeaseGranted(new LeaseHandle(state)), getSelf());
  }

  private void onWaitExpired(WaitExpired expired) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.id() == expired.waiterId()) {
        it.remove();
        w.replyTo().tell(new Status.Failure(unavailable(w.waitUpTo())), getSelf());
        // The queue head may have moved: a later waiter could now be servable.
        serveWaiters();
        dispatchQueued();
        return;
      }
    }
  }

  private LeaseUnavailableException unavailable(Duration waited) {
    PoolStatus s = status();
    return new LeaseUnavailableException(name + " had no pool to lease within " + waited + ": "
        + s.leased() + " leased, " + s.busy() + " busy, " + s.draining() + " draining, "
        + s.total() + " of max-pools " + s.maxPools() + " in use");
  }

  private void onRenewLease(RenewLease renew) {
    LeaseRecord lease = leases.get(renew.leaseId());
    if (lease != null) {
      lease.actor.forward(renew, getContext());
      return;
    }
    LeaseStep ended = endedLeases.get(renew.leaseId());
    RuntimeException failure = ended == null
        ? new UnknownLeaseException(name + " never granted lease [" + renew.leaseId() + "]")
        : ended == LeaseStep.REVOKED
            ? new io.actorpool.LeaseExpiredException("lease " + renew.leaseId() + " has expired")
            : new LeaseReleasedException("lease " + renew.leaseId() + " was released");
    getSender().tell(new Status.Failure(failure), getSelf());
  }

  private void onReleaseLease(ReleaseLease release) {
    ActorRef replyTo = getSender();
    LeaseRecord lease = leases.get(release.leaseId());
    if (lease == null) {
      Object reply = endedLeases.containsKey(release.leaseId())
          ? Done.getInstance()
          : new Status.Failure(new UnknownLeaseException(
              name + " never granted lease [" + release.leaseId() + "]"));
      replyTo.tell(reply, getSelf());
      return;
    }
    lease.state.release("released by ReleaseLease");
    lease.state.ended.thenRun(() -> replyTo.tell(Done.getInstance(), ActorRef.noSender()));
  }

  /** A released lease has no work left: the pool comes back. */
  private void onLeaseDrained(LeaseState.Drained drained) {
    LeaseRecord lease = leases.get(drained.leaseId());
    if (lease == null || lease.state.state() != LeaseState.RELEASED) {
      return;
    }
    endLease(lease, lease.endStep, "pool given back");
    lease.pool.lease = null;
    reconcile(lease.state.id + " ended");
  }

  private void onHardExpired(Lease.HardExpired expired) {
    LeaseRecord lease = leases.get(expired.leaseId());
    if (lease == null) {
      return;
    }
    lease.state.revoke();
    PoolRecord pool = lease.pool;
    pool.lease = null;
    pool.draining = true;
    pool.revokedLease = lease.state.id;
    log.warning("{} revoked {} held by {}: {} is interrupted and counts as draining until its "
        + "threads stop", name, lease.state.id, lease.holderName(), pool.name);
    endLease(lease, LeaseStep.REVOKED, pool.name + " revoked and draining");
    pool.actor.tell(new ExecutorPool.Revoke(lease.state.id, settings.lease().revokeTimeout()),
        getSelf());
    if (lease.holder != null) {
      lease.holder.tell(new LeaseRevoked(lease.state.id), getSelf());
    }
    reconcile(lease.state.id + " revoked");
  }

  private void endLease(LeaseRecord lease, LeaseStep step, String detail) {
    String id = lease.state.id;
    leases.remove(id);
    endedLeases.put(id, step);
    getContext().stop(lease.actor);
    if (lease.holder != null) {
      Set<String> held = leasesByHolder.get(lease.holder);
      if (held != null) {
        held.remove(id);
        if (held.isEmpty()) {
          leasesByHolder.remove(lease.holder);
          getContext().unwatch(lease.holder);
        }
      }
    }
    log.info("{} {} ended: {} ({})", name, id, step, detail);
    publishLease(lease, step, detail);
    lease.state.ended.complete(Done.getInstance());
  }

  private void holderStopped(ActorRef holder, Set<String> held) {
    for (String id : held) {
      LeaseRecord lease = leases.get(id);
      if (lease == null) {
        continue;
      }
      lease.endStep = LeaseStep.HOLDER_STOPPED;
      log.info("{} holder of {} stopped; releasing it and cancelling its queued work", name, id);
      if (lease.state.release("its holder " + holder.path() + " stopped")) {
        PoolTask.rejectAll(lease.pool.runtime.cancelQueued(), new LeaseReleasedException(
            "lease " + id + " was released before this job started: its holder stopped"));
      }
    }
  }

  private void publishLease(LeaseRecord lease, LeaseStep step, String detail) {
    publish(new PoolEvent.LeaseChanged(path, lease.state.id, lease.pool.name, lease.holderName(),
        step, detail));
  }

  /* ---------------- Pool lifecycle ---------------- */

  private void onPoolStuck(ExecutorPool.Stuck stuck) {
    PoolRecord pool = poolsByActor.get(getSender());
    if (pool == null || pool.stuck) {
      return;
    }
    pool.stuck = true;
    String detail = stuck.liveThreads() + " threads still running " + stuck.after()
        + " after the revoke; still counted against max-pools";
    log.warning("{} {} is stuck: {}", name, pool.name, detail);
    publish(new PoolEvent.LeaseChanged(path, pool.revokedLease, pool.name, "-", LeaseStep.STUCK,
        detail));
  }

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
      Set<String> held = leasesByHolder.remove(t.getActor());
      if (held != null) {
        holderStopped(t.getActor(), held);
      }
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
      if (pool.lease != null) {
        LeaseRecord lease = pool.lease;
        lease.state.revoke();
        pool.lease = null;
        endLease(lease, LeaseStep.REVOKED, pool.name + " was lost");
      }
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
    int leased = 0;
    int draining = 0;
    int stuck = 0;
    int running = 0;
    List<PoolInfo> poolInfos = new ArrayList<>(pools.size());
    for (PoolRecord p : pools.values()) {
      PoolState state = p.state();
      switch (state) {
        case IDLE -> idle++;
        case BUSY -> busy++;
        case LEASED -> leased++;
        case DRAINING -> draining++;
        case STUCK -> {
          draining++;
          stuck++;
        }
      }
      int jobs = p.runningJobs();
      running += jobs;
      poolInfos.add(new PoolInfo(p.name, state, jobs, p.runtime.liveWorkers(),
          p.runtime.workersStarted()));
    }
    long now = System.nanoTime();
    List<LeaseInfo> leaseInfos = new ArrayList<>(leases.size());
    for (LeaseRecord l : leases.values()) {
      leaseInfos.add(new LeaseInfo(l.state.id, l.pool.name, l.holderName(),
          Duration.ofNanos(l.state.softDeadlineNanos() - now),
          Duration.ofNanos(l.state.hardDeadlineNanos() - now),
          l.state.inFlight(), l.state.state() == LeaseState.RELEASED));
    }
    return new PoolStatus(desired, pools.size(), idle, leased, busy, draining, queue.size(), units,
        running, settings.minPools(), settings.maxPools(), settings.workersPerPool(), stuck,
        waiters.size(), poolInfos, leaseInfos);
  }

  private void publish(PoolEvent event) {
    getContext().getSystem().getEventStream().publish(event);
  }
}
