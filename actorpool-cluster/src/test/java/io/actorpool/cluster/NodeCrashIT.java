package io.actorpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.actorpool.AwaitSettled;
import io.actorpool.PoolStatus;
import io.actorpool.ScaleChanged;
import io.actorpool.cluster.sample.ClusterNode;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three node JVMs on loopback ({@link ClusterNode}, same classpath) plus this JVM as a client node
 * that hosts no groups. Node 3 is killed with SIGKILL while it runs jobs: its groups must be back
 * on the other nodes within the failover budget, and every submitted job must be accounted for.
 */
class NodeCrashIT {

  private static final String HOST = "127.0.0.1";
  private static final Duration ASK = Duration.ofSeconds(10);
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
  private static final List<Process> processes = new ArrayList<>();
  private static final List<Integer> ports = new ArrayList<>();
  private static ActorSystem client;

  @BeforeAll
  static void startNodes() throws IOException {
    for (int i = 0; i < 3; i++) {
      ports.add(freePort());
    }
    String seed = HOST + ":" + ports.get(0);
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    File logs = new File("target/node-crash-it");
    logs.mkdirs();
    for (int i = 0; i < 3; i++) {
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          ClusterNode.class.getName(), HOST, String.valueOf(ports.get(i)), seed, ClusterNode.ROLE)
          .redirectErrorStream(true)
          .redirectOutput(new File(logs, "node-" + (i + 1) + ".log"));
      processes.add(pb.start());
    }
    client = ClusterNode.start(HOST, 0, seed, List.of("client"));
  }

  @AfterAll
  static void stopNodes() {
    try {
      if (client != null) {
        TestKit.shutdownActorSystem(client);
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /**
   * The failover budget of the test configuration: failure detection (heartbeat-interval plus
   * acceptable-heartbeat-pause), the split brain resolver's stable-after before it downs the node,
   * the same again as down-removal-margin before sharding moves the groups, and 10s for
   * reallocation, the groups' restart and a slow shared machine.
   */
  private static Duration failoverBudget() {
    var config = client.settings().config();
    Duration heartbeat = config.getDuration("pekko.cluster.failure-detector.heartbeat-interval");
    Duration pause = config.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause");
    Duration stable = config.getDuration("pekko.cluster.split-brain-resolver.stable-after");
    return heartbeat.plus(pause).plus(stable.multipliedBy(2)).plusSeconds(10);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Test
  void nodeKilled_groupsRecoverWithinBudget_andEveryJobIsAccountedFor() {
    ClusterPools pools = ClusterPools.get(client);
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(4,
        Cluster.get(client).state().members().count(m -> m.status() == MemberStatus.up())));

    List<String> keys = IntStream.range(0, 6).mapToObj(i -> "c" + i).toList();
    for (String key : keys) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        pools.tell(ClusterNode.TYPE, key, new ScaleChanged(1), ActorRef.noSender());
        assertTrue(((PoolStatus) join(pools.ask(ClusterNode.TYPE, key, AwaitSettled.INSTANCE,
            ASK))).settled());
      });
    }
    String victim = "pekko://" + ClusterNode.SYSTEM + "@" + HOST + ":" + ports.get(2);
    Map<String, String> before = placement(pools, keys, ASK);
    List<String> lost = keys.stream().filter(k -> before.get(k).equals(victim)).toList();
    assertFalse(lost.isEmpty(), "node 3 hosts groups: " + before);

    // Long jobs on node 3's groups are in flight when it dies; the rest can finish.
    Map<String, CompletableFuture<Object>> jobs = new java.util.LinkedHashMap<>();
    for (String key : keys) {
      long millis = lost.contains(key) ? 120_000L : 1_500L;
      jobs.put(key + "/work", submit(pools, key, new RemoteJob("work", millis)));
      for (int i = 0; i < 3; i++) {
        jobs.put(key + "/echo-" + i, submit(pools, key, new RemoteJob("echo", key + "-" + i)));
      }
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (String key : lost) {
        assertEquals(1, join(pools.status(ClusterNode.TYPE, key, ASK)).runningJobs());
        for (int i = 0; i < 3; i++) {
          assertTrue(jobs.get(key + "/echo-" + i).isDone());
        }
      }
    });

    processes.get(2).destroyForcibly();
    long killed = System.nanoTime();
    Duration budget = failoverBudget();

    // Short asks while polling: a stats query waits for the dead node's region until it times out.
    await().atMost(budget).untilAsserted(() -> {
      Map<String, String> now = placement(pools, keys, Duration.ofSeconds(2));
      assertFalse(now.containsValue(victim), "groups still on the dead node: " + now);
    });
    Duration recovered = Duration.ofNanos(System.nanoTime() - killed);
    assertTrue(recovered.compareTo(budget) <= 0, "recovered in " + recovered + " > " + budget);
    client.log().info("groups {} recovered {} after SIGKILL (budget {})", lost, recovered, budget);

    CompletableFuture.allOf(jobs.values().toArray(CompletableFuture[]::new))
        .exceptionally(e -> null).orTimeout(60, TimeUnit.SECONDS).join();
    int completed = 0;
    int groupLost = 0;
    for (var e : jobs.entrySet()) {
      String key = e.getKey().substring(0, e.getKey().indexOf('/'));
      try {
        Object result = e.getValue().join();
        completed++;
        assertFalse(lost.contains(key) && e.getKey().endsWith("/work"),
            "a job in flight on the killed node cannot complete: " + e.getKey() + " " + result);
      } catch (CompletionException failure) {
        assertInstanceOf(GroupLostException.class, failure.getCause(), e.getKey());
        assertTrue(lost.contains(key), "only node 3's jobs are lost: " + e.getKey());
        groupLost++;
      }
    }
    assertEquals(jobs.size(), completed + groupLost, "every job accounted for");
    assertEquals(lost.size(), groupLost, "each job in flight on node 3 failed back to its caller");

    for (String key : lost) {
      assertEquals("AGAIN", join(pools.submit(ClusterNode.TYPE, key,
          new RemoteJob("echo", "again"), ASK)));
    }
  }

  private static CompletableFuture<Object> submit(ClusterPools pools, String key, RemoteJob job) {
    return pools.submit(ClusterNode.TYPE, key, job, JOB_TIMEOUT).toCompletableFuture();
  }

  private static Map<String, String> placement(ClusterPools pools, List<String> keys,
      Duration timeout) {
    ClusterPoolStatus status = join(pools.clusterStatus(ClusterNode.TYPE, timeout));
    Map<String, String> where = status.groups().stream()
        .collect(Collectors.toMap(ClusterPoolStatus.Group::key, ClusterPoolStatus.Group::node));
    assertTrue(where.keySet().containsAll(keys), "not every group answers: " + status);
    return where;
  }
}
