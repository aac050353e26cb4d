using System.Diagnostics;
using ActorPool.Cluster.Tests.Support;
using Xunit.Abstractions;
using static ActorPool.Cluster.Tests.Placement.GroupLocations;

namespace ActorPool.Cluster.Tests.Placement;

/// <summary>Placement on real three-node clusters in this process (rebalance-interval 1 s).</summary>
public sealed class PlacementClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Groups_spread_over_every_node()
    {
        await using var nodes = await ClusterNodes.StartWithRealLoadAsync("spread");
        foreach (var system in nodes.Systems)
        {
            await ClusterPools.Get(system).StartAsync("tenants", PoolSettings.Create(system));
        }
        var groups = Enumerable.Range(0, 12).Select(i => $"t-{i}").ToHashSet();

        await StartGroupsAsync(nodes, "tenants", groups);

        // Each node's real SystemLoad decides: all three measure this one process, so they rank
        // alike and the group count spreads the groups (rebalancing evens out any sample that
        // made one node look less loaded while the groups were placed).
        await EventuallyAsync("every node hosts a group, and every group lives on exactly one node", async () =>
        {
            var hosted = await AllAsync(nodes, "tenants");
            output.WriteLine(string.Join(" | ", hosted.Select(h => h.Count)));
            return hosted.All(h => h.Count > 0) && hosted.Sum(h => h.Count) == groups.Count && hosted.SelectMany(h => h).ToHashSet().SetEquals(groups);
        }, s_settle);
    }

    [Fact]
    public async Task A_group_type_with_required_roles_runs_only_on_nodes_with_every_role()
    {
        await using var nodes = await ClusterNodes.StartAsync("roles", "", ["gpu", "ssd"], ["gpu"], []);
        foreach (var system in nodes.Systems)
        {
            var pools = ClusterPools.Get(system);
            await pools.StartAsync("render", PoolSettings.Create(system), ["gpu"]);
            await pools.StartAsync("train", PoolSettings.Create(system), ["ssd", "gpu"]);
        }
        var render = Enumerable.Range(0, 8).Select(i => $"r-{i}").ToList();
        var train = Enumerable.Range(0, 6).Select(i => $"m-{i}").ToList();

        // Sent from every node, the one without "gpu" through its proxy.
        await StartGroupsAsync(nodes, "render", render);
        await StartGroupsAsync(nodes, "train", train);

        Assert.Empty(await HostedAsync(nodes[2], "render"));
        // Between the two "gpu" nodes groups may still move (a group is on neither while it does).
        await EventuallyAsync("every render group lives on a gpu node", async () =>
        {
            var rendering = await AllAsync(nodes, "render");
            return rendering[2].Count == 0 && rendering[0].Concat(rendering[1]).Order().SequenceEqual(render.Order());
        }, s_settle);
        var training = await AllAsync(nodes, "train");
        Assert.Equal(train.Order(), training[0].Order());
        Assert.Empty(training[1]); // a region ("gpu" is the type's sharding role) but without "ssd"
        Assert.Empty(training[2]);
        var status = await ClusterPools.Get(nodes[2]).GetStatusAsync("train", "m-0", TimeSpan.FromSeconds(30));
        Assert.True(status.Total >= 1);
    }

    [Fact]
    public async Task A_group_no_node_can_host_keeps_its_messages_until_a_node_with_its_roles_joins()
    {
        await using var nodes = await ClusterNodes.StartAsync("waiting", "", ["gpu"], []);
        foreach (var system in nodes.Systems)
        {
            await ClusterPools.Get(system).StartAsync("infer", PoolSettings.Create(system), ["gpu", "tpu"]);
        }

        // No node has "tpu": the allocation fails (the coordinator logs why) and the region keeps asking.
        var status = ClusterPools.Get(nodes[1]).GetStatusAsync("infer", "i-0", TimeSpan.FromSeconds(60));
        ClusterPools.Get(nodes[0]).Tell("infer", "i-0", new ScaleChanged(25));
        Assert.Empty(await HostedAsync(nodes[0], "infer"));
        Assert.False(status.IsCompleted);

        var tpu = await nodes.AddAsync("", "gpu", "tpu");
        await ClusterPools.Get(tpu).StartAsync("infer", PoolSettings.Create(tpu), ["gpu", "tpu"]);

        await status;
        Assert.Equal(["i-0"], await HostedAsync(tpu, "infer"));
        Assert.Empty(await HostedAsync(nodes[0], "infer"));
        await EventuallyAsync("the message sent while it waited reached it", async () =>
            (await ClusterPools.Get(nodes[0]).GetStatusAsync("infer", "i-0", TimeSpan.FromSeconds(10))).Units == 25, s_settle);
    }

    [Fact]
    public async Task An_overloaded_node_gets_no_new_groups_and_its_groups_move_off_in_bounded_steps()
    {
        await using var nodes = await ClusterNodes.StartAsync("overload");
        foreach (var system in nodes.Systems)
        {
            ClusterPools.Get(system).UseLoadSource(Pinned(0.2));
        }
        var busy = nodes[2];
        await ClusterNodes.Eventually(() => nodes.Systems.All(s => EveryNodeSees(nodes, s, l => l.Score == 0.2)));
        foreach (var system in nodes.Systems)
        {
            await ClusterPools.Get(system).StartAsync("tenants", PoolSettings.Create(system));
        }
        var first = Enumerable.Range(0, 12).Select(i => $"t-{i}").ToList();
        await StartGroupsAsync(nodes, "tenants", first);
        await EventuallyAsync("the busy node hosts groups before it is overloaded", async () => (await HostedAsync(busy, "tenants")).Count > 0, s_settle);

        ClusterPools.Get(busy).UseLoadSource(Pinned(0.97, overloaded: true));
        await ClusterNodes.Eventually(() => EveryNodeSees(nodes, busy, l => l.Overloaded));
        var clock = Stopwatch.StartNew();
        var later = Enumerable.Range(0, 6).Select(i => $"n-{i}").ToList();
        await StartGroupsAsync(nodes, "tenants", later);

        Assert.Empty((await HostedAsync(busy, "tenants")).Intersect(later));
        await EventuallyAsync("the overloaded node's groups moved to the others", async () =>
        {
            var hosted = await AllAsync(nodes, "tenants");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {string.Join(" | ", hosted.Select(h => h.Count))}");
            return hosted[2].Count == 0 && hosted[0].Concat(hosted[1]).Order().SequenceEqual(first.Concat(later).Order());
        }, s_settle);
        output.WriteLine($"drained in {clock.Elapsed.TotalSeconds:F1}s of 1s rebalance intervals");
        foreach (var group in first.Concat(later))
        {
            await ClusterPools.Get(busy).GetStatusAsync("tenants", group, TimeSpan.FromSeconds(30));
        }

        // Healthy again, it is the emptiest node: groups move back until the counts are within the threshold.
        ClusterPools.Get(busy).UseLoadSource(Pinned(0.2));
        await EventuallyAsync("groups move back to the recovered node", async () =>
        {
            var hosted = await AllAsync(nodes, "tenants");
            return hosted[2].Count > 0 && hosted.Max(h => h.Count) - hosted.Min(h => h.Count) < 3;
        }, s_settle);
    }
}
