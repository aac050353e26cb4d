package io.actorpool.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.actorpool.Submit;
import io.actorpool.cluster.internal.NestedMessage;
import java.util.Objects;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Delivers {@code message} to the supervisor of pool group {@code key}, wherever in the cluster
 * that group lives. Send it to the region returned by {@link ClusterPools#start} or {@link
 * ClusterPools#startProxy}, or use {@link ClusterPools#ask}. Replies go straight back to the
 * sender.
 *
 * <p>{@code message} is any message of the supervisor's protocol that can cross nodes: {@code
 * ScaleChanged}, {@code GetPoolStatus}, {@code AwaitSettled}, or a {@link RemoteJob} of a
 * registered job type. It is serialized with its own Pekko serializer, nested inside the
 * envelope's CBOR.
 *
 * <p>A {@link Submit} carries a local {@code Callable}, which cannot be sent to another node, and a
 * group can move to another node at any moment; so the envelope refuses it when it is built,
 * before anything is sent, with a {@link LocalJobException} telling the caller to register a job
 * type.
 *
 * @param key the pool group (tenant, device fleet, capability set); not empty
 * @param message the message for the group's supervisor
 */
@ApiMayChange
public record PoolEnvelope(
    String key,
    @JsonSerialize(using = NestedMessage.Writer.class)
        @JsonDeserialize(using = NestedMessage.Reader.class)
        Object message)
    implements CborSerializable {

  /**
   * @throws LocalJobException if {@code message} is a {@link Submit}
   * @throws IllegalArgumentException if {@code key} is empty
   */
  public PoolEnvelope {
    Objects.requireNonNull(key, "PoolEnvelope key");
    Objects.requireNonNull(message, "PoolEnvelope message");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("PoolEnvelope key must not be empty");
    }
    if (message instanceof Submit) {
      throw LocalJobException.forGroup(key);
    }
  }
}
