using System.Globalization;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.DistributedData;

namespace ActorPool.Cluster.TestNode;

/// <summary>
/// The one configuration of every node and the client, whatever the mode: ClusterPools' defaults
/// (the split brain resolver keep-majority, the failure detector, the sharding settings) with the
/// timings on top, so ActorPool.Cluster and the plain sharding baseline fail over under the same
/// rules.
/// </summary>
public static class FailoverConfig
{
    /// <summary>The actor system name of every node and the client.</summary>
    public const string SystemName = "failover";

    /// <summary>The role of the nodes that host groups or entities; the client has none.</summary>
    public const string Role = "pool";

    /// <summary>The pool group type of the <c>actorpool</c> mode.</summary>
    public const string GroupType = "tenants";

    /// <summary>The entity type of the <c>plain</c> mode.</summary>
    public const string PlainType = "plain";

    /// <summary>
    /// Overrides shared by both modes beside the timings. <c>retry-interval</c>: how often a region
    /// asks again for the home of a shard it buffers messages for (2 s by default), shortened so
    /// that a recovery is measured to within half a second rather than two. The group state's
    /// write timeout is long so that a <see cref="ChangeGroupSettings"/> answered on a loaded
    /// machine has reached a majority. No load signal reports an overload: the nodes share two
    /// cores with the client and each other, so their readings say "busy machine", not "busy
    /// node", and groups moving off a busy node mid-crash would measure load balancing, not
    /// failover (plain sharding never moves for load either).
    /// </summary>
    public const string Shared = """
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.cluster.min-nr-of-members = 1
        akka.cluster.sharding.retry-interval = 500ms
        akka.coordinated-shutdown.phases.cluster-exiting.timeout = 3s
        akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 3s
        actor-pool.cluster.state.write-timeout = 10s
        actor-pool.cluster.failover.check-interval = 200ms
        actor-pool.system-load.cpu.check-overload = off
        actor-pool.system-load.memory.check-overload = off
        actor-pool.system-load.scheduling-lag.check-overload = off
        actor-pool.system-load.gc.check-overload = off
        """;

    /// <summary>The configuration of a node (<paramref name="roles"/> has <see cref="Role"/>) or of the client.</summary>
    /// <param name="timings">Failure detection and downing.</param>
    /// <param name="port">The port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="roles">The node's cluster roles.</param>
    /// <returns>The configuration, over <see cref="ClusterPools.DefaultConfig"/>.</returns>
    public static Config Create(NodeTimings timings, int port, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var roleList = string.Join(", ", roles.Select(r => $"\"{r}\""));
        return ConfigurationFactory.ParseString($"""
                akka.remote.dot-netty.tcp.port = {port.ToString(CultureInfo.InvariantCulture)}
                akka.cluster.roles = [{roleList}]
                """)
            .WithFallback(timings.ToConfig())
            .WithFallback(ConfigurationFactory.ParseString(Shared))
            .WithFallback(ClusterPools.DefaultConfig())
            // Sharding's and Distributed Data's serializers from the start: the client starts its
            // replicator only when it first uses it, and gossip may reach it before.
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig());
    }
}
