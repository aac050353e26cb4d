using ActorPool.Cluster.Tests.Support;
using Akka.Actor;

namespace ActorPool.Cluster.Tests;

/// <summary>A group keeps its units and bounds when its node leaves, and its running work finishes first.</summary>
public sealed class GroupStateTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Groups_of_a_node_that_leaves_move_and_keep_their_units_and_bounds()
    {
        await using var nodes = await ClusterPoolsSmokeTests.StartTenantsAsync("leave");
        var client = ClusterPools.Get(nodes[0]);
        var groups = Enumerable.Range(0, 6).Select(i => $"t-{i}").ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            client.Tell("tenants", groups[i], new ScaleChanged(10 + i));
            await client.AskAsync<Akka.Done>("tenants", groups[i], new ChangeGroupSettings(MinPools: 1, MaxPools: 3 + i), s_timeout);
        }
        var leaving = nodes[2];
        var leavingAddress = ClusterNodes.AddressOf(leaving).ToString();
        var before = await client.GetClusterStatusAsync("tenants", s_timeout);
        var moving = before.Groups.Where(g => g.Node == leavingAddress).Select(g => g.GroupId).ToList();
        Assert.NotEmpty(moving);

        await Akka.Cluster.Cluster.Get(leaving).LeaveAsync();

        await ClusterNodes.Eventually(() =>
        {
            var after = client.GetClusterStatusAsync("tenants", s_timeout).Result;
            return after.Groups.Count == groups.Count && after.Groups.All(g => g.Node != leavingAddress);
        }, TimeSpan.FromSeconds(60));
        foreach (var (groupId, i) in groups.Select((g, i) => (g, i)))
        {
            var status = await client.GetStatusAsync("tenants", groupId, s_timeout);
            Assert.Equal(10 + i, status.Units);
            Assert.Equal((1, 3 + i), (status.MinPools, status.MaxPools));
        }
    }

    [Fact]
    public async Task A_running_job_finishes_and_answers_when_its_group_is_handed_off()
    {
        await using var nodes = await ClusterPoolsSmokeTests.StartTenantsAsync("handoff", registerGate: true);
        var client = ClusterPools.Get(nodes[0]);
        var status = await WaitForGroupAsync(client, "g-1");
        var host = nodes.Systems.Single(s => ClusterNodes.AddressOf(s).ToString() == status.Node);
        if (host == nodes[0])
        {
            // Node 0 is the client here; use a group that lives elsewhere.
            status = await WaitForOtherGroupAsync(client, ClusterNodes.AddressOf(nodes[0]).ToString());
            host = nodes.Systems.Single(s => ClusterNodes.AddressOf(s).ToString() == status.Node);
        }
        var gate = $"gate-{Guid.NewGuid():N}";
        var running = client.SubmitAsync<GateJob, string, string>("tenants", status.GroupId, gate, TimeSpan.FromSeconds(60));
        // An async job that awaits holds no worker thread, so its pool shows Busy rather than a running job.
        await ClusterNodes.Eventually(() => running.IsCompleted || client.GetStatusAsync("tenants", status.GroupId, s_timeout).Result.Busy == 1);
        Assert.False(running.IsCompleted, running.Exception?.ToString());

        var supervisor = (await client.GetStatusAsync("tenants", status.GroupId, s_timeout)).Supervisor;
        var draining = Events.Next<PoolDraining>(host, d => d.Jobs >= 1);
        var leaving = Akka.Cluster.Cluster.Get(host).LeaveAsync();
        // The hand-off has reached the group: its pool drains with the job still running.
        await draining.WaitAsync(TimeSpan.FromSeconds(30));

        // A settings change that still reaches the moving group is refused, not answered Done and lost.
        var entity = host.ActorSelection(supervisor[..supervisor.LastIndexOf('/')]);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            entity.Ask<Akka.Done>(new SetPoolBounds(1, 4), s_timeout));
        Assert.Contains("is moving off", refused.Message, StringComparison.Ordinal);
        GateJob.Gates.GetOrAdd(gate, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(true);

        Assert.Equal(gate, await running);
        await leaving;
    }

    [Fact]
    public async Task With_remember_groups_on_a_moved_group_restarts_on_its_new_node_before_any_message()
    {
        await using var nodes = await ClusterNodes.StartAsync("remember", "actor-pool.cluster.remember-groups = on");
        foreach (var system in nodes.Systems)
        {
            await ClusterPools.Get(system).StartAsync("tenants", PoolSettings.Create(system));
        }
        var client = ClusterPools.Get(nodes[0]);
        for (var i = 0; i < 6; i++)
        {
            client.Tell("tenants", $"r-{i}", new ScaleChanged(20 + i));
        }
        await ClusterNodes.Eventually(() => RunningGroups(client).Result.Count == 6);
        var placed = await RunningGroups(client);
        // The node that leaves is the one (other than the client's) holding the most groups: placement
        // decides where the six land, and it may leave a node with none.
        var leaving = nodes.Systems.Skip(1)
            .OrderByDescending(s => placed.Values.Count(node => node.Equals(ClusterNodes.AddressOf(s)))).First();
        var leavingAddress = ClusterNodes.AddressOf(leaving);
        var moving = placed.Where(g => g.Value.Equals(leavingAddress)).Select(g => g.Key).ToList();
        Assert.True(moving.Count > 0, $"all six groups were placed on the client's node: {string.Join(", ", placed)}");

        await Akka.Cluster.Cluster.Get(leaving).LeaveAsync();

        // Only sharding's own statistics are asked: no message reaches a group, yet its entity runs again.
        await ClusterNodes.Eventually(() =>
        {
            var running = RunningGroups(client).Result;
            return moving.All(g => running.TryGetValue(g, out var node) && !node.Equals(leavingAddress));
        }, TimeSpan.FromSeconds(60));
        foreach (var groupId in moving)
        {
            var status = await client.GetStatusAsync("tenants", groupId, s_timeout);
            Assert.Equal(20 + int.Parse(groupId[2..], System.Globalization.CultureInfo.InvariantCulture), status.Units);
        }
    }

    /// <summary>Every group whose entity runs now, by the node it runs on, from sharding's statistics alone.</summary>
    private static async Task<Dictionary<string, Address>> RunningGroups(ClusterPools pools)
    {
        var stats = await pools.Region("tenants").Ask<Akka.Cluster.Sharding.ClusterShardingStats>(
            new Akka.Cluster.Sharding.GetClusterShardingStats(TimeSpan.FromSeconds(5)), s_timeout);
        return stats.Regions
            .SelectMany(r => r.Value.Stats.Where(s => s.Value > 0).Select(s => (Group: s.Key, Node: r.Key)))
            .ToDictionary(x => x.Group, x => x.Node);
    }

    private static async Task<GroupStatus> WaitForGroupAsync(ClusterPools client, string groupId)
    {
        await client.GetStatusAsync("tenants", groupId, s_timeout);
        var all = await client.GetClusterStatusAsync("tenants", s_timeout);
        return all.Groups.Single(g => g.GroupId == groupId);
    }

    private static async Task<GroupStatus> WaitForOtherGroupAsync(ClusterPools client, string notOn)
    {
        for (var i = 2; ; i++)
        {
            var group = await WaitForGroupAsync(client, $"g-{i}");
            if (group.Node != notOn)
            {
                return group;
            }
        }
    }
}
