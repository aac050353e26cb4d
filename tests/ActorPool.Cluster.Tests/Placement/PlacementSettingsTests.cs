using Akka.Configuration;

namespace ActorPool.Cluster.Tests.Placement;

public sealed class PlacementSettingsTests
{
    [Theory]
    [InlineData("placement.rebalance-threshold = 1", "actor-pool.cluster.placement.rebalance-threshold")]
    [InlineData("placement.load-tolerance = 0", "actor-pool.cluster.placement.load-tolerance")]
    [InlineData("load.stale-after = 1s\nload.publish-interval = 2s", "actor-pool.cluster.load.stale-after")]
    public void A_bad_placement_value_is_refused_naming_its_key(string hocon, string key)
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterPoolsSettings.Create(ConfigurationFactory.ParseString(hocon)));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_placement_defaults_are_read()
    {
        var settings = ClusterPoolsSettings.Create(Config.Empty);
        Assert.Equal(0.1, settings.LoadTolerance);
        Assert.Equal(3, settings.RebalanceThreshold);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.LoadStaleAfter);
    }
}
