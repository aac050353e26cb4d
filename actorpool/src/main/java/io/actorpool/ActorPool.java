package io.actorpool;

import io.actorpool.internal.ReusableHandle;
import io.actorpool.internal.AcquireLeaseTo;
import io.actorpool.internal.SubmitTo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.apache.pekko.pattern.Patterns;

/**
 * The ActorPool extension: the system's {@link PoolSettings}, parsed once, and a small facade over
 * the supervisor's protocol so callers need not write {@code ask} by hand.
 *
 * <pre>{@code
 * ActorPool actorPool = ActorPool.get(system);
 * ActorRef pools = system.actorOf(PoolSupervisor.props(actorPool.settings()), "pools");
 * CompletionStage<Integer> answer = actorPool.submit(pools, () -> 6 * 7, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>All methods are thread-safe and may be called from any thread.
 */
public final class ActorPool implements Extension {

  private static final Id ID = new Id();

  private final PoolSettings settings;
  private final ActorSystem system;
  private final Map<String, ReusableHandle> reusable = new HashMap<>();
  private ActorRef systemLoad;
  private long reusableGeneration;

  private ActorPool(ActorSystem system) {
    this.system = system;
    this.settings = PoolSettings.create(system);
  }

  /** The extension of {@code system}, created on first use. */
  public static ActorPool get(ActorSystem system) {
    return ID.get(system);
  }

  /** The extension of {@code system}, created on first use. */
  public static ActorPool get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  /**
   * The {@code actor-pool} settings of this system's configuration.
   *
   * @throws IllegalArgumentException (on first use) if the configuration holds an invalid value
   */
  public PoolSettings settings() {
    return settings;
  }

