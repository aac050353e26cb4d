using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorPool.Cluster.Hosting.Tests;

/// <summary>Where WithClusterPools' configuration sits among the application's, Akka.Cluster.Hosting's and Akka's own.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheModulesShardingChoicesHold_WhicheverOfWithClusteringAndWithClusterPoolsComesFirst_AndTheApplicationsOwnValueWins(bool clusteringFirst)
    {
        using var host = await TestHosts.StartAsync(services => services.AddAkka("hosted", b =>
        {
            b.AddHocon("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 5", HoconAddMode.Prepend)
                .WithRemoting("127.0.0.1", 0);
            if (clusteringFirst)
            {
                b.WithClustering().WithClusterPools();
            }
            else
            {
                b.WithClusterPools().WithClustering();
            }
        }));

        var system = host.Services.GetRequiredService<ActorSystem>();
        var sharding = ClusterShardingSettings.Create(system);
        // Groups keep warm pools: never passivated for idleness (Akka's default is 2 minutes).
        Assert.Equal(TimeSpan.Zero, sharding.PassivateIdleEntityAfter);
        // Remember-groups stays in memory: no LightningDB files (Akka's default keeps shard-* durable).
        Assert.Empty(system.Settings.Config.GetStringList("akka.cluster.sharding.distributed-data.durable.keys"));
        Assert.Equal(0.1, system.Settings.Config.GetDouble("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit"));
        // The application's own value is not the library default, and is kept.
        Assert.Equal(5, system.Settings.Config.GetInt("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit"));
        Assert.Equal("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", system.Settings.Config.GetString("akka.cluster.downing-provider-class"));
    }

    [Fact]
    public async Task Options_WinOverTheApplicationsBlock_AndNullKeepsIt()
    {
        using var host = await TestHosts.StartAsync(services => services.AddAkka("hosted", b => b
            .AddHocon("actor-pool.cluster { remember-groups = off, state.read-timeout = 4s }", HoconAddMode.Prepend)
            .WithRemoting("127.0.0.1", 0)
            .WithClustering()
            .WithClusterPools(pools =>
            {
                pools.RememberGroups = true;
                pools.LoadPublishInterval = TimeSpan.FromMilliseconds(1500);
            })));

        var settings = ClusterPools.Get(host.Services.GetRequiredService<ActorSystem>()).Settings;
        Assert.True(settings.RememberGroups);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.LoadPublishInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), settings.StateReadTimeout);
    }

    [Fact]
    public async Task ABadOption_FailsTheStart_NamingItsKeyAndValue()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHosts.StartAsync(services => services.AddAkka("hosted", b => b
            .WithRemoting("127.0.0.1", 0)
            .WithClustering()
            .WithClusterPools(pools => pools.LoadTolerance = 1.5))));

        Assert.Contains("actor-pool.cluster.placement.load-tolerance must be in (0, 1], was: [1.5]", TestHosts.Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOption_WritesAKeyOfClusterConf()
    {
        var options = new ClusterPoolsOptions
        {
            RememberGroups = true,
            StateWriteTimeout = TimeSpan.FromSeconds(1),
            StateReadTimeout = TimeSpan.FromSeconds(1),
            LoadPublishInterval = TimeSpan.FromSeconds(1),
            LoadStaleAfter = TimeSpan.FromSeconds(9),
            LoadTolerance = 0.2,
            RebalanceThreshold = 2,
            FailoverCheckInterval = TimeSpan.FromSeconds(1),
        };
        // Every settable option is set above: one more property and this count tells.
        var settable = typeof(ClusterPoolsOptions).GetProperties().Count(p => p.CanWrite);

        var written = ConfigurationFactory.ParseString(options.ToHocon());
        var keys = Leaves(written.Root, "").ToList();
        Assert.Equal(settable, keys.Count);
        var block = ClusterPools.DefaultConfig().GetConfig("actor-pool.cluster");
        Assert.All(keys, key => Assert.True(block.HasPath(key), $"actor-pool.cluster.{key} is not in HOCON/cluster.conf"));
        // And they read back as settings, unchanged.
        var settings = ClusterPoolsSettings.Create(written);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.LoadStaleAfter);
        Assert.Equal(0.2, settings.LoadTolerance);
    }

    private static IEnumerable<string> Leaves(Akka.Configuration.Hocon.HoconValue value, string path) =>
        value.IsObject()
            ? value.GetObject().Items.SelectMany(item => Leaves(item.Value, path.Length == 0 ? item.Key : $"{path}.{item.Key}"))
            : [path];
}
