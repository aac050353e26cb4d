package io.actorpool.benchmarks.failover;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorpool.PoolSettings;
import io.actorpool.cluster.ClusterPools;
import io.actorpool.cluster.JobHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.ShardRegion;

/**
 * One node of the failover benchmark, in its own JVM (or, for the client, in the benchmark's):
 * joins the cluster on 127.0.0.1 through a seed and, with the {@value #ROLE} role, hosts the
 * groups of {@value #TYPE}, either as ActorPool pool groups ({@code ClusterPools.start}) or as a
 * plain Pekko sharding entity that replies with this node's id. Both answer a job with the id of
 * the node that ran it, so the client sees where each group lives and when it answers again.
 *
 * <pre>
 * FailoverNode &lt;actorpool|plain&gt; &lt;port&gt; &lt;seed-port&gt;
 * </pre>
 *
 * <p>It prints {@code NODE UP <address>} once it has joined.
 */
public final class FailoverNode {

  static final String HOST = "127.0.0.1";
  /** The group (entity) type of both sides. */
  static final String TYPE = "groups";
  /** The role of hosting nodes; the client has {@code client} instead. */
  static final String ROLE = "pool";
  /** The actor system name of both sides' clusters. */
  static final String SYSTEM = "Failover";

  /** This JVM's node id (its port), the answer of every job it runs. */
  private static volatile String nodeId = "?";

  private FailoverNode() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: FailoverNode <actorpool|plain> <port> <seed-port>");
      System.exit(2);
    }
    Side side = Side.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    ActorSystem system = start(side, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
        List.of(ROLE));
    Cluster.get(system).registerOnMemberUp(
        () -> System.out.println("NODE UP " + Cluster.get(system).selfAddress()));
  }

  /** The two systems under test. */
  enum Side {
    ACTORPOOL, PLAIN;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Starts a node of {@code side}: a hosting node with role {@value #ROLE}, otherwise a client
   * that only runs a proxy. Returns the system; the region or proxy is {@link #region}.
   */
  static ActorSystem start(Side side, int port, int seedPort, List<String> roles) {
    nodeId = String.valueOf(port);
    boolean hosts = roles.contains(ROLE);
    Config config = ConfigFactory.parseMap(Map.of(
            "pekko.remote.artery.canonical.port", port,
            "pekko.cluster.seed-nodes", List.of(address(seedPort)),
            "pekko.cluster.roles", roles))
        // The client shares the benchmark's console: the kill's connection warnings stay out.
        .withFallback(hosts ? ConfigFactory.empty()
            : ConfigFactory.parseMap(Map.of("pekko.loglevel", "ERROR")))
        .withFallback(ConfigFactory.parseResources("failover.conf"))
        .withFallback(ConfigFactory.load());
    ActorSystem system = ActorSystem.create(SYSTEM, config);
    if (side == Side.ACTORPOOL) {
      ClusterPools pools = ClusterPools.get(system);
      if (hosts) {
        pools.start(TYPE, PoolSettings.create(system), Set.of(ROLE));
      } else {
        pools.startProxy(TYPE, Set.of(ROLE));
      }
    } else if (hosts) {
      ClusterSharding.get(system).start(TYPE, Props.create(ReplyEntity.class),
          ClusterShardingSettings.create(system).withRole(ROLE).withNoPassivationStrategy(),
          new KeyExtractor());
    } else {
      ClusterSharding.get(system).startProxy(TYPE, Optional.of(ROLE), new KeyExtractor());
    }
    return system;
  }

  /** The region (or proxy) of the plain side on {@code system}. */
  static ActorRef region(ActorSystem system) {
    return ClusterSharding.get(system).shardRegion(TYPE);
  }

  static String address(int port) {
    return "pekko://" + SYSTEM + "@" + HOST + ":" + port;
  }

  /** ActorPool's registered job type {@code where}: answers with the id of the node it ran on. */
  public static final class Where implements JobHandler<String> {
    @Override
    public Object handle(String payload) {
      return nodeId;
    }
  }

  /** The plain side's entity: answers every message with the id of its node. */
  public static final class ReplyEntity extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().matchAny(m -> getSender().tell(nodeId, getSelf())).build();
    }
  }

  /**
   * The plain side's extractor: the message is the key, and each key is its own shard, as in
   * ActorPool's {@code GroupMessageExtractor}; remember-entities restarts come as {@code
   * StartEntity}.
   */
  static final class KeyExtractor implements ShardRegion.MessageExtractor {
    @Override
    public String entityId(Object message) {
      return message instanceof String key ? key : null;
    }

    @Override
    public Object entityMessage(Object message) {
      return message;
    }

    @Override
    public String shardId(Object message) {
      if (message instanceof String key) {
        return key;
      }
      return message instanceof ShardRegion.StartEntity s ? s.entityId() : null;
    }
  }
}
