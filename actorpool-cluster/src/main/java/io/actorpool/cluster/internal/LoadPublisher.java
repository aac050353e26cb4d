package io.actorpool.cluster.internal;

import io.actorpool.cluster.NodeLoad;
import io.actorpool.cluster.NodeLoadSource;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;

/**
 * INTERNAL API.
 *
 * <p>Shares this node's {@link NodeLoad} with the cluster and keeps the {@link LoadBoard} of every
 * node's load. Every {@code load.publish-interval} it reads the {@link NodeLoadSource}, writes the
 * value locally under its own address in one Distributed Data {@code LWWMap} (gossip spreads it;
 * the map is tiny), and mirrors every change of the map into the board. Entries of removed nodes
 * are deleted, so a dead node's last load cannot attract or repel placement.
 */
@InternalApi
public final class LoadPublisher extends AbstractActorWithTimers {

  /** The one replicated key: node address -> its last load. */
  static final org.apache.pekko.cluster.ddata.Key<LWWMap<String, NodeLoad>> KEY =
      LWWMapKey.create("actor-pool-node-load");

  private enum Tick {
    INSTANCE
  }

  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final Supplier<NodeLoadSource> source;
  private final LoadBoard board;
  private final Duration interval;
  private final ActorRef replicator = DistributedData.get(getContext().getSystem()).replicator();
  private final SelfUniqueAddress self =
      DistributedData.get(getContext().getSystem()).selfUniqueAddress();
  private final Cluster cluster = Cluster.get(getContext().getSystem());
  private final String address = cluster.selfAddress().toString();
  /** The last failure logged, so a source that keeps failing is logged once. */
  private String lastError;

  private LoadPublisher(Supplier<NodeLoadSource> source, LoadBoard board, Duration interval) {
    this.source = source;
    this.board = board;
    this.interval = interval;
  }

  /** INTERNAL API. {@code source} is re-read on every tick, so it can be swapped at runtime. */
  public static Props props(Supplier<NodeLoadSource> source, LoadBoard board, Duration interval) {
    return Props.create(LoadPublisher.class, () -> new LoadPublisher(source, board, interval));
  }

  @Override
  public void preStart() {
    replicator.tell(new Replicator.Subscribe<>(KEY, getSelf()), getSelf());
    cluster.subscribe(getSelf(), ClusterEvent.MemberRemoved.class);
    getTimers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, interval);
    publish();
  }

  @Override
  public void postStop() {
    cluster.unsubscribe(getSelf());
  }

  @Override
  @SuppressWarnings("unchecked")
  public Receive createReceive() {
    return receiveBuilder()
        .matchEquals(Tick.INSTANCE, t -> publish())
        .match(Replicator.Changed.class, c -> {
          LWWMap<String, NodeLoad> map = (LWWMap<String, NodeLoad>) c.dataValue();
          board.replaceAll(map.getEntries());
        })
        .match(ClusterEvent.MemberRemoved.class, removed -> {
          String gone = removed.member().address().toString();
          board.replaceAll(withoutKey(board.snapshot(), gone));
          replicator.tell(new Replicator.Update<LWWMap<String, NodeLoad>>(KEY, LWWMap.create(),
              Replicator.writeLocal(), m -> m.remove(self, gone)), getSelf());
        })
        .match(Replicator.UpdateResponse.class, r -> { })
        .match(ClusterEvent.CurrentClusterState.class, s -> { })
        .build();
  }

  private void publish() {
    NodeLoad load;
    try {
      load = source.get().read();
      if (load == null) {
        throw new IllegalStateException("NodeLoadSource returned null");
      }
    } catch (Exception e) {
      String error = e.toString();
      if (!error.equals(lastError)) {
        lastError = error;
        log.warning("{} load source failed; keeping the last shared load: {}", address, error);
      }
      return;
    }
    lastError = null;
    board.put(address, load);
    replicator.tell(new Replicator.Update<LWWMap<String, NodeLoad>>(KEY, LWWMap.create(),
        Replicator.writeLocal(), m -> m.put(self, address, load)), getSelf());
  }

  private static java.util.Map<String, NodeLoad> withoutKey(
      java.util.Map<String, NodeLoad> map, String key) {
    java.util.Map<String, NodeLoad> copy = new java.util.HashMap<>(map);
    copy.remove(key);
    return copy;
  }
}
