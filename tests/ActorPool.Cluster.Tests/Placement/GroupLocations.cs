using ActorPool.Cluster.Tests.Support;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorPool.Cluster.Tests.Placement;

/// <summary>Where groups live, read from each node's region, and loads a test pins on a node.</summary>
internal static class GroupLocations
{
    private static readonly TimeSpan s_ask = TimeSpan.FromSeconds(10);

    /// <summary>The groups of <paramref name="typeName"/> the region of <paramref name="system"/> hosts now (none on a proxy).</summary>
    public static async Task<HashSet<string>> HostedAsync(ActorSystem system, string typeName)
    {
        var state = await ClusterPools.Get(system).Region(typeName).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, s_ask);
        return [.. state.Shards.Select(s => s.ShardId)];
    }

    /// <summary>Per node, in node order, the groups it hosts now.</summary>
    public static async Task<HashSet<string>[]> AllAsync(ClusterNodes nodes, string typeName) =>
        await Task.WhenAll(nodes.Systems.Select(s => HostedAsync(s, typeName)));

    /// <summary>Starts each group by asking it for its status from node <c>i % nodes</c>.</summary>
    public static Task StartGroupsAsync(ClusterNodes nodes, string typeName, IEnumerable<string> groupIds) =>
        Task.WhenAll(groupIds.Select((g, i) =>
            ClusterPools.Get(nodes[i % nodes.Systems.Count]).GetStatusAsync(typeName, g, TimeSpan.FromSeconds(30))));

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static Task EventuallyAsync(string what, Func<Task<bool>> condition, TimeSpan within) =>
        ClusterNodes.EventuallyAsync(condition, within, what);

    /// <summary>A load source sharing the same made-up load at every publish-interval.</summary>
    public static Func<NodeLoad> Pinned(double score, bool overloaded = false) =>
        () => new NodeLoad("", score, score, overloaded, DateTimeOffset.UtcNow);

    /// <summary>Whether every node has heard <paramref name="node"/>'s load and <paramref name="matches"/> holds for it.</summary>
    public static bool EveryNodeSees(ClusterNodes nodes, ActorSystem node, Func<NodeLoad, bool> matches)
    {
        var address = ClusterNodes.AddressOf(node).ToString();
        return nodes.Systems.All(s => ClusterPools.Get(s).LoadBoard.Loads.TryGetValue(address, out var load) && matches(load));
    }
}
