using ActorPool.Cluster.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Cluster.Tests;

public sealed class ClusterPoolsSettingsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var settings = ClusterPoolsSettings.Create(Config.Empty);

        Assert.Equal(new ClusterPoolsSettings() with { JobTypes = settings.JobTypes }, settings);
        Assert.Empty(settings.JobTypes);
        Assert.False(settings.RememberGroups);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.LoadPublishInterval);
        Assert.Equal(0.1, settings.LoadTolerance);
    }

    [Fact]
    public void Every_bad_value_and_misspelt_key_is_named_at_once()
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterPoolsSettings.Create(ConfigurationFactory.ParseString("""
            remember-group = on
            load.publish-interval = -1s
            placement.load-tolerance = 1.5
            placement.rebalance-threshold = 0
            failover.check-interval = 0s
            """)));

        Assert.Contains("actor-pool.cluster.remember-group", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.cluster.remember-groups", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.cluster.load.publish-interval", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.cluster.placement.load-tolerance must be in (0, 1], was: [1.5]", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.cluster.placement.rebalance-threshold", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.cluster.failover.check-interval", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_type_that_is_no_portable_job_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterPoolsSettings.Create(ConfigurationFactory.ParseString(
            $"job-types = [\"{typeof(SquareJob).AssemblyQualifiedName}\", \"{typeof(SquareResult).AssemblyQualifiedName}\", \"Acme.Missing, Acme\"]")));

        Assert.DoesNotContain(nameof(SquareJob), e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SquareResult), e.Message, StringComparison.Ordinal);
        Assert.Contains("[Acme.Missing, Acme] names no type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_types_listed_in_hocon_are_registered()
    {
        var settings = ClusterPoolsSettings.Create(ConfigurationFactory.ParseString($"job-types = [\"{typeof(SquareJob).AssemblyQualifiedName}\"]"));

        Assert.Equal([typeof(SquareJob)], settings.JobTypes);
    }

    [Fact]
    public async Task A_system_without_a_cluster_is_refused_with_what_to_set()
    {
        using var system = ActorSystem.Create("local", ClusterPools.DefaultConfig());

        var e = Assert.Throws<InvalidOperationException>(() => ClusterPools.Get(system));

        Assert.Contains("akka.actor.provider = cluster", e.Message, StringComparison.Ordinal);
        await system.Terminate();
    }

    [Fact]
    public async Task A_cluster_system_without_the_modules_config_is_refused_with_how_to_add_it()
    {
        using var system = ActorSystem.Create("bare", """
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp.hostname = 127.0.0.1
            akka.remote.dot-netty.tcp.port = 0
            """);

        var e = Assert.Throws<InvalidOperationException>(() => ClusterPools.Get(system));

        Assert.Contains("ClusterPools.DefaultConfig()", e.Message, StringComparison.Ordinal);
        await system.Terminate();
    }

    [Fact]
    public void Registering_a_type_that_is_no_job_names_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new Internal.Jobs.JobCatalog().Register(typeof(SquareResult)));

        Assert.Contains(nameof(SquareResult), e.Message, StringComparison.Ordinal);
    }
}
