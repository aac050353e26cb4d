using ActorPool.Cluster;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace ActorPool.Samples.ClusterThreeNodes;

/// <summary>
/// One cluster node of the sample: an actor system named <see cref="SystemName"/> on
/// <c>host:port</c> that hosts <see cref="GroupType"/> groups when it has the
/// <see cref="HostRole"/> role (a proxy to them otherwise), with <see cref="WhereJob"/> registered.
/// </summary>
internal static class ClusterNode
{
    /// <summary>Every node of one cluster has the same actor system name.</summary>
    public const string SystemName = "ClusterThreeNodes";

    /// <summary>The pool group type: one group per tenant.</summary>
    public const string GroupType = "tenants";

    /// <summary>The role of the nodes that host tenants.</summary>
    public const string HostRole = "pool";

    /// <summary>Starts a node and joins it to <paramref name="seed"/> (itself for the first node); returns once it is Up.</summary>
    public static async Task<ActorSystem> StartAsync(string host, int port, Address? seed, IReadOnlyList<string> roles, string label, bool sharedProcess = false)
    {
        var quiet = new GracefulLeaveLogFilter();
        var setup = BootstrapSetup.Create().WithConfig(Config(host, port, roles, sharedProcess)).And(new LogFilterBuilder().Add(quiet).Build());
        var system = ActorSystem.Create(SystemName, setup);
        try
        {
            quiet.Watch(system);
            var pools = ClusterPools.Get(system).RegisterJob<WhereJob>();
            var settings = PoolSettings.Create(system);
            // Each node's workers learn its label, so a job can say where it ran (see NodeLabel).
            settings = settings with { Workers = settings.Workers with { Initializer = new NodeLabel(label) } };
            // The same call on every node: a node without the role gets a proxy.
            await pools.StartAsync(GroupType, settings, [HostRole]);
            var cluster = Akka.Cluster.Cluster.Get(system);
            var joinThrough = seed ?? cluster.SelfAddress;
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await cluster.JoinSeedNodesAsync([joinThrough], wait.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{cluster.SelfAddress} could not join the cluster through its seed {joinThrough} within 60 s: "
                    + $"is the seed running, reachable on that host and port, and named {SystemName}?");
            }
            return system;
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    private static Config Config(string host, int port, IReadOnlyList<string> roles, bool sharedProcess) =>
        ConfigurationFactory.ParseString($$"""
            # Warnings and errors only: a normal run prints none. SAMPLE_LOGLEVEL=INFO shows the
            # cluster's own story too (members joining and exiting, groups handed off).
            akka.loglevel = {{Environment.GetEnvironmentVariable("SAMPLE_LOGLEVEL") ?? "WARNING"}}
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = "{{host}}"
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.cluster.roles = [{{string.Join(", ", roles.Select(r => $"\"{r}\""))}}]
            # A moved tenant starts on its new node at once, from its kept units and bounds.
            actor-pool.cluster.remember-groups = on
            actor-pool {
              units-per-pool = 10
              workers-per-pool = 1
              logging-interval = off
            }
            {{(sharedProcess ? SharedProcessLoad : "")}}
            """).WithFallback(ClusterPools.DefaultConfig());

    // Three nodes in one process read one process's CPU and memory, so their loads cannot tell
    // them apart: no node reports an overload, and placement spreads by group count. On separate
    // machines (the node mode) each node shares its own load and placement follows it.
    private const string SharedProcessLoad = """
        actor-pool.system-load.cpu.check-overload = off
        actor-pool.system-load.memory.check-overload = off
        actor-pool.system-load.scheduling-lag.check-overload = off
        actor-pool.system-load.gc.check-overload = off
        """;
}
