package io.actorpool;

import io.actorpool.internal.Boxed;
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

  private ActorPool(ActorSystem system) {
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
   * Runs {@code job} on one of {@code supervisor}'s pools.
   *
   * @param supervisor a {@code PoolSupervisor}
   * @param job the work; a {@code null} result completes the stage with {@code null}
   * @param timeout how long to wait for the result, queueing included
   * @return the job's result; completes exceptionally with the job's exception, with {@link
   *     JobRejectedException} if the queue is full, or with an {@code AskTimeoutException}
   */
  @SuppressWarnings("unchecked")
  public <T> CompletionStage<T> submit(ActorRef supervisor, Callable<T> job, Duration timeout) {
    Objects.requireNonNull(job, "job");
    Callable<Boxed> boxed = () -> new Boxed(job.call());
    return Patterns.ask(supervisor, new Submit(boxed), requireTimeout(timeout))
        .thenApply(reply -> (T) ((Boxed) reply).value());
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
    AcquireLease acquire = new AcquireLease(leaseFor, waitUpTo);
    // The supervisor answers by waitUpTo; the margin only covers a supervisor that is gone.
    Duration askTimeout = (waitUpTo.isNegative() ? Duration.ZERO : waitUpTo)
        .plus(ASK_MARGIN);
    return Patterns.ask(supervisor, acquire, askTimeout)
        .thenApply(reply -> ((LeaseGranted) reply).executor());
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
