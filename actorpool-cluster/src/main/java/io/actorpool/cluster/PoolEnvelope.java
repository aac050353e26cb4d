package io.actorpool.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.actorpool.AcquireLease;
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
 * ScaleChanged}, {@code GetPoolStatus}, {@code AwaitSettled}, an {@link AcquireRemoteLease}, or a
 * {@link RemoteJob} of a registered job type. It is serialized with its own Pekko serializer,
 * nested inside the envelope's CBOR.
 *
 * <p>A {@link Submit} carries a local {@code Callable}, which cannot be sent to another node, and a
 * group can move to another node at any moment; so the envelope refuses it when it is built,
 * before anything is sent, with a {@link LocalJobException} telling the caller to register a job
 * type. Likewise a core {@link AcquireLease}, whose reply holds a local {@code LeasedExecutor}, is
 * refused with a {@link LocalLeaseException}; send {@link AcquireRemoteLease} instead.
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
   * @throws LocalLeaseException if {@code message} is an {@link AcquireLease}
   * @throws IllegalArgumentException if {@code key} is empty
   */
  public PoolEnvelope {
    requireKey(key);
    Objects.requireNonNull(message, "PoolEnvelope message");
    if (message instanceof Submit) {
      throw LocalJobException.forGroup(key);
    }
    if (message instanceof AcquireLease) {
      throw LocalLeaseException.forGroup(key);
    }
  }

  /** Checks a group key as the envelope does: not null, not empty. */
  static String requireKey(String key) {
    Objects.requireNonNull(key, "PoolEnvelope key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("PoolEnvelope key must not be empty");
    }
    return key;
  }
}
