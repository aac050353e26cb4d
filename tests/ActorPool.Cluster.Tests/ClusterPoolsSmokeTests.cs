using ActorPool.Cluster.Tests.Support;
using Akka.Actor;

namespace ActorPool.Cluster.Tests;

/// <summary>Groups reached and jobs run from any node of a real three-node cluster.</summary>
public sealed class ClusterPoolsSmokeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_group_is_reached_from_every_node_and_runs_a_registered_job()
    {
        await using var nodes = await StartTenantsAsync("smoke");

        ClusterPools.Get(nodes[2]).Tell("tenants", "t-1", new ScaleChanged(7));
        await ClusterNodes.Eventually(() =>
            ClusterPools.Get(nodes[0]).GetStatusAsync("tenants", "t-1", s_timeout).Result.Units == 7);

        foreach (var system in nodes.Systems)
        {
            var result = await ClusterPools.Get(system).SubmitAsync<SquareJob, int, SquareResult>("tenants", "t-1", 12, s_timeout);
            Assert.Equal(144, result.Square);
        }
    }

    [Fact]
    public async Task A_job_that_throws_on_another_node_fails_its_caller_with_the_error_text()
    {
        await using var nodes = await StartTenantsAsync("throws");
        var pools = ClusterPools.Get(nodes[1]);

        var thrown = await Assert.ThrowsAsync<RemoteJobException>(() => pools.SubmitAsync<FailingJob, string, int>("tenants", "t-2", "nope", s_timeout));
        var unregistered = await Assert.ThrowsAsync<RemoteJobException>(() => pools.SubmitAsync<GateJob, string, string>("tenants", "t-2", "x", s_timeout));

        Assert.Contains("System.InvalidOperationException", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("refused: nope", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("is not registered", unregistered.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.cluster.job-types", unregistered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_delegate_is_refused_before_anything_is_sent()
    {
        await using var nodes = await StartTenantsAsync("local");

        var e = await Assert.ThrowsAsync<NotPortableJobException>(() =>
            ClusterPools.Get(nodes[0]).AskAsync<object>("tenants", "t-3", new Submit(() => 1), s_timeout));

        Assert.Contains("IProcessJob", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_settings_change_is_refused_whole_and_a_valid_one_applies()
    {
        await using var nodes = await StartTenantsAsync("change");
        var pools = ClusterPools.Get(nodes[1]);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            pools.AskAsync<Akka.Done>("tenants", "t-4", new ChangeGroupSettings(MinPools: 5, MaxPools: 2), s_timeout));
        await pools.AskAsync<Akka.Done>("tenants", "t-4", new ChangeGroupSettings(MinPools: 2, MaxPools: 3), s_timeout);
        var status = await pools.GetStatusAsync("tenants", "t-4", s_timeout);

        Assert.Contains("max-pools", refused.Message, StringComparison.Ordinal);
        Assert.Equal((2, 3), (status.MinPools, status.MaxPools));
        // The status names its group, across the wire too, so meters and the top view can tell groups apart.
        Assert.Equal("t-4", status.Group);
    }

    [Fact]
    public async Task The_cluster_status_lists_every_group_with_its_node_and_every_nodes_load()
    {
        await using var nodes = await StartTenantsAsync("status");
        var pools = ClusterPools.Get(nodes[0]);
        for (var i = 0; i < 6; i++)
        {
            await pools.GetStatusAsync("tenants", $"t-{i}", s_timeout);
        }

        await ClusterNodes.Eventually(() => pools.GetClusterStatusAsync("tenants", s_timeout).Result.Nodes.Count == 3);
        var status = await pools.GetClusterStatusAsync("tenants", s_timeout);

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"t-{i}"), status.Groups.Select(g => g.GroupId));
        Assert.All(status.Groups, g => Assert.Contains(g.Node, nodes.Systems.Select(s => ClusterNodes.AddressOf(s).ToString())));
        Assert.Empty(status.Unanswered);
        var asked = await pools.Ref.Ask<ClusterPoolStatus>(new GetClusterPoolStatus("tenants"), s_timeout);
        Assert.Equal(status.Groups.Select(g => (g.GroupId, g.Node)), asked.Groups.Select(g => (g.GroupId, g.Node)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pools.Ref.Ask<ClusterPoolStatus>(new GetClusterPoolStatus("nope"), s_timeout));
    }

    internal static async Task<ClusterNodes> StartTenantsAsync(string name, bool registerGate = false)
    {
        var nodes = await ClusterNodes.StartAsync(name);
        foreach (var system in nodes.Systems)
        {
            var pools = ClusterPools.Get(system).RegisterJob<SquareJob>().RegisterJob<FailingJob>();
            if (registerGate)
            {
                pools.RegisterJob<GateJob>();
            }
            await pools.StartAsync("tenants", PoolSettings.Create(system));
        }
        return nodes;
    }
}
