package io.actorpool.cluster.sample;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorpool.PoolSettings;
import io.actorpool.cluster.ClusterPools;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;

/**
 * One ActorPool cluster node: joins the cluster through a seed node and hosts pool groups of type
 * {@value #TYPE} (when it has the {@value #ROLE} role).
 *
 * <pre>
 * ClusterNode &lt;host&gt; &lt;port&gt; &lt;seed-host:seed-port&gt; [roles, default "pool"]
 * </pre>
 *
 * <p>The first node names itself as the seed. Used by {@code NodeCrashIT} (one JVM per node) and
 * by the module README's "running the nodes by hand" section.
 */
public final class ClusterNode {

  /** The pool group type every node hosts. */
  public static final String TYPE = "tenants";
  /** The role that makes a node host {@value #TYPE} groups. */
  public static final String ROLE = "pool";
  /** The actor system name; every node of a cluster must use the same one. */
  public static final String SYSTEM = "ActorPool";

  private ClusterNode() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: ClusterNode <host> <port> <seed-host:seed-port> [roles]");
      System.exit(2);
    }
    List<String> roles = Arrays.asList((args.length > 3 ? args[3] : ROLE).split(","));
    ActorSystem system = start(args[0], Integer.parseInt(args[1]), args[2], roles);
    Cluster.get(system).registerOnMemberUp(
        () -> System.out.println("NODE UP " + Cluster.get(system).selfAddress()));
  }

  /** Starts a node; also used in-process by {@link ThreeNodeSample} and the tests. */
  public static ActorSystem start(String host, int port, String seed, List<String> roles) {
    Config config = ConfigFactory.parseMap(java.util.Map.of(
            "pekko.remote.artery.canonical.hostname", host,
            "pekko.remote.artery.canonical.port", port,
            "pekko.cluster.seed-nodes", List.of("pekko://" + SYSTEM + "@" + seed),
            "pekko.cluster.roles", roles))
        .withFallback(ConfigFactory.load());
    ActorSystem system = ActorSystem.create(SYSTEM, config);
    ClusterPools pools = ClusterPools.get(system);
    if (roles.contains(ROLE)) {
      pools.start(TYPE, PoolSettings.create(system), Set.of(ROLE));
    } else {
      pools.startProxy(TYPE, Set.of(ROLE));
    }
    return system;
  }
}
