package io.actorpool.cluster.internal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.actorpool.cluster.AcquireRemoteLease;
import io.actorpool.cluster.CborSerializable;
import io.actorpool.cluster.RemoteLeaseGranted;
import org.apache.pekko.actor.DeadLetterSuppression;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The wire protocol between a node's lease tracker ({@link NodeAgent}) and a group's entity
 * ({@link GroupEntity}) for leases taken with {@code ClusterPools.acquireLease}: the tracker sends
 * {@link Acquire} through the region, the entity answers {@link Granted} or {@link Refused} with
 * the request's id, and later {@link Ended} when the lease ends on the group's node. Jobs under a
 * lease travel as {@link JobWire.Tracked} with the lease id, straight to the entity.
 */
@InternalApi
public final class LeaseWire {

  private LeaseWire() {}

  /** INTERNAL API. Request {@code requestId} of the sending tracker. */
  @InternalApi
  public record Acquire(long requestId, AcquireRemoteLease request) implements CborSerializable {}

  /** INTERNAL API. Request {@code requestId} was granted. */
  @InternalApi
  public record Granted(long requestId, RemoteLeaseGranted granted) implements CborSerializable {}

  /** INTERNAL API. Request {@code requestId} failed with {@code failure}, a Throwable. */
  @InternalApi
  public record Refused(
      long requestId,
      @JsonSerialize(using = NestedMessage.Writer.class)
          @JsonDeserialize(using = NestedMessage.Reader.class)
          Object failure)
      implements CborSerializable {}

  /**
   * INTERNAL API. Lease {@code leaseId} of the sending entity ended: {@code step} is the core's
   * {@code PoolEvent.LeaseStep} name, or {@code LOST} when the group stopped with the lease
   * active. Told to the tracker that acquired it, which may be gone: no dead letter is logged.
   */
  @InternalApi
  public record Ended(String leaseId, String step, String detail)
      implements CborSerializable, DeadLetterSuppression {

    /** The step of a lease that ended because its group stopped. */
    public static final String LOST = "LOST";

    boolean lost() {
      return LOST.equals(step);
    }
  }
}
