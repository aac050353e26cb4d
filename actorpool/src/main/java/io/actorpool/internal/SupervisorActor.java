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
import io.actorpool.ActorPool;
import io.actorpool.LoadSnapshot;
import io.actorpool.ScalingDecision;
import io.actorpool.SubscribeLoad;
import io.actorpool.policy.CapabilityGroup;
import io.actorpool.policy.Observation;
import io.actorpool.policy.PolicyPipeline;
import io.actorpool.KillWorkers;
import io.actorpool.Abort;
import io.actorpool.Pause;
import io.actorpool.Resume;
import io.actorpool.Run;
import io.actorpool.RunAbortedException;
import io.actorpool.TaskSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
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

  /** The dispatcher supervisors run on, configured in reference.conf. */
  static final String DISPATCHER = "actor-pool.supervisor-dispatcher";

  /** How many ended lease ids are remembered, so a late release is answered, not refused. */
  private static final int ENDED_LEASES_KEPT = 1024;

  /* ---------------- Private protocol ---------------- */

  private enum Tick {
    INSTANCE
  }

  /** The pipeline's own tick, every {@code sizing.decision-interval}. */
  private enum DecisionTick {
    INSTANCE
  }

  private record JobDone(long poolId) {}

  private record ThreadsEnded(long poolId) {}

  private record WaitExpired(long waiterId) {}

  private record JobTimedOut(Job job) {}

  /* Pull mode: the source's answers and the run's tasks, piped back into the actor. */

  private record TaskReady(boolean ready, Throwable failure) {}

  private record RunFinishedCheck(boolean finished, Throwable failure) {}

  private record TaskDone(Job job, Throwable failure) {}

  private enum PullTick {
    INSTANCE
  }

  private enum RunLogTick {
    INSTANCE
  }

  /**
   * An {@link AcquireLease} waiting for a free pool. {@code replyTo} is the asking actor, or the
   * future of an {@link AcquireLeaseTo}.
   */
  private record Waiter(long id, Object replyTo, ActorRef holder, Duration leaseFor,
      Duration waitUpTo, long arrivedNanos) {

    void reply(Object message, ActorRef self) {
      if (replyTo instanceof ActorRef ref) {
        ref.tell(message, self);
      } else {
        @SuppressWarnings("unchecked")
        CompletableFuture<Object> future = (CompletableFuture<Object>) replyTo;
        if (message instanceof Status.Failure failure) {
          future.completeExceptionally(failure.cause());
        } else {
          future.complete(message);
        }
      }
    }
  }

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
    final Set<String> capabilities;
    int running;
    LeaseRecord lease;
    boolean draining;
    String revokedLease;
    boolean stuck;
    boolean actorStopped;
    boolean threadsEnded;

    PoolRecord(long id, String name, PoolRuntime runtime, ActorRef actor,
        Set<String> capabilities) {
      this.id = id;
      this.name = name;
      this.runtime = runtime;
      this.actor = actor;
      this.done = new JobDone(id);
      this.capabilities = capabilities;
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

    boolean offers(Set<String> required) {
      return capabilities.containsAll(required);
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
  private final JobQueue queue = new JobQueue();
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
  /** Pools wanted in all; the sum of {@link #targets}, within the bounds. */
  private int desired;
  /** Pools wanted per capability set; plain pools are the empty set. */
  private Map<Set<String>, Integer> targets = Map.of();
  /** Worker slots the pipeline wants; Submit concurrency is gated to it. */
  private int desiredSlots;
  /**
   * The gate: {@link #desiredSlots} plus the full capacity of pools kept only because of {@code
   * min-pools}, which the policies did not ask for and so do not limit.
   */
  private int gateSlots;
  private PolicyPipeline pipeline;
  private LoadSnapshot load = LoadSnapshot.unknown(System.nanoTime());
  private long completedJobs;
  private String lastDecidingPolicy = "";
  /** The active pull-mode run, if any. */
  private PullRun run;
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
    return Props.create(SupervisorActor.class, () -> new SupervisorActor(settings, sizeProvider))
        .withDispatcher(DISPATCHER);
  }

  @Override
  public SupervisorStrategy supervisorStrategy() {
    return STRATEGY;
  }

  @Override
  public void preStart() {
    log.info("{} starting: {}", name, settings);
    startPipeline();
    if (sizeProvider != null) {
      readSignal();
      getTimers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, settings.checkInterval());
    }
    decide("start");
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
      w.reply(new Status.Failure(
          new LeaseUnavailableException(name + " stopped before a pool was free")), getSelf());
    }
    waiters.clear();
    for (LeaseRecord l : leases.values()) {
      l.state.revoke();
      l.state.ended.complete(Done.getInstance());
    }
    if (run != null) {
      run.replyTo.tell(new Status.Failure(
          new RunAbortedException(name + " stopped during the run")), getSelf());
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
            dropWaiting(t.job());
          }
        })
        .match(Job.Crashed.class, this::onJobCrashed)
        .match(UpdateSettings.class, this::onUpdateSettings)
        .match(Run.class, this::onRun)
        .match(TaskReady.class, this::onTaskReady)
        .match(RunFinishedCheck.class, this::onRunFinishedCheck)
        .match(TaskDone.class, this::onTaskDone)
        .matchEquals(PullTick.INSTANCE, t -> pull())
        .matchEquals(RunLogTick.INSTANCE, t -> {
          if (run != null) {
            log.info("{} run: {}, desired {} slots, load {}", name, run.state(), desiredSlots,
                load.overloaded() ? "overloaded " + load.overloadedSignals() : "ok");
          }
        })
        .matchEquals(Pause.INSTANCE, p -> onPause())
        .matchEquals(Resume.INSTANCE, r -> {
          if (run != null && run.paused) {
            run.paused = false;
            log.info("{} run resumed", name);
            pull();
          }
          getSender().tell(Done.getInstance(), getSelf());
        })
        .matchEquals(Abort.INSTANCE, a -> onAbort())
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
          decide("check-interval");
        })
        .matchEquals(DecisionTick.INSTANCE, t -> decide("decision-interval"))
        .match(LoadSnapshot.class, snapshot -> load = snapshot)
        .matchEquals(GetPoolStatus.INSTANCE, g -> getSender().tell(status(), getSelf()))
        .matchEquals(AwaitSettled.INSTANCE, this::onAwaitSettled)
        .match(AcquireLease.class, a -> onAcquireLease(a, getSender()))
        .match(AcquireLeaseTo.class, a -> onAcquireLease(a.acquire(), a.reply()))
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
    accept(new Job(submit.job(), getSender(), getSelf(), timeout, submit.requires()));
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
    if (!job.requires.isEmpty() && !settings.sizing().usesCapabilities()
        && pools.values().stream().noneMatch(p -> p.offers(job.requires))) {
      job.fail(new JobRejectedException(name + " has no pool offering " + job.requires
          + "; add the capability policy to actor-pool.sizing.policy to start such pools"));
      return;
    }
    PoolRecord pool = queue.isEmpty() ? leastBusy(job.requires) : null;
    boolean waits = pool == null || pool.running >= settings.workersPerPool();
    int waiting = queue.size() + prefetched();
    if (waits && waiting >= settings.maxQueuedJobs()) {
      job.fail(new JobRejectedException(
          name + " rejected a job: all " + workerSlots() + " workers are busy and "
              + waiting + " jobs are queued (actor-pool.max-queued-jobs = "
              + settings.maxQueuedJobs() + ")"));
      return;
    }
    if (job.timeout != null) {
      job.timer = getContext().getSystem().scheduler().scheduleOnce(job.timeout, getSelf(),
          new JobTimedOut(job), getContext().getDispatcher(), ActorRef.noSender());
    }
    if (pool != null) {
      run(pool, job);
      return;
    }
    queue.add(job);
    if (!job.requires.isEmpty()
        && pools.values().stream().noneMatch(p -> !p.draining && p.offers(job.requires))) {
      // No pool can ever take it as things stand: let the capability policy act now.
      decide("a job requires " + job.requires);
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
   * The open pool offering {@code required} that runs the fewest jobs, oldest first on a tie.
   * Null when all are full; when the pipeline holds concurrency at {@link #desiredSlots} and that
   * many jobs run (Crawlee-grained control inside the pools); or while leases wait, so pools go
   * idle and the oldest lease request is served.
   */
  private PoolRecord leastBusy(Set<String> required) {
    return leastBusy(required, true);
  }

  /**
   * As {@link #leastBusy(Set)}; with {@code prefetch} a pool whose workers are all busy may
   * still take up to {@code prefetch-per-worker} jobs per worker, unless the gate binds.
   */
  private PoolRecord leastBusy(Set<String> required, boolean prefetch) {
    if (!waiters.isEmpty()) {
      return null;
    }
    int wpp = settings.workersPerPool();
    PoolRecord best = null;
    int running = 0;
    int open = 0;
    for (PoolRecord p : pools.values()) {
      if (p.draining || p.lease != null) {
        continue; // leaving or lent out: not the slots the gate counts
      }
      open++;
      running += Math.min(p.running, wpp);
      if (p.offers(required) && (best == null || p.running < best.running)) {
        best = p;
      }
    }
    if (best == null) {
      return null;
    }
    boolean gated = gateSlots < open * wpp;
    if (best.running < wpp) {
      return !gated || running < gateSlots ? best : null;
    }
    // Every worker of the least busy pool is busy: prefetch, when it cannot exceed the gate.
    int limit = wpp * (1 + settings.prefetchPerWorker());
    return prefetch && !gated && best.running < limit ? best : null;
  }

  /** Jobs handed to pools beyond their workers: waiting in the pools' own queues. */
  private int prefetched() {
    int wpp = settings.workersPerPool();
    int waiting = 0;
    for (PoolRecord p : pools.values()) {
      if (p.lease == null) {
        waiting += Math.max(0, p.running - wpp);
      }
    }
    return waiting;
  }

  /** Takes a job that will not run out of whichever queue holds it, and books it done. */
  private void dropWaiting(Job job) {
    if (queue.remove(job)) {
      return;
    }
    if (job.done instanceof JobDone done) {
      PoolRecord pool = pools.get(done.poolId());
      if (pool != null && pool.runtime.remove(job)) {
        job.done = null;
        pool.running--;
      }
    }
  }

  private void onJobDone(JobDone done) {
    PoolRecord pool = pools.get(done.poolId());
    if (pool == null) {
      return;
    }
    pool.running--;
    completedJobs++;
    if (run != null) {
      pull();
    }
    if (!stopRequesters.isEmpty()) {
      dispatchQueued();
      reconcile("stopping");
    } else if (!waiters.isEmpty()) {
      if (pool.isFree()) {
        serveWaiters();
      }
    } else if (!queue.isEmpty() && !pool.draining && pool.lease == null) {
      // A worker is free: hand out what waits, within the gate.
      dispatchQueued();
    }
  }

  private void dispatchQueued() {
    boolean progress = true;
    while (progress && !queue.isEmpty()) {
      progress = false;
      for (Set<String> required : queue.requirementsByAge()) {
        PoolRecord pool = leastBusy(required);
        if (pool != null) {
          run(pool, queue.poll(required));
          progress = true;
        }
      }
    }
  }

  private int totalRunning() {
    int running = 0;
    for (PoolRecord p : pools.values()) {
      running += p.running;
    }
    return running;
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
      decide("ScaleChanged(recheck)");
    } else {
      units = msg.units().getAsInt();
      decide("ScaleChanged(" + units + ")");
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

  private void startPipeline() {
    pipeline = PolicyPipeline.create(settings.sizing());
    desiredSlots = settings.minPools() * settings.workersPerPool();
    gateSlots = desiredSlots;
    getTimers().startTimerWithFixedDelay(DecisionTick.INSTANCE, DecisionTick.INSTANCE,
        settings.sizing().decisionInterval());
    if (settings.sizing().needsLoad()) {
      ActorPool.get(getContext().getSystem()).systemLoad()
          .tell(new SubscribeLoad(getSelf()), getSelf());
    }
  }

  /**
   * Runs the sizing pipeline on what the supervisor sees now, publishes the decision when it
   * changes something, and moves the pools towards it.
   */
  private void decide(String trigger) {
    int wpp = settings.workersPerPool();
    // The floor is one slot of concurrency, not min-pools' worth: a policy may gate the pools'
    // workers below their size. min-pools is kept by reconcile, not by the policies.
    int minSlots = settings.minPools() > 0 ? 1 : 0;
    Observation observation = new Observation(System.nanoTime(), desiredSlots,
        minSlots, settings.maxPools() * wpp, wpp, totalRunning(), queue.size(),
        units, completedJobs, load, capabilityGroups(), queue.sizesByRequirement());
    ScalingDecision decision;
    try {
      decision = pipeline.decide(observation).withSupervisor(path);
    } catch (RuntimeException e) {
      // Built-in policies do not throw and custom ones are guarded; this is the last line.
      log.error(e, "{} sizing pipeline failed; holding {} slots", name, desiredSlots);
      reconcile(trigger);
      return;
    }
    Map<Set<String>, Integer> next = decision.capabilityPools().isEmpty()
        ? Map.of(Set.of(), decision.pools(wpp))
        : decision.capabilityPools();
    // A hold is published once when a different policy starts deciding (a veto, a stabilization
    // window), so "why is it not scaling?" always has an answer, without an event every tick.
    if (decision.changed() || !decision.policy().equals(lastDecidingPolicy)
        || (!decision.capabilityPools().isEmpty() && !next.equals(targets))) {
      lastDecidingPolicy = decision.policy();
      log.info("{} {} slots by {}: {}", name,
          decision.fromSlots() + " -> " + decision.toSlots(), decision.policy(),
          decision.reason() + " (" + trigger + ")");
      getContext().getSystem().getEventStream().publish(decision);
    }
    desiredSlots = decision.toSlots();
    targets = next;
    reconcile(trigger);
    if (run != null) {
      pull();
    }
  }

  /** Pools and their running jobs per capability set, for the capability policy. */
  private List<CapabilityGroup> capabilityGroups() {
    Map<Set<String>, int[]> groups = new LinkedHashMap<>();
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.lease == null) {
        int[] g = groups.computeIfAbsent(p.capabilities, k -> new int[2]);
        g[0]++;
        g[1] += p.running;
      }
    }
    List<CapabilityGroup> list = new ArrayList<>(groups.size());
    groups.forEach((caps, g) -> list.add(new CapabilityGroup(caps, g[0], g[1])));
    return list;
  }

  /**
   * Moves the pools towards the targets: start what is missing, serve waiting leases, then stop
   * or drain the surplus, so a lease waiter gets a pool before an idle one is shut.
   */
  private void reconcile(String reason) {
    Map<Set<String>, Integer> wanted = boundedTargets();
    int target = wanted.values().stream().mapToInt(Integer::intValue).sum();
    if (target != desired) {
      log.info("{} target {} -> {} pools ({})", name, desired, target,
          "units " + units + "; " + reason);
      publish(new PoolEvent.TargetChanged(path, units, desired, target, reason));
      desired = target;
    }
    // Draining pools still hold threads, so they count against max-pools until they are gone.
    for (Map.Entry<Set<String>, Integer> e : wanted.entrySet()) {
      int open = openPools(e.getKey());
      while (open < e.getValue() && pools.size() < settings.maxPools()) {
        startPool(e.getKey());
        open++;
      }
    }
    serveWaiters();
    for (Set<String> caps : poolCapabilitySets()) {
      int surplus = openPools(caps) - wanted.getOrDefault(caps, 0);
      if (surplus > 0) {
        shrink(caps, surplus);
      }
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

  /**
   * The targets within the bounds: nothing while a graceful stop has no queued work left; at
   * least {@code min-pools} (topped up with plain pools) and at most {@code max-pools}, cut from
   * the sets in order.
   */
  private Map<Set<String>, Integer> boundedTargets() {
    if (!stopRequesters.isEmpty() && queue.isEmpty()) {
      return Map.of();
    }
    Map<Set<String>, Integer> bounded = new LinkedHashMap<>();
    int room = settings.maxPools();
    for (Map.Entry<Set<String>, Integer> e : targets.entrySet()) {
      int n = Math.min(room, Math.max(0, e.getValue()));
      bounded.put(e.getKey(), n);
      room -= n;
    }
    int total = settings.maxPools() - room;
    int topUp = Math.max(0, settings.minPools() - total);
    if (topUp > 0) {
      bounded.merge(Set.of(), topUp, Integer::sum);
    }
    gateSlots = desiredSlots + topUp * settings.workersPerPool();
    return bounded;
  }

  private int openPools(Set<String> capabilities) {
    int open = 0;
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.capabilities.equals(capabilities)) {
        open++;
      }
    }
    return open;
  }

  private Set<Set<String>> poolCapabilitySets() {
    Set<Set<String>> sets = new LinkedHashSet<>();
    for (PoolRecord p : pools.values()) {
      sets.add(p.capabilities);
    }
    return sets;
  }

  /** Stops idle pools above the target and drains busy ones; leased pools are never touched. */
  private void shrink(Set<String> capabilities, int surplus) {
    List<PoolRecord> candidates = new ArrayList<>();
    for (PoolRecord p : pools.values()) {
      if (!p.draining && p.lease == null && p.capabilities.equals(capabilities)) {
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

  private PoolRecord startPool(Set<String> capabilities) {
    long id = ++poolSeq;
    String poolName = capabilities.isEmpty() ? "pool-" + id
        : "pool-" + id + "-" + String.join("-", new java.util.TreeSet<>(capabilities));
    PoolRuntime runtime = PoolBackend.forName("actor-pool.workers.backend",
        settings.workers().backend()).create(new PoolBackend.Context(name + "-" + poolName,
            settings.workersPerPool(), settings, workerListener(poolName),
            getContext().getSystem()));
    ActorRef actor = getContext().actorOf(ExecutorPool.props(runtime), poolName);
    getContext().watch(actor);
    PoolRecord record = new PoolRecord(id, poolName, runtime, actor, capabilities);
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
    if (!settings.sizing().equals(previous.sizing())
        || settings.workersPerPool() != previous.workersPerPool()) {
      // A new pipeline starts from what is in force now, so the change is not a jump.
      int inForce = desiredSlots;
      startPipeline();
      desiredSlots = inForce;
    }
    decide("UpdateSettings");
    getSender().tell(Done.getInstance(), getSelf());
  }

  private void drain(PoolRecord pool, String reason) {
    pool.draining = true;
    log.info("{} draining {} ({} running jobs; {})", name, pool.name, pool.running, reason);
    publish(new PoolEvent.PoolDraining(path, pool.name, pool.running, reason));
    pool.actor.tell(ExecutorPool.Drain.INSTANCE, getSelf());
  }

  /* ---------------- Pull mode ---------------- */

  private void onRun(Run msg) {
    if (run != null) {
      getSender().tell(new Status.Failure(new IllegalStateException(
          name + " already has a run in progress (" + run.state() + ")")), getSelf());
      return;
    }
    run = new PullRun(msg.source(), getSender());
    log.info("{} run started", name);
    getTimers().startTimerWithFixedDelay(RunLogTick.INSTANCE, RunLogTick.INSTANCE,
        settings.pull().loggingInterval());
    pull();
  }

  /**
   * Starts tasks while the gate leaves a slot free: asks the source whether one is ready, one
   * question at a time, as Crawlee's orchestrator does.
   */
  private void pull() {
    if (run == null || run.asking || run.paused || !queue.isEmpty()
        || leastBusy(Set.of(), false) == null) {
      return;
    }
    long wait = run.nextStartNanos - System.nanoTime();
    if (wait > 0) {
      getTimers().startSingleTimer(PullTick.INSTANCE, PullTick.INSTANCE, Duration.ofNanos(wait));
      return;
    }
    run.asking = true;
    ActorRef self = getSelf();
    ask(() -> run.source.isTaskReady(), (ready, failure) ->
        self.tell(new TaskReady(Boolean.TRUE.equals(ready), failure), ActorRef.noSender()));
  }

  private void onTaskReady(TaskReady ready) {
    if (run == null) {
      return;
    }
    run.asking = false;
    if (ready.failure() != null) {
      endRun(ready.failure(), "isTaskReady failed");
    } else if (ready.ready()) {
      startTask();
      pull();
    } else if (run.running.isEmpty()) {
      run.asking = true;
      ActorRef self = getSelf();
      ask(() -> run.source.isFinished(), (finished, failure) -> self.tell(
          new RunFinishedCheck(Boolean.TRUE.equals(finished), failure), ActorRef.noSender()));
    } else {
      // Nothing ready yet; a finishing task asks again at once, this asks at the latest.
      getTimers().startSingleTimer(PullTick.INSTANCE, PullTick.INSTANCE,
          settings.pull().maybeRunInterval());
    }
  }

  private void onRunFinishedCheck(RunFinishedCheck check) {
    if (run == null) {
      return;
    }
    run.asking = false;
    if (check.failure() != null) {
      endRun(check.failure(), "isFinished failed");
    } else if (check.finished() && run.running.isEmpty()) {
      endRun(null, "finished");
    } else {
      getTimers().startSingleTimer(PullTick.INSTANCE, PullTick.INSTANCE,
          settings.pull().maybeRunInterval());
    }
  }

  private void startTask() {
    TaskSource source = run.source;
    CompletableFuture<Object> result = new CompletableFuture<>();
    Job job = new Job(() -> {
      try {
        return source.runTask().toCompletableFuture().get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }, result, getSelf(), settings.pull().taskTimeout().orElse(null));
    run.running.add(job);
    run.started++;
    int perMinute = settings.pull().maxTasksPerMinute();
    if (perMinute > 0) {
      run.nextStartNanos = System.nanoTime() + 60_000_000_000L / perMinute;
    }
    ActorRef self = getSelf();
    result.whenComplete((value, failure) ->
        self.tell(new TaskDone(job, failure), ActorRef.noSender()));
    accept(job);
  }

  private void onTaskDone(TaskDone done) {
    if (run == null || !run.running.remove(done.job())) {
      return;
    }
    if (done.failure() == null) {
      run.succeeded++;
    } else {
      run.failed++;
      if (!settings.pull().continueOnError()) {
        endRun(done.failure(), "a task failed");
        return;
      }
      log.warning("{} run: a task failed, continuing: {}", name, done.failure().toString());
    }
    if (run.paused && run.running.isEmpty()) {
      run.pauseWaiters.forEach(w -> w.tell(Done.getInstance(), getSelf()));
      run.pauseWaiters.clear();
    }
    pull();
  }

  private void onPause() {
    if (run == null || run.running.isEmpty()) {
      if (run != null) {
        run.paused = true;
      }
      getSender().tell(Done.getInstance(), getSelf());
      return;
    }
    run.paused = true;
    log.info("{} run paused with {} tasks running", name, run.running.size());
    run.pauseWaiters.add(getSender());
  }

  private void onAbort() {
    if (run != null) {
      RunAbortedException aborted = new RunAbortedException(name + " run aborted");
      for (Job job : new ArrayList<>(run.running)) {
        if (job.cancel(aborted)) {
          dropWaiting(job);
        }
      }
      endRun(aborted, "aborted");
    }
    getSender().tell(Done.getInstance(), getSelf());
  }

  /** Ends the run with a reply to its sender: completion, or the failure that stopped it. */
  private void endRun(Throwable failure, String why) {
    PullRun ended = run;
    run = null;
    getTimers().cancel(PullTick.INSTANCE);
    getTimers().cancel(RunLogTick.INSTANCE);
    log.info("{} run ended ({}): {}", name, why, ended.state());
    ended.pauseWaiters.forEach(w -> w.tell(Done.getInstance(), getSelf()));
    ended.replyTo.tell(failure == null ? ended.completed() : new Status.Failure(failure),
        getSelf());
  }

  /** Calls a source method, turning a throw or a null stage into a failed answer. */
  private static <T> void ask(java.util.function.Supplier<CompletionStage<T>> question,
      java.util.function.BiConsumer<T, Throwable> answer) {
    CompletionStage<T> stage;
    try {
      stage = question.get();
    } catch (RuntimeException e) {
      answer.accept(null, e);
      return;
    }
    if (stage == null) {
      answer.accept(null, new IllegalStateException("TaskSource returned a null stage"));
      return;
    }
    stage.whenComplete((value, failure) -> answer.accept(value,
        failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
            ? c.getCause() : failure));
  }

  /* ---------------- Leases ---------------- */

  /** @param replyTo the asking actor, or a future to complete */
  private void onAcquireLease(AcquireLease acquire, Object replyTo) {
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
      reply(replyTo, new Status.Failure(new IllegalArgumentException(invalid)));
      return;
    }
    if (!stopRequesters.isEmpty()) {
      reply(replyTo, new Status.Failure(new LeaseUnavailableException(
          name + " is stopping and grants no new leases")));
      return;
    }
    ActorRef holder = acquire.holder() != null ? acquire.holder()
        : replyTo instanceof ActorRef ref && isWatchable(ref) ? ref : null;
    Waiter waiter = new Waiter(++waiterSeq, replyTo, holder, leaseFor, waitUpTo,
        System.nanoTime());
    if (waiters.isEmpty()) {
      PoolRecord pool = takeFreePool();
      if (pool != null) {
        grant(waiter, pool);
        return;
      }
    }
    if (waitUpTo.isZero()) {
      reply(replyTo, new Status.Failure(unavailable(waitUpTo, Duration.ZERO)));
      return;
    }
    waiters.add(waiter);
    getTimers().startSingleTimer(waiter, new WaitExpired(waiter.id()), waitUpTo);
  }

  private void reply(Object replyTo, Object message) {
    new Waiter(0, replyTo, null, Duration.ZERO, Duration.ZERO, 0).reply(message, getSelf());
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
      if (p.isFree() && p.capabilities.isEmpty()) {
        return p;
      }
    }
    return pools.size() < settings.maxPools() ? startPool(Set.of()) : null;
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
    waiter.reply(new LeaseGranted(new LeaseHandle(state)), getSelf());
  }

  private void onWaitExpired(WaitExpired expired) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.id() == expired.waiterId()) {
        it.remove();
        w.reply(new Status.Failure(unavailable(w.waitUpTo(),
            Duration.ofNanos(System.nanoTime() - w.arrivedNanos()))), getSelf());
        // The queue head may have moved: a later waiter could now be servable.
        serveWaiters();
        dispatchQueued();
        return;
      }
    }
  }

  private LeaseUnavailableException unavailable(Duration asked, Duration waited) {
    PoolStatus s = status();
    return new LeaseUnavailableException(name + " had no pool to lease within " + asked + ": "
        + s.leased() + " leased, " + s.busy() + " busy, " + s.draining() + " draining, "
        + s.total() + " of max-pools " + s.maxPools() + " in use", waited);
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
      int jobs = p.lease != null ? p.runningJobs()
          : Math.min(p.running, settings.workersPerPool());
      running += jobs;
      poolInfos.add(new PoolInfo(p.name, state, jobs, p.runtime.liveWorkers(),
          p.runtime.workersStarted(), p.capabilities));
    }
    long now = System.nanoTime();
    List<LeaseInfo> leaseInfos = new ArrayList<>(leases.size());
    for (LeaseRecord l : leases.values()) {
      leaseInfos.add(new LeaseInfo(l.state.id, l.pool.name, l.holderName(),
          Duration.ofNanos(l.state.softDeadlineNanos() - now),
          Duration.ofNanos(l.state.hardDeadlineNanos() - now),
          l.state.inFlight(), l.state.state() == LeaseState.RELEASED));
    }
    return new PoolStatus(desired, pools.size(), idle, leased, busy, draining,
        queue.size() + prefetched(), units,
        running, settings.minPools(), settings.maxPools(), settings.workersPerPool(), stuck,
        waiters.size(), poolInfos, leaseInfos);
  }

  private void publish(PoolEvent event) {
    getContext().getSystem().getEventStream().publish(event);
  }
}
