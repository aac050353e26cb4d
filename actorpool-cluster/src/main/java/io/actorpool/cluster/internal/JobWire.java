package io.actorpool.cluster.internal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.actorpool.cluster.CborSerializable;
import io.actorpool.cluster.RemoteJob;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The wire protocol between a node's job tracker ({@link NodeAgent}) and a group's entity
 * ({@link GroupEntity}) for jobs sent with {@code ClusterPools.submit}: the tracker sends {@link
 * Tracked}, the entity answers {@link Accepted} at once, and {@link Outcome} when the job ends. The
 * acceptance tells the tracker which node holds the job, so it can fail the job back when that
 * node is removed. A job under a remote lease is sent straight to the entity that granted the lease,
 * with the lease id; the entity runs it through its local {@code LeasedExecutor}.
 */
@InternalApi
public final class JobWire {

  private JobWire() {}

  /**
   * INTERNAL API. A tracked job; {@code timeoutMillis} bounds its wait in the group's queue; a
   * non-null {@code leaseId} runs it under that lease instead.
   */
  @InternalApi
  public record Tracked(long id, RemoteJob job, long timeoutMillis, String leaseId)
      implements CborSerializable {}

  /** INTERNAL API. The group took job {@code id}; the sender is the group's entity. */
  @InternalApi
  public record Accepted(long id) implements CborSerializable {}

  /**
   * INTERNAL API. Job {@code id} ended: with {@code result} when {@code failure} is null, else
   * failed with {@code failure}, a Throwable bound to a serializer in {@code reference.conf}.
   */
  @InternalApi
  public record Outcome(
      long id,
      @JsonSerialize(using = NestedMessage.Writer.class)
          @JsonDeserialize(using = NestedMessage.Reader.class)
          Object result,
      @JsonSerialize(using = NestedMessage.Writer.class)
          @JsonDeserialize(using = NestedMessage.Reader.class)
          Object failure)
      implements CborSerializable {

    static Outcome success(long id, Object result) {
      return new Outcome(id, result, null);
    }

    static Outcome failure(long id, RuntimeException failure) {
      return new Outcome(id, null, failure);
    }
  }
}
