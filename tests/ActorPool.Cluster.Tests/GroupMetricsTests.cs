using ActorPool.Cluster.Tests.Support;
using ActorPool.Tests.Diagnostics;

namespace ActorPool.Cluster.Tests;

/// <summary>A pool group's supervisor is told apart in the meter by its group, wherever it runs.</summary>
public sealed class GroupMetricsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_groups_series_carry_its_group_tag_and_follow_its_units()
    {
        await using var nodes = await ClusterPoolsSmokeTests.StartTenantsAsync("metrics");
        var pools = ClusterPools.Get(nodes[0]);
        pools.Tell("tenants", "t-7", new ScaleChanged(25));
        await ClusterNodes.Eventually(() => pools.GetStatusAsync("tenants", "t-7", s_timeout).Result.Units == 25);
        var status = await pools.GetStatusAsync("tenants", "t-7", s_timeout);

        using var meter = new MeterCapture(status.Supervisor, status.System);

        Assert.Equal("t-7", status.Group);
        await ClusterNodes.Eventually(() =>
            meter.Collect().Any(m => m.Name == "actorpool.units" && m.Value == 25 && m.Tag("actorpool.group") == "t-7"));
        Assert.All(meter.Collect(), m => Assert.Equal("t-7", m.Tag("actorpool.group")));
    }
}
