package io.actorpool.cluster;

import io.actorpool.LeaseRenewed;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.annotation.ApiMayChange;
import org.apache.pekko.annotation.DoNotInherit;

/**
 * The holder's side of a lease on a pool group that may live on another node, returned by {@link
 * ClusterPools#acquireLease}. The core's {@code LeasedExecutor} is a local object and stays on
 * the group's node; this handle sends {@link RemoteJob}s tagged with the lease id to it, and maps
 * {@link #renew} and {@link #release} to the core's {@code RenewLease} and {@code ReleaseLease}.
 *
 * <p>The lease ends exactly as a local one does (release, expiry, death of its holder actor, the
 * group stopping), and also when the node hosting the group is removed from the cluster: then
 * new and in-flight jobs fail with {@link GroupLostException} and a holder actor receives {@link
 * LeaseLost}. This node learns of every end and refuses new submits from then on; see {@link
 * #isActive()}.
 *
 * <p>All methods are thread-safe and may be called from any thread.
 */
@ApiMayChange
@DoNotInherit
public interface RemoteLeasedExecutor {

  /** The lease's id on its group, as the core's {@code LeasedExecutor.leaseId()}. */
  String leaseId();

  /** The name of the leased pool on the group's node. */
  String poolName();

  /** The pool group type. */
  String typeName();

  /** The pool group's key. */
  String key();

  /** The address of the node hosting the group and its leased pool. */
  Address node();

  /**
   * Runs {@code job} on the leased pool, through the group's local {@code LeasedExecutor}, and
   * tracks it like {@link ClusterPools#submit}; it is sent once and runs at most once.
   *
   * @return completes exactly once: with the handler's result; {@link RemoteJobException} if the
   *     handler threw or its type is not registered there; the core's {@code
   *     LeaseExpiredException} or {@code LeaseReleasedException} if the lease ended before the job
   *     ran; {@link GroupLostException} if the group's node is removed, or the group stops, before
   *     the result arrives (outcome unknown)
   */
  CompletionStage<Object> submit(RemoteJob job);

  /**
   * As {@link #submit(RemoteJob)}, and fails with an {@code AskTimeoutException} once {@code
   * timeout} has passed.
   *
   * @param timeout positive
   */
  CompletionStage<Object> submit(RemoteJob job, Duration timeout);

  /**
   * Moves the expiry later by {@code extra}, up to {@code lease.max-total} from the grant, as the
   * core's {@code LeasedExecutor.renew} does, with the same failures; {@link GroupLostException}
   * if the group's node was lost.
   */
  CompletionStage<LeaseRenewed> renew(Duration extra);

  /**
   * Ends the lease: new submits are refused at once, work already submitted finishes, then the
   * pool goes back to the group. Idempotent.
   *
   * @return completes when the pool has been given back, at once if the lease had already ended
   *     (the group's node being lost included)
   */
  CompletionStage<Done> release();

  /** Whether work may still be submitted: not released, expired or lost, as far as this node knows. */
  boolean isActive();

  /** Time left until soft expiry, estimated on this node from the grant and the last renewal. */
  Duration timeLeft();
}
