package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.testkit.javadsl.TestKit;

/** The in-JVM cluster of the {@code *IT} classes: nodes on 127.0.0.1, port 0, joined to node 1. */
final class InJvmCluster {

  /** How long a test waits for the cluster to do something. */
  static final Duration WAIT = Duration.ofSeconds(30);
  /** The timeout of one ask. */
  static final Duration ASK = Duration.ofSeconds(10);

  private InJvmCluster() {}

  /**
   * Starts one node per config (each laid over the test {@code application.conf}), gives node
   * {@code i} (from 0) the load source {@code load.apply(i)} before it joins, joins all to the
   * first, and returns them once every node sees every node Up.
   */
  static List<ActorSystem> start(String name, List<Config> configs,
      IntFunction<NodeLoadSource> load) {
    List<ActorSystem> nodes = new ArrayList<>();
    for (Config config : configs) {
      ActorSystem node = ActorSystem.create(name, config.withFallback(ConfigFactory.load()));
      ClusterPools.get(node).useLoadSource(load.apply(nodes.size()));
      nodes.add(node);
    }
    Address seed = Cluster.get(nodes.get(0)).selfAddress();
    nodes.forEach(n -> Cluster.get(n).join(seed));
    new TestKit(nodes.get(0)).awaitAssert(WAIT, () -> {
      for (ActorSystem n : nodes) {
        assertEquals(nodes.size(),
            Cluster.get(n).state().members().count(m -> m.status() == MemberStatus.up()));
      }
      return null;
    });
    return nodes;
  }

  /** The stage's value, waiting at most {@link #WAIT}. */
  static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** Key -> hosting node address, as {@code from} sees it once every key in {@code keys} answers. */
  static Map<String, String> placement(ActorSystem from, String type, Collection<String> keys) {
    return new TestKit(from).awaitAssert(WAIT, () -> {
      ClusterPoolStatus status = await(ClusterPools.get(from).clusterStatus(type, ASK));
      Map<String, String> where = status.groups().stream()
          .collect(Collectors.toMap(ClusterPoolStatus.Group::key, ClusterPoolStatus.Group::node));
      assertTrue(where.keySet().containsAll(keys), "missing groups: " + where + " " + status);
      return where;
    });
  }
}
