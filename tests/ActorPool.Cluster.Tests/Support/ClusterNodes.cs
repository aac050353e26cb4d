using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace ActorPool.Cluster.Tests.Support;

/// <summary>
/// Real cluster nodes in this test process: ActorSystems on 127.0.0.1 with port 0, the first the
/// seed, each with ClusterPools' defaults and short failure-detection timings.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    /// <summary>
    /// Failure detection and downing short enough for a test that loses a node on purpose: a crash
    /// is downed within about 5 s. Pass it as extra HOCON; tests that lose no node keep the
    /// patient defaults, so a test process stalled by a loaded machine never downs a live node.
    /// </summary>
    public const string FastFailover = """
        akka.cluster.failure-detector.heartbeat-interval = 500ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        akka.cluster.split-brain-resolver.stable-after = 2s
        """;

    /// <summary>Timings of every test cluster: quick rebalancing, gossip and load sharing, patient failure detection.</summary>
    public const string TestTimings = """
        akka.cluster.failure-detector.heartbeat-interval = 1s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 10s
        akka.cluster.split-brain-resolver.stable-after = 5s
        akka.cluster.sharding.rebalance-interval = 1s
        akka.cluster.sharding.retry-interval = 500ms
        akka.cluster.sharding.handoff-timeout = 10s
        akka.cluster.distributed-data.gossip-interval = 500ms
        akka.cluster.distributed-data.notify-subscribers-interval = 200ms
        actor-pool.cluster.load.publish-interval = 500ms
        actor-pool.cluster.load.stale-after = 10s
        actor-pool.cluster.failover.check-interval = 200ms
        """;

    private readonly List<ActorSystem> _systems = [];
    private bool _realLoad;

    private ClusterNodes()
    {
    }

    public IReadOnlyList<ActorSystem> Systems => _systems;

    public ActorSystem this[int index] => _systems[index];

    /// <summary>
    /// Starts <paramref name="roles"/>.Length nodes (one per roles entry; three without roles) and
    /// waits until all are Up. Every node shares the same calm pinned load: nodes in one process
    /// share its CPU, so their own readings cannot tell them apart and would only move groups
    /// whenever the machine is busy.
    /// </summary>
    public static Task<ClusterNodes> StartAsync(string name, string extraHocon = "", params string[][] roles) =>
        StartAsync(name, realLoad: false, extraHocon, roles);

    /// <summary>As <see cref="StartAsync(string, string, string[][])"/>, each node sharing its real <c>SystemLoad</c> readings.</summary>
    public static Task<ClusterNodes> StartWithRealLoadAsync(string name) => StartAsync(name, realLoad: true, "", []);

    private static async Task<ClusterNodes> StartAsync(string name, bool realLoad, string extraHocon, string[][] roles)
    {
        var nodes = new ClusterNodes { _realLoad = realLoad };
        if (roles.Length == 0)
        {
            roles = [[], [], []];
        }
        foreach (var nodeRoles in roles)
        {
            nodes._systems.Add(ActorSystem.Create(name, Config(extraHocon, nodeRoles)));
        }
        await nodes.JoinAllAsync();
        return nodes;
    }

    public static Config Config(string extraHocon, IEnumerable<string> roles)
    {
        var roleList = string.Join(", ", roles.Select(r => $"\"{r}\""));
        return ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            akka.cluster.roles = [{{roleList}}]
            akka.cluster.min-nr-of-members = 1
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.coordinated-shutdown.terminate-actor-system = on
            # Disposing a test cluster just stops its systems; leaving is tested on purpose.
            akka.cluster.run-coordinated-shutdown-when-down = off
            akka.coordinated-shutdown.phases.cluster-exiting.timeout = 2s
            akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 2s
            {{TestTimings}}
            {{extraHocon}}
            """).WithFallback(ClusterPools.DefaultConfig());
    }

    /// <summary>Adds one more node and waits until it is Up.</summary>
    public async Task<ActorSystem> AddAsync(string extraHocon = "", params string[] roles)
    {
        var system = ActorSystem.Create(_systems[0].Name, Config(extraHocon, roles));
        _systems.Add(system);
        await JoinAsync(system);
        return system;
    }

    public static Address AddressOf(ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfAddress;

    private async Task JoinAllAsync()
    {
        foreach (var system in _systems)
        {
            await JoinAsync(system);
        }
    }

    private async Task JoinAsync(ActorSystem system)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Before joining, as an application does: its Distributed Data serializer is then ready for
        // the first gossip other nodes send.
        var pools = ClusterPools.Get(system);
        if (!_realLoad)
        {
            pools.UseLoadSource(() => new NodeLoad("", 0.1, 0.1, Overloaded: false, DateTimeOffset.UtcNow));
        }
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await cluster.JoinAsync(AddressOf(_systems[0]));
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Every node sees every other Up before a test starts placing groups.
        await Eventually(() => _systems.TakeWhile(s => s != system).Append(system).All(s =>
            Akka.Cluster.Cluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) >= _systems.IndexOf(system) + 1));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or 30 s pass.</summary>
    public static Task Eventually(Func<bool> condition, TimeSpan? within = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), within ?? TimeSpan.FromSeconds(30), "the cluster did not reach the expected state");

    /// <summary>
    /// Polls <paramref name="condition"/> (as TestKit's AwaitConditionAsync does, for code that
    /// holds no TestKit) until it holds, or fails naming <paramref name="what"/> after <paramref name="within"/>.
    /// </summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within.TotalSeconds} s: {what}.");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(s => s.Terminate()));
    }
}
