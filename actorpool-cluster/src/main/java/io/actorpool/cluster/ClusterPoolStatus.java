package io.actorpool.cluster;

import io.actorpool.PoolStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * Reply to {@link GetClusterPoolStatus}: every group of one type with its node and {@link
 * PoolStatus}, and every node's last shared {@link NodeLoad}. Groups are asked one by one, so the
 * snapshot is not atomic across groups.
 *
 * @param typeName the pool group type
 * @param groups every group that answered, sorted by key
 * @param unanswered keys of groups that are hosted but did not answer in time (e.g. moving)
 * @param nodes each node's load, by node address ({@code pekko://system@host:port})
 */
@ApiMayChange
public record ClusterPoolStatus(
    String typeName, List<Group> groups, List<String> unanswered, Map<String, NodeLoad> nodes)
    implements CborSerializable {

  public ClusterPoolStatus {
    Objects.requireNonNull(typeName, "typeName");
    groups = List.copyOf(groups);
    unanswered = List.copyOf(unanswered);
    nodes = Map.copyOf(nodes);
  }

  /** The group of {@code key}, if it answered. */
  public java.util.Optional<Group> group(String key) {
    return groups.stream().filter(g -> g.key().equals(key)).findFirst();
  }

  /**
   * One pool group in a {@link ClusterPoolStatus}.
   *
   * @param key the group's key
   * @param node the address of the node hosting it
   * @param status its supervisor's status
   */
  public record Group(String key, String node, PoolStatus status) implements CborSerializable {
    public Group {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(status, "status");
    }
  }
}
