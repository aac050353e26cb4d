using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Cluster.Hosting.Tests;

/// <summary>Generic hosts with WithRemoting, WithClustering and WithClusterPools on 127.0.0.1, used as an application would.</summary>
public sealed class WithClusterPoolsTests
{
    [Fact]
    public async Task SingleNodeHost_RunsARegisteredJobOnAGroup_AndTheRegisteredRegionReachesIt_WithTheGroupOptions()
    {
        using var host = await TestHosts.StartAsync(services => services
            .AddClusterPools()
            .AddAkka("hosted", b => b
                .WithRemoting("127.0.0.1", 0)
                .WithClustering(new ClusterOptions { Roles = ["pool"] })
                .WithClusterPools(pools => pools
                    .RegisterJob<SquareJob>()
                    .AddGroupType<Tenants>("tenants", group =>
                    {
                        group.RequiredRoles.Add("pool");
                        group.Pool.MaxPools = 3;
                        group.Pool.WorkersPerPool = 1;
                    }))));
        await TestHosts.JoinAsync(host);

        var pools = host.Services.GetRequiredService<ClusterPools>();
        Assert.Equal(144, await pools.SubmitAsync<SquareJob, int, int>("tenants", "t-1", 12, TestHosts.Wait));

        var region = await host.Services.GetRequiredService<IRequiredActor<Tenants>>().GetAsync();
        Assert.Equal(pools.Region("tenants"), region);
        region.Tell(new PoolEnvelope("t-1", new ScaleChanged(50)));
        var status = await region.Ask<PoolStatus>(new PoolEnvelope("t-1", AwaitSettled.Instance), TestHosts.Wait);
        // 50 units make 5 pools of 10; the group's MaxPools option holds it at 3.
        Assert.Equal(50, status.Units);
        Assert.Equal(3, status.MaxPools);
        Assert.Equal(3, status.Total);
        Assert.Equal(1, status.WorkersPerPool);
    }

    [Fact]
    public async Task NodeWithoutTheRole_GetsAProxy_AndReachesTheGroupsOnTheHostingNode()
    {
        using var hosting = await StartNodeAsync("pool");
        await TestHosts.JoinAsync(hosting);
        using var front = await StartNodeAsync("front");
        await TestHosts.JoinAsync(front, seed: hosting);

        var fromFront = front.Services.GetRequiredService<ClusterPools>();
        var squares = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            fromFront.SubmitAsync<SquareJob, int, int>("tenants", $"t-{i}", i, TestHosts.Wait)));
        Assert.Equal([1, 4, 9, 16], squares);

        var status = await fromFront.GetClusterStatusAsync("tenants", TestHosts.Wait);
        var hostingAddress = Akka.Cluster.Cluster.Get(hosting.Services.GetRequiredService<ActorSystem>()).SelfAddress.ToString();
        Assert.Equal(["t-1", "t-2", "t-3", "t-4"], status.Groups.Select(g => g.GroupId));
        Assert.All(status.Groups, g => Assert.Equal(hostingAddress, g.Node));
        // The front's registry key holds its proxy, which reaches the same groups.
        var proxy = await front.Services.GetRequiredService<IRequiredActor<Tenants>>().GetAsync();
        var t1 = await proxy.Ask<PoolStatus>(new PoolEnvelope("t-1", GetPoolStatus.Instance), TestHosts.Wait);
        Assert.Equal(1, t1.WorkersPerPool);

        // Leave one at a time, the front first, so the hosting node confirms its exit.
        await front.StopAsync().WaitAsync(TestHosts.Wait);
    }

    [Fact]
    public async Task WithoutACluster_TheStartFails_SayingWhatToSet()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHosts.StartAsync(services => services
            .AddAkka("hosted", b => b.WithClusterPools(pools => pools.AddGroupType("tenants")))));

        Assert.Contains("akka.actor.provider = cluster", TestHosts.Flatten(error), StringComparison.Ordinal);
    }

    // The same WithClusterPools on both nodes, as an application deploys it; only the roles differ.
    private static Task<IHost> StartNodeAsync(string role) => TestHosts.StartAsync(services => services
        .AddClusterPools()
        .AddAkka("pair", b => b
            .WithRemoting("127.0.0.1", 0)
            .WithClustering(new ClusterOptions { Roles = [role] })
            .WithClusterPools(pools => pools
                .RegisterJob<SquareJob>()
                .AddGroupType<Tenants>("tenants", group =>
                {
                    group.RequiredRoles.Add("pool");
                    group.Pool.WorkersPerPool = 1;
                }))));
}
