package io.actorpool.cluster.internal;

import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * INTERNAL API.
 *
 * <p>Bound in {@code reference.conf} to the core messages that hold local objects and must never
 * cross nodes: {@code Submit} (a {@code Callable}), {@code AcquireLease} (answered with a local
 * executor), {@code LeaseGranted} and {@code LeasedExecutor}. Sending one to an actor on another
 * node fails on the sending side, and Pekko logs this serializer's message, which says what to
 * use instead, rather than a bare "Java serialization is off".
 */
@InternalApi
public final class LocalOnlySerializer extends SerializerWithStringManifest {

  public LocalOnlySerializer(ExtendedActorSystem system) {}

  @Override
  public int identifier() {
    return 7411;
  }

  @Override
  public String manifest(Object o) {
    return o.getClass().getName();
  }

  @Override
  public byte[] toBinary(Object o) {
    throw new IllegalArgumentException(explain(o.getClass().getName()));
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    throw new NotSerializableException(explain(manifest));
  }

  /** INTERNAL API. Why {@code className} cannot cross nodes, and what to send instead. */
  static String explain(String className) {
    String instead = className.endsWith("Submit")
        ? "register a JobHandler under actor-pool.cluster.job-types and send a RemoteJob"
        : "use ClusterPools.acquireLease(...) or send an AcquireRemoteLease in a PoolEnvelope,"
            + " which give a RemoteLeasedExecutor";
    return className + " holds a local object (a Callable or a LeasedExecutor that runs work on"
        + " this node's threads) and cannot be sent to another node; " + instead;
  }
}
