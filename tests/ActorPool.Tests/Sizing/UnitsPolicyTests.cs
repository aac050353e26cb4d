using ActorPool.Internal.Sizing;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>leasepool's rule behind the seam: the same numbers as <see cref="PoolSettings.DesiredPools"/>.</summary>
public sealed class UnitsPolicyTests
{
    [Theory]
    [InlineData(0, 10, 1, 5, 1)]
    [InlineData(31, 10, 1, 5, 4)]
    [InlineData(10, 10, 1, 5, 1)]
    [InlineData(11, 10, 1, 5, 2)]
    [InlineData(500, 10, 1, 5, 5)]
    [InlineData(0, 7, 0, 3, 0)]
    [InlineData(int.MaxValue, 1, 0, 8, 8)]
    public void DesiredPools_Table(int units, int perPool, int min, int max, int expected)
    {
        Assert.Equal(expected, UnitsPolicy.DesiredPools(units, perPool, min, max));
        var settings = new PoolSettings { UnitsPerPool = perPool, MinPools = min, MaxPools = max };
        Assert.Equal(expected, settings.DesiredPools(units));
    }

    [Fact]
    public void DesiredPools_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitsPolicy.DesiredPools(-1, 10, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitsPolicy.DesiredPools(1, 0, 1, 5));
    }

    [Fact]
    public void Decide_SeedScenario_31UnitsAre4Pools_0IsBackTo1AtOnce()
    {
        var policy = new UnitsPolicy(10);
        var grown = policy.Decide(Obs(0, 1, 2) with { MaxPools = 5, Units = 31 });
        Assert.Equal(4, grown.Pools);
        Assert.Equal("ceil(31 units / 10) within [1, 5] = 4 pools", grown.Reason);
        Assert.Equal(3.1, grown.Demand);
        Assert.Contains(new KeyValuePair<string, string>("units", "31"), grown.Inputs);
        Assert.Equal(1, policy.Decide(Obs(1, 4, 2) with { MaxPools = 5, Units = 0 }).Pools);
        Assert.False(((ISizingPolicy)policy).UsesLoad);
    }

    [Fact]
    public void Loop_UnitsByDefault_HasNoHysteresis_SoEveryCrossingFollows()
    {
        var loop = SizingLoop.Create(new PoolSettings { MinPools = 1, MaxPools = 64, UnitsPerPool = 10 }, "/user/pools");
        var (up, publishUp) = loop.Decide(Obs(0, 10) with { MaxPools = 64, Units = 101 }, "ScaleChanged(101)");
        var (down, publishDown) = loop.Decide(Obs(1, 11) with { MaxPools = 64, Units = 100 }, "ScaleChanged(100)");
        Assert.Equal((11, true, "units"), (up.Desired, publishUp, up.Policy));
        Assert.Equal((10, true, "units"), (down.Desired, publishDown, down.Policy));
    }
}
