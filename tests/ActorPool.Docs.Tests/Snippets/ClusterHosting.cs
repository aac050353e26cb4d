#region cluster-hosting
using ActorPool.Cluster;
using ActorPool.Cluster.Hosting;
using Akka.Cluster.Hosting;    // WithClustering (package Akka.Cluster.Hosting)
using Akka.Hosting;
using Akka.Remote.Hosting;     // WithRemoting
using Microsoft.Extensions.Hosting;

namespace MyApp;

public static class ClusterSetup
{
    public static void AddPools(HostApplicationBuilder builder)
    {
        builder.Services.AddAkka("app", b => b
            .WithRemoting("10.0.0.1", 4053)
            .WithClustering(new ClusterOptions { Roles = ["pool"], SeedNodes = ["akka.tcp://app@10.0.0.1:4053"] })
            .WithClusterPools(pools => pools
                .RegisterJob<Resize>()
                .AddGroupType<Tenants>("tenants", group =>
                {
                    group.RequiredRoles.Add("pool");
                    group.Pool.MaxPools = 4;            // ActorPoolOptions, as for WithActorPool
                })));
        builder.Services.AddClusterPools();             // ClusterPools in DI
    }
}

public sealed class Tenants;                            // the region's ActorRegistry key
#endregion
