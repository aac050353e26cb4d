package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.ScaleChanged;
import io.actorpool.Submit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three cluster nodes in one JVM on 127.0.0.1 (port 0): node 1 has no roles, node 2 has {@code
 * gpu} and {@code linux}, node 3 has {@code gpu}. Each node reports a load the test sets. The
 * tests share the cluster and run in order; the last one makes node 3 leave.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPoolsIT {

  private static final Duration WAIT = InJvmCluster.WAIT;
  private static final Duration ASK = InJvmCluster.ASK;
  private static final NodeLoad CALM = new NodeLoad(0.1, 0.1, false, 0L);
  private static final NodeLoad OVERLOADED = new NodeLoad(0.97, 0.4, true, 0L);

  private static final List<ActorSystem> nodes = new ArrayList<>();
  private static final List<NodeLoad[]> loads = new ArrayList<>();
  private static PoolSettings settings;

  @BeforeAll
  static void startCluster() {
    List<List<String>> roles = List.of(List.of(), List.of("gpu", "linux"), List.of("gpu"));
    roles.forEach(r -> loads.add(new NodeLoad[] {CALM}));
    nodes.addAll(InJvmCluster.start("ClusterPoolsIT",
        roles.stream().map(r -> ConfigFactory.parseMap(Map.of("pekko.cluster.roles", r))).toList(),
        i -> () -> loads.get(i)[0]));
    settings = PoolSettings.create(nodes.get(0)).withPoolBounds(1, 3).withWorkersPerPool(1);
    for (ActorSystem n : nodes) {
      ClusterPools pools = ClusterPools.get(n);
      pools.start("spread", settings);
      pools.start("gpu", settings, Set.of("gpu"));
      pools.start("gpu-linux", settings, Set.of("gpu", "linux"));
      pools.start("load", settings);
    }
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(TestKit::shutdownActorSystem);
  }

  private static ClusterPools pools(int node) {
    return ClusterPools.get(nodes.get(node - 1));
  }

  private static String address(int node) {
    return Cluster.get(nodes.get(node - 1)).selfAddress().toString();
  }

  private static <T> T await(CompletionStage<T> stage) {
    return InJvmCluster.await(stage);
  }

  /** Starts groups {@code prefix0..n-1} of {@code type} from node 1 and waits until they answer. */
  private static List<String> startGroups(String type, String prefix, int from, int to) {
    List<String> keys = IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    for (String key : keys) {
      pools(1).tell(type, key, new ScaleChanged(1), ActorRef.noSender());
      PoolStatus status =
          (PoolStatus) await(pools(1).ask(type, key, io.actorpool.AwaitSettled.INSTANCE, ASK));
      assertEquals(1, status.total());
    }
    return keys;
  }

  /** Key -> hosting node address, once every key in {@code keys} answers. */
  private static Map<String, String> placement(int fromNode, String type, List<String> keys) {
    return InJvmCluster.placement(nodes.get(fromNode - 1), type, keys);
  }

  @Test
  @Order(1)
  void groups_equalLoad_spreadOverAllNodes() {
    List<String> keys = startGroups("spread", "s", 0, 9);
    Map<String, String> where = placement(2, "spread", keys);
    Map<String, Long> perNode =
        where.values().stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
    assertEquals(Set.of(address(1), address(2), address(3)), perNode.keySet(), perNode.toString());
    perNode.values().forEach(n -> assertTrue(n >= 2, "uneven spread: " + perNode));
    ClusterPoolStatus status = await(pools(3).clusterStatus("spread", ASK));
    assertEquals(3, status.nodes().size(), "every node's load is shared: " + status.nodes());
  }

  @Test
  @Order(2)
  void messages_fromAnyNode_reachTheGroupAndReplyToTheSender() {
    for (int node = 1; node <= 3; node++) {
      ClusterPools pools = pools(node);
      assertEquals("HELLO-" + node,
          await(pools.ask("spread", "s4", new RemoteJob("echo", "hello-" + node), ASK)));
      assertEquals("TRACKED-" + node,
          await(pools.submit("spread", "s5", new RemoteJob("echo", "tracked-" + node), ASK)));
      PoolStatus status = await(pools.status("spread", "s6", ASK));
      assertEquals(1, status.total());
    }
    // The sender gets the job's failure, with its type and message, from wherever it ran.
    CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> await(pools(2).submit("spread", "s7", new RemoteJob("fail", "x"), ASK)));
    assertInstanceOf(RemoteJobException.class, failed.getCause());
    assertTrue(failed.getCause().getMessage().contains("IllegalStateException: boom: x"));
    CompletionException unknown = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> await(pools(3).ask("spread", "s8", new RemoteJob("nope", "x"), ASK)));
    assertInstanceOf(RemoteJobException.class, unknown.getCause());
    assertTrue(unknown.getCause().getMessage().contains("no job type [nope]"));
  }

  @Test
  @Order(3)
  void localCallable_toClusterGroup_failsClearlyBeforeSending() {
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> await(pools(1).ask("spread", "s0", new Submit(() -> 42), ASK)));
    assertInstanceOf(LocalJobException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("register a JobHandler"));
  }

  @Test
  @Order(4)
  void capabilityGroups_landOnlyOnNodesWithEveryRole() {
    List<String> gpu = startGroups("gpu", "g", 0, 6);
    Map<String, String> gpuWhere = placement(1, "gpu", gpu);
    assertTrue(Set.of(address(2), address(3)).containsAll(gpuWhere.values()), gpuWhere.toString());
    List<String> both = startGroups("gpu-linux", "gl", 0, 4);
    Map<String, String> bothWhere = placement(3, "gpu-linux", both);
    assertEquals(Set.of(address(2)), Set.copyOf(bothWhere.values()), bothWhere.toString());
  }

  @Test
  @Order(5)
  void overloadedNode_getsNoNewGroups_andItsGroupsMoveAway() {
    List<String> before = startGroups("load", "l", 0, 6);
    Map<String, String> initial = placement(1, "load", before);
    assertTrue(initial.containsValue(address(3)), "node 3 hosts some groups: " + initial);

    loads.get(2)[0] = OVERLOADED;
    TestKit probe = new TestKit(nodes.get(0));
    probe.awaitAssert(WAIT, () -> {
      NodeLoad seen = pools(1).nodeLoads().get(address(3));
      assertTrue(seen != null && seen.overloaded(), "node 1 sees node 3 overloaded: " + seen);
      return null;
    });
    List<String> after = startGroups("load", "l", 6, 10);
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    probe.awaitAssert(WAIT, () -> {
      Map<String, String> where = placement(1, "load", all);
      assertTrue(!where.containsValue(address(3)), "nothing left on node 3: " + where);
      return null;
    });
    loads.get(2)[0] = CALM;
  }

  @Test
  @Order(6)
  void nodeLeavesGracefully_itsGroupsMoveAndAnswer() {
    // The overload test before this one moved every group off node 3; once node 1 sees it calm
    // again, new groups go to it first (fewest groups), so it has groups of its own to hand off.
    TestKit calm = new TestKit(nodes.get(0));
    calm.awaitAssert(WAIT, () -> {
      NodeLoad seen = pools(1).nodeLoads().get(address(3));
      assertTrue(seen != null && !seen.overloaded(), "node 1 sees node 3 calm: " + seen);
      return null;
    });
    List<String> keys = new ArrayList<>(IntStream.range(0, 9).mapToObj(i -> "s" + i).toList());
    keys.addAll(startGroups("spread", "t", 0, 3));
    Map<String, String> before = placement(1, "spread", keys);
    List<String> onThree = before.entrySet().stream()
        .filter(e -> e.getValue().equals(address(3))).map(Map.Entry::getKey).toList();
    assertTrue(!onThree.isEmpty(), "node 3 hosts some groups: " + before);
    String leaving = address(3);

    Cluster.get(nodes.get(2)).leave(Cluster.get(nodes.get(2)).selfAddress());
    TestKit probe = new TestKit(nodes.get(0));
    probe.awaitAssert(WAIT, () -> {
      assertTrue(nodes.get(2).whenTerminated().isCompleted(), "node 3 has left and stopped");
      return null;
    });
    Map<String, String> after = placement(1, "spread", keys);
    assertTrue(!after.containsValue(leaving), "no group on the departed node: " + after);
    for (String key : onThree) {
      assertEquals("MOVED", await(pools(2).ask("spread", key, new RemoteJob("echo", "moved"), ASK)));
    }
  }
}
