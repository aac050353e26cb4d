using ActorPool.Cluster.Tests.Support;

namespace ActorPool.Cluster.Tests;

public sealed class ClusterPoolsSmokeTests
{
    [Fact]
    public async Task A_group_is_reached_from_every_node_and_runs_a_registered_job()
    {
        await using var nodes = await ClusterNodes.StartAsync("smoke");
        foreach (var system in nodes.Systems)
        {
            var pools = ClusterPools.Get(system).RegisterJob<SquareJob>();
            await pools.StartAsync("tenants", PoolSettings.Create(system));
        }

        ClusterPools.Get(nodes[2]).Tell("tenants", "t-1", new ScaleChanged(7));
        await ClusterNodes.Eventually(() =>
            ClusterPools.Get(nodes[0]).GetStatusAsync("tenants", "t-1", TimeSpan.FromSeconds(5)).Result.Units == 7);

        var result = await ClusterPools.Get(nodes[1]).SubmitAsync<SquareJob, int, SquareResult>("tenants", "t-1", 12, TimeSpan.FromSeconds(10));
        Assert.Equal(144, result.Square);
    }
}
