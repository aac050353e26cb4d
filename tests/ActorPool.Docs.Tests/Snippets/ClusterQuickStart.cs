#region cluster-start
using ActorPool;           // PoolSettings, ScaleChanged, PoolStatus
using ActorPool.Cluster;   // ClusterPools, PoolEnvelope, ChangeGroupSettings
using ActorPool.Process;   // IProcessJob
using Akka.Actor;
using Akka.Configuration;

namespace MyApp;

public static class Node
{
    public static async Task<int> RunAsync()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "10.0.0.1", port = 4053 }
            akka.cluster.seed-nodes = ["akka.tcp://app@10.0.0.1:4053"]
            akka.cluster.roles = [pool]
            """).WithFallback(ClusterPools.DefaultConfig());          // serializers, split brain resolver, sharding
        using var system = ActorSystem.Create("app", config);

        var pools = ClusterPools.Get(system).RegisterJob<Resize>();  // on every node that may host a group
        await pools.StartAsync("tenants", PoolSettings.Create(system), ["pool"]);   // same call on every node
        pools.Tell("tenants", "tenant-42", new ScaleChanged(31));                   // wherever tenant-42 lives
        return await pools.SubmitAsync<Resize, ResizeRequest, int>(
            "tenants", "tenant-42", new ResizeRequest("a.png", 640), TimeSpan.FromSeconds(30));
    }
}

public sealed record ResizeRequest(string Image, int Width);

public sealed class Resize : IProcessJob<ResizeRequest, int>   // public, parameterless constructor
{
    public Task<int> RunAsync(ResizeRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Width);
}
#endregion
