using ActorPool.Cluster.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;

namespace ActorPool.Cluster.Tests.Leases;

/// <summary>
/// A 3-node cluster hosting the group type <c>leases</c> on every node: small groups (one worker
/// per pool, up to 3 pools), by default leases of at most 10 s with a 1 s grace, the test jobs registered.
/// </summary>
public sealed class LeaseNodes : IAsyncLifetime
{
    public const string Type = "leases";

    public static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private readonly Dictionary<int, string> _groupOn = [];
    private readonly LeaseSettings _lease;
    private readonly string _hocon = "";
    private int _groups;

    public LeaseNodes()
        : this(new LeaseSettings { DefaultDuration = TimeSpan.FromSeconds(8), Grace = TimeSpan.FromSeconds(1), MaxTotal = TimeSpan.FromSeconds(10) })
    {
    }

    /// <summary>A cluster whose groups lease with <paramref name="lease"/>, with <paramref name="hocon"/> on every node.</summary>
    internal LeaseNodes(LeaseSettings lease, string hocon = "")
    {
        _lease = lease;
        _hocon = hocon;
    }

    public ClusterNodes Nodes { get; private set; } = null!;

    public ActorSystem this[int node] => Nodes[node];

    public async Task InitializeAsync()
    {
        Nodes = await ClusterNodes.StartAsync("leases", _hocon);
        foreach (var system in Nodes.Systems)
        {
            var settings = PoolSettings.Create(system) with
            {
                MinPools = 1,
                MaxPools = 3,
                WorkersPerPool = 1,
                Lease = _lease,
            };
            await Pools(system).RegisterJob<SquareJob>().RegisterJob<FailingJob>().RegisterJob<HoldJob>().StartAsync(Type, settings);
        }
    }

    public async Task DisposeAsync()
    {
        HoldJob.OpenAll();
        await Nodes.DisposeAsync();
    }

    public static ClusterPools Pools(ActorSystem system) => ClusterPools.Get(system);

    public ClusterPools Pools(int node) => Pools(Nodes[node]);

    public Address Address(int node) => ClusterNodes.AddressOf(Nodes[node]);

    public static TestProbe Probe(ActorSystem system) => new(system, new XunitAssertions());

    /// <summary>A group hosted on <paramref name="node"/> now, starting more groups until one lands there.</summary>
    public async Task<string> GroupOnAsync(int node)
    {
        if (_groupOn.TryGetValue(node, out var known) && await NodeOfAsync(known) == Address(node).ToString())
        {
            return known;
        }
        var asker = Pools(0);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var status = await asker.GetClusterStatusAsync(Type, Ask);
            if (status.Groups.FirstOrDefault(g => NodeOf(g) == Address(node).ToString()) is { } found)
            {
                _groupOn[node] = found.GroupId;
                return found.GroupId;
            }
            // One more group: the allocation strategy places it on the node with the fewest.
            await asker.GetStatusAsync(Type, "g" + _groups++, Ask);
        }
        throw new InvalidOperationException($"No group was placed on node {Address(node)}.");
    }

    /// <summary>The status of <paramref name="groupId"/>, asked from node 0.</summary>
    public Task<PoolStatus> StatusAsync(string groupId) => Pools(0).GetStatusAsync(Type, groupId, Ask);

    /// <summary>Waits until <paramref name="assertion"/> holds of the group's status.</summary>
    public async Task AwaitStatusAsync(string groupId, Action<PoolStatus> assertion) =>
        await Probe(Nodes[0]).AwaitAssertAsync(async () => assertion(await StatusAsync(groupId)), Wait, TimeSpan.FromMilliseconds(200));

    /// <summary>Whether the core lease <paramref name="lease"/> is held by <paramref name="holder"/>, an actor on <paramref name="node"/>.</summary>
    public bool IsHeldBy(LeaseInfo lease, IActorRef holder, int node) =>
        lease.Holder.StartsWith(Address(node).ToString() + "/", StringComparison.Ordinal)
        && lease.Holder.EndsWith(holder.Path.ToStringWithoutAddress(), StringComparison.Ordinal);

    private async Task<string> NodeOfAsync(string groupId)
    {
        var status = await Pools(0).GetClusterStatusAsync(Type, Ask);
        return status.Groups.FirstOrDefault(g => g.GroupId == groupId) is { } group ? NodeOf(group) : "";
    }

    // The asking node's own region may be reported under its local address, without host and port.
    private string NodeOf(GroupStatus group) => group.Node.Contains('@', StringComparison.Ordinal) ? group.Node : Address(0).ToString();
}
