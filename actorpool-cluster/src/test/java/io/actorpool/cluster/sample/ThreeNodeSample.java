package io.actorpool.cluster.sample;

import io.actorpool.AwaitSettled;
import io.actorpool.ScaleChanged;
import io.actorpool.cluster.ClusterPoolStatus;
import io.actorpool.cluster.ClusterPools;
import io.actorpool.cluster.NodeLoadSource;
import io.actorpool.cluster.RemoteJob;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.awaitility.Awaitility;

/**
 * A three-node ActorPool cluster on one machine, in one command: {@code mvn -B -q -pl
 * actorpool-cluster test-compile exec:java}. It starts three {@link ClusterNode}s on 127.0.0.1,
 * spreads six tenant groups over them, runs a registered job on each from the third node, prints
 * the cluster status, lets node 3 leave gracefully, and prints where its groups went.
 */
public final class ThreeNodeSample {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private ThreeNodeSample() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Runs the whole demo, printing to {@code out}; returns the status after node 3 left. */
  public static ClusterPoolStatus run(PrintStream out) throws Exception {
    return run(out, null);
  }

  /**
   * As {@link #run(PrintStream)}, with every node reporting {@code load} instead of its JVM's,
   * so placement does not depend on how busy the machine is; {@code null} keeps the real load.
   */
  public static ClusterPoolStatus run(PrintStream out, NodeLoadSource load) throws Exception {
    List<ActorSystem> nodes = new ArrayList<>();
    try {
      int seedPort = freePort();
      String seed = "127.0.0.1:" + seedPort;
      nodes.add(ClusterNode.start("127.0.0.1", seedPort, seed, List.of(ClusterNode.ROLE)));
      nodes.add(ClusterNode.start("127.0.0.1", freePort(), seed, List.of(ClusterNode.ROLE)));
      nodes.add(ClusterNode.start("127.0.0.1", freePort(), seed, List.of(ClusterNode.ROLE)));
      if (load != null) {
        nodes.forEach(n -> ClusterPools.get(n).useLoadSource(load));
      }
      Awaitility.await("three members Up").atMost(Duration.ofSeconds(60))
          .until(() -> nodes.stream().allMatch(n -> Cluster.get(n).state().members()
              .count(m -> m.status() == MemberStatus.up()) == 3));
      out.println("cluster up: " + Cluster.get(nodes.get(0)).state().getMembers());

      ClusterPools third = ClusterPools.get(nodes.get(2));
      for (int i = 0; i < 6; i++) {
        String tenant = "tenant-" + i;
        third.tell(ClusterNode.TYPE, tenant, new ScaleChanged(10 * (i + 1)), ActorRef.noSender());
        third.ask(ClusterNode.TYPE, tenant, AwaitSettled.INSTANCE, TIMEOUT)
            .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      // "echo" is registered under actor-pool.cluster.job-types in the test application.conf.
      for (int i = 0; i < 6; i++) {
        Object result = third.submit(ClusterNode.TYPE, "tenant-" + i,
            new RemoteJob("echo", "hello from node 3 to tenant-" + i), TIMEOUT)
            .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        out.println("job result: " + result);
      }
      print(out, "before node 3 leaves", status(third));

      String leaving = Cluster.get(nodes.get(2)).selfAddress().toString();
      Cluster.get(nodes.get(2)).leave(Cluster.get(nodes.get(2)).selfAddress());
      nodes.get(2).getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      ClusterPools first = ClusterPools.get(nodes.get(0));
      ClusterPoolStatus after = Awaitility.await("node 3's groups moved")
          .atMost(TIMEOUT.multipliedBy(3))
          .until(() -> status(first), s -> s.groups().size() == 6
              && s.groups().stream().noneMatch(g -> g.node().equals(leaving)));
      print(out, "after node 3 left", after);
      return after;
    } finally {
      for (ActorSystem node : nodes) {
        node.terminate();
        node.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static ClusterPoolStatus status(ClusterPools pools) throws Exception {
    return pools.clusterStatus(ClusterNode.TYPE, TIMEOUT).toCompletableFuture()
        .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
  }

  private static void print(PrintStream out, String title, ClusterPoolStatus status) {
    out.println("--- " + title + " ---");
    status.groups().forEach(g -> out.printf("%-10s on %s: %d pools, %d units%n",
        g.key(), g.node(), g.status().total(), g.status().units()));
    status.nodes().forEach((node, load) -> out.printf("%s cpu %.2f heap %.2f%s%n",
        node, load.cpu(), load.memory(), load.overloaded() ? " OVERLOADED" : ""));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
