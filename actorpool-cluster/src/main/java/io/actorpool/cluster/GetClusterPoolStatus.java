package io.actorpool.cluster;

import java.util.Objects;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Asks for the state of every pool group of one type and the load of every node. Send it to
 * {@link ClusterPools#ref()} on any node, or call {@link ClusterPools#clusterStatus}. Reply: {@link
 * ClusterPoolStatus}, or {@code Status.Failure} if the type was not started on this node.
 *
 * @param typeName the pool group type, as given to {@link ClusterPools#start} or {@link
 *     ClusterPools#startProxy}
 */
@ApiMayChange
public record GetClusterPoolStatus(String typeName) implements CborSerializable {
  public GetClusterPoolStatus {
    Objects.requireNonNull(typeName, "typeName");
  }
}
