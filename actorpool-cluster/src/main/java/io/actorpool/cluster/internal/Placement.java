package io.actorpool.cluster.internal;

import io.actorpool.cluster.NodeLoad;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The placement rules of {@link LoadAwareAllocationStrategy} as plain Java, with no actors and
 * no cluster, so they are tested with made-up nodes.
 *
 * <p>Allocation: among the nodes that have every required role, skip overloaded ones (unless all
 * are), then take the lowest load band ({@code floor(score / load-tolerance)}), then the fewest
 * groups, then the lowest address so the choice is stable.
 *
 * <p>Rebalance, at most {@code max-moves-per-interval} moves in flight: first move groups off
 * overloaded or ineligible nodes, when a healthy eligible node exists; otherwise move one group off
 * the fullest healthy node when it has {@code rebalance-threshold} more groups than the node
 * allocation would pick now. Moves never target an overloaded node, because the moved group is
 * placed by the allocation rule above.
 */
/*
 * Design notes. Placement by load band rather than by raw score: raw CPU ratios jitter by a few
 * percent between samples, so ranking by them would pile every new group on whichever node
 * happened to sample lowest. Within a band the group count spreads groups evenly. The
 * imbalance rule compares with the node allocation would choose, never with an arbitrary
 * least-filled node, so a moved group cannot land back where it came from (no ping-pong).
 * Cost: O(nodes log nodes) per decision; the coordinator calls it once per shard allocation
 * and once per rebalance-interval.
 */
@InternalApi
public final class Placement {

  private final Set<String> requiredRoles;
  private final double loadTolerance;
  private final int maxMoves;
  private final int rebalanceThreshold;

  /**
   * A node as placement sees it.
   *
   * @param region the node's region (opaque here)
   * @param address its address, for a stable order
   * @param roles its cluster roles
   * @param load its last shared load, or null if none is known yet (counts as idle)
   * @param shards the groups it hosts now
   * @param available whether its member is Up; a node that is leaving, down or already removed
   *     (its region not yet terminated) is neither a target nor a source: its groups move through
   *     hand-off or node loss, and asking it to hand off would wait for a dead region
   */
  public record Node<R>(R region, String address, Set<String> roles, NodeLoad load,
      List<String> shards, boolean available) {

    public Node(R region, String address, Set<String> roles, NodeLoad load, List<String> shards) {
      this(region, address, roles, load, shards, true);
    }

    boolean overloaded() {
      return load != null && load.overloaded();
    }

    double score() {
      return load == null ? 0.0 : load.score();
    }
  }

  public Placement(Set<String> requiredRoles, double loadTolerance, int maxMoves,
      int rebalanceThreshold) {
    this.requiredRoles = Set.copyOf(requiredRoles);
    this.loadTolerance = loadTolerance;
    this.maxMoves = maxMoves;
    this.rebalanceThreshold = rebalanceThreshold;
  }

  public Set<String> requiredRoles() {
    return requiredRoles;
  }

  boolean eligible(Node<?> node) {
    return node.roles().containsAll(requiredRoles);
  }

  /**
   * Fewest groups first, then the lowest load band. Group count first spreads a burst of new
   * groups the way Pekko's default strategy does, so a steady cluster has nothing to rebalance
   * (every move risks a long hand-off if a node dies during it); load still decides between
   * equally full nodes, and overloaded nodes are left out before this order is applied.
   */
  private Comparator<Node<?>> preference() {
    return Comparator.<Node<?>>comparingInt(n -> n.shards().size())
        .thenComparingLong(n -> (long) Math.floor(n.score() / loadTolerance))
        .thenComparing(Node::address);
  }

  /** The node a new group goes to, or empty if no node has the required roles. */
  public <R> Optional<Node<R>> allocate(List<Node<R>> nodes) {
    List<Node<R>> eligible = new ArrayList<>();
    List<Node<R>> healthy = new ArrayList<>();
    for (Node<R> n : nodes) {
      if (n.available() && eligible(n)) {
        eligible.add(n);
        if (!n.overloaded()) {
          healthy.add(n);
        }
      }
    }
    List<Node<R>> pool = healthy.isEmpty() ? eligible : healthy;
    return pool.stream().min(preference());
  }

  /** The groups to move now; empty when nothing should move. */
  public <R> Set<String> rebalance(List<Node<R>> nodes, Set<String> inProgress) {
    int budget = maxMoves - inProgress.size();
    Set<String> moves = new LinkedHashSet<>();
    if (budget <= 0) {
      return moves;
    }
    List<Node<R>> healthy = new ArrayList<>();
    List<Node<R>> leaving = new ArrayList<>();
    for (Node<R> n : nodes) {
      if (!n.available()) {
        continue;
      }
      if (eligible(n) && !n.overloaded()) {
        healthy.add(n);
      } else {
        leaving.add(n);
      }
    }
    if (healthy.isEmpty()) {
      return moves;
    }
    leaving.sort(Comparator.<Node<R>>comparingInt(n -> n.shards().size()).reversed());
    for (Node<R> n : leaving) {
      for (String shard : n.shards()) {
        if (moves.size() < budget && !inProgress.contains(shard)) {
          moves.add(shard);
        }
      }
    }
    if (!moves.isEmpty()) {
      return moves;
    }
    Node<R> target = healthy.stream().min(preference()).orElseThrow();
    Node<R> fullest =
        healthy.stream().max(Comparator.comparingInt(n -> n.shards().size())).orElseThrow();
    if (fullest != target
        && fullest.shards().size() - target.shards().size() >= rebalanceThreshold) {
      fullest.shards().stream()
          .filter(s -> !inProgress.contains(s))
          .reduce((first, second) -> second)
          .ifPresent(moves::add);
    }
    return moves;
  }
}