  /**
   * Runs {@code job} on one of {@code supervisor}'s pools, with {@code timeout} as its job timeout.
   *
   * <p>The job completes the returned stage itself, from its worker thread: there is no
   * temporary ask actor on the path.
   *
   * @param supervisor a {@code PoolSupervisor}
   * @param job the work; a {@code null} result completes the stage with {@code null}
   * @param timeout how long the job may take, queueing included; when it passes, a queued job is
   *     dropped and a running one interrupted
   * @return the job's result; completes exceptionally with the job's exception, with {@link
   *     JobTimeoutException}, {@link JobRejectedException} if the queue is full, or {@link
   *     WorkerCrashedException}
   */
  @SuppressWarnings("unchecked")
  public <T> CompletionStage<T> submit(ActorRef supervisor, Callable<T> job, Duration timeout) {
    requireTimeout(timeout);
    CompletableFuture<Object> result = send(supervisor, job, timeout);
    // The supervisor answers by the timeout; the margin only covers a supervisor that is gone.
    return (CompletionStage<T>) result.orTimeout(
        timeout.plus(ASK_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code job} on one of {@code supervisor}'s pools with the pool's default timeout ({@code
   * workers.job-timeout}, by default none).
   *
   * <p>Without a timeout the stage completes only when the job does; send it to a running
   * supervisor.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletionStage<T> submit(ActorRef supervisor, Callable<T> job) {
    return (CompletionStage<T>) send(supervisor, job, null);
  }

  private static CompletableFuture<Object> send(
      ActorRef supervisor, Callable<?> job, Duration timeout) {
    Objects.requireNonNull(job, "job");
    CompletableFuture<Object> result = new CompletableFuture<>();
    supervisor.tell(new SubmitTo(job, timeout, result), ActorRef.noSender());
    return result;
  }

  /**
   * This system's one {@link SystemLoad} actor (settings from {@code actor-pool.system-load}),
   * started on first use and shared by every supervisor that observes load, so the JVM is sampled
   * once however many supervisors there are. Subscribe with {@link SubscribeLoad}; ask {@link
   * GetLoad}.
   */
  public ActorRef systemLoad() {
    synchronized (reusable) {
      if (systemLoad == null) {
        systemLoad = system.actorOf(SystemLoad.props(), "actorpool-system-load");
      }
      return systemLoad;
    }
  }

  /**
   * The reusable executor named {@code key}, like loky's {@code get_reusable_executor}: created
   * on first use and given back while the settings match.
   *
   * <ul>
   *   <li>Same settings: the same executor comes back.
   *   <li>Only {@code workers-per-pool} differs: the same executor, resized in place; extra
   *       workers leave after the jobs queued before the change.
   *   <li>Anything else differs, or the executor was shut down: the old one drains and stops and a
   *       new one is created.
   * </ul>
   *
   * <p>Set {@code workers.idle-timeout} to have idle workers stop (loky uses 10 s); the next job
   * starts them again without the caller noticing. A {@code workers.initializer} runs once in each
   * worker. Thread-safe.
   *
   * @param key the executor's name, unique in this actor system
   * @param settings its settings; {@code min-pools} and {@code max-pools} are usually 1
   */
  public ReusableExecutor reusableExecutor(String key, PoolSettings settings) {
    return reusableExecutor(key, settings, false);
  }

  /**
   * As {@link #reusableExecutor(String, PoolSettings)}; with {@code killWorkers} the executor's
   * workers are replaced first, interrupting running jobs (loky's {@code kill_workers=True}).
   */
  public ReusableExecutor reusableExecutor(String key, PoolSettings settings,
      boolean killWorkers) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(settings, "settings");
    synchronized (reusable) {
      ReusableHandle current = reusable.get(key);
      if (current != null && !current.isShutdown()) {
        if (current.settings().equals(settings)) {
          if (killWorkers) {
            current.killWorkers();
          }
          return current;
        }
        if (current.settings().withWorkersPerPool(settings.workersPerPool()).equals(settings)) {
          current.update(settings);
          if (killWorkers) {
            current.killWorkers();
          }
          return current;
        }
        current.shutdown();
      }
      ReusableHandle created = new ReusableHandle(system, key, settings, ++reusableGeneration);
      reusable.put(key, created);
      return created;
    }
  }

  /** Asks {@code supervisor} for its {@link PoolStatus}. */
  public CompletionStage<PoolStatus> status(ActorRef supervisor, Duration timeout) {
    return Patterns.ask(supervisor, GetPoolStatus.INSTANCE, requireTimeout(timeout))
        .thenApply(PoolStatus.class::cast);
  }

  /**
   * Completes when {@code supervisor} has as many pools as desired and none draining; see {@link
   * AwaitSettled}.
   */
  public CompletionStage<PoolStatus> awaitSettled(ActorRef supervisor, Duration timeout) {
    return Patterns.ask(supervisor, AwaitSettled.INSTANCE, requireTimeout(timeout))
        .thenApply(PoolStatus.class::cast);
  }

  /**
   * Leases one whole pool of {@code supervisor}; see {@link AcquireLease}.
   *
   * <p>The lease has no watched holder (the asking future is not an actor), so it ends by {@link
   * LeasedExecutor#release()} or expiry. To have a lease released when an actor stops, send {@link
   * AcquireLease} from that actor, or name it as the holder.
   *
   * @return the executor; fails with {@link LeaseUnavailableException} when no pool frees up
   *     within {@code waitUpTo}, or {@link IllegalArgumentException} for a bad duration
   */
  public CompletionStage<LeasedExecutor> acquireLease(
      ActorRef supervisor, Duration leaseFor, Duration waitUpTo) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    // The supervisor completes the future itself: no temporary ask actor, and no conversion of
    // a Scala future whose callbacks would run on the common pool (a new thread per call when
    // it has a single thread, as on 2 cores).
    supervisor.tell(new AcquireLeaseTo(new AcquireLease(leaseFor, waitUpTo), reply),
        ActorRef.noSender());
    // The supervisor answers by waitUpTo; the margin only covers a supervisor that is gone.
    Duration bound = (waitUpTo.isNegative() ? Duration.ZERO : waitUpTo).plus(ASK_MARGIN);
    return reply.orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(granted -> ((LeaseGranted) granted).executor());
  }

  private static final Duration ASK_MARGIN = Duration.ofSeconds(10);

  private static Duration requireTimeout(Duration timeout) {
    return PoolSettings.requirePositive("timeout", timeout);
  }

  /** INTERNAL API. */
  static final class Id extends AbstractExtensionId<ActorPool> implements ExtensionIdProvider {
    @Override
    public ActorPool createExtension(ExtendedActorSystem system) {
      return new ActorPool(system);
    }

    @Override
    public Id lookup() {
      return this;
    }
  }
}
