package io.actorpool.cluster.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * INTERNAL API.
 *
 * <p>The shard allocation strategy of every pool group type: one shard per group, placed by
 * {@link Placement} from the nodes' cluster roles and the loads in the {@link LoadBoard}. It runs
 * inside the shard coordinator (on the oldest node with the type's role) and answers
 * synchronously from local state, so it never delays the coordinator.
 */
@InternalApi
public final class LoadAwareAllocationStrategy extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {

  private final Placement placement;
  private final LoadBoard board;
  private volatile Cluster cluster;
  private volatile LoggingAdapter log;

  public LoadAwareAllocationStrategy(Placement placement, LoadBoard board) {
    this.placement = placement;
    this.board = board;
  }

  @Override
  public void start(ActorSystem system) {
    cluster = Cluster.get(system);
    log = Logging.getLogger(system, LoadAwareAllocationStrategy.class);
  }

  @Override
  public Future<ActorRef> allocateShard(
      ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
    return placement.allocate(nodes(current))
        .map(node -> Futures.successful(node.region()))
        .orElseGet(() -> {
          // The coordinator logs the failure and the requesting region asks again later, so a
          // group waits (its messages buffered) until a node with its roles joins.
          String why = "no node has the roles " + placement.requiredRoles()
              + " that pool group [" + shardId + "] requires";
          log.warning("{}", why);
          return Futures.failed(new IllegalStateException(why));
        });
  }

  @Override
  public Future<java.util.Set<String>> rebalance(
      Map<ActorRef, IndexedSeq<String>> current, java.util.Set<String> inProgress) {
    Set<String> moves = placement.rebalance(nodes(current), inProgress);
    if (!moves.isEmpty()) {
      log.info("rebalancing pool groups {} (load: {})", moves, board.snapshot());
    }
    return Futures.successful(moves);
  }

  private List<Placement.Node<ActorRef>> nodes(Map<ActorRef, IndexedSeq<String>> current) {
    Map<Address, Member> members = new HashMap<>();
    for (Member m : cluster.state().getMembers()) {
      members.put(m.address(), m);
    }
    // An unreachable member may be dead: moving a group off it (or onto it) waits for a hand-off
    // that never completes, sharding's whole handoff-timeout, before the group can start again.
    Set<Address> unreachable = new java.util.HashSet<>();
    for (Member m : cluster.state().getUnreachable()) {
      unreachable.add(m.address());
    }
    List<Placement.Node<ActorRef>> nodes = new ArrayList<>(current.size());
    current.forEach((region, shards) -> {
      Address address = region.path().address();
      if (!address.hasGlobalScope()) {
        address = cluster.selfAddress();
      }
      Member member = members.get(address);
      Set<String> roles = member == null ? Set.of() : member.getRoles();
      boolean available = member != null && !unreachable.contains(address)
          && (member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp());
      String key = address.toString();
      nodes.add(new Placement.Node<>(region, key, roles, board.get(key),
          CollectionConverters.asJava(shards), available));
    });
    return nodes;
  }
}
