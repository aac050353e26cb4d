namespace ActorPool.Tests.Sizing;

/// <summary>The reference's table of the units rule: desired = min(max, max(min, ceil(units / units-per-pool))).</summary>
public sealed class UnitsRuleTests
{
    [Theory]
    // The seed: min 1, max 5, 10 units per pool.
    [InlineData(0, 10, 1, 5, 1)]
    [InlineData(1, 10, 1, 5, 1)]
    [InlineData(10, 10, 1, 5, 1)]
    [InlineData(11, 10, 1, 5, 2)]
    [InlineData(31, 10, 1, 5, 4)]
    [InlineData(40, 10, 1, 5, 4)]
    [InlineData(41, 10, 1, 5, 5)]
    [InlineData(60, 10, 1, 5, 5)]
    // Scale to zero.
    [InlineData(0, 7, 0, 3, 0)]
    [InlineData(1, 7, 0, 3, 1)]
    [InlineData(14, 7, 0, 3, 2)]
    [InlineData(15, 7, 0, 3, 3)]
    [InlineData(60, 7, 0, 3, 3)]
    // A high floor wins over a small signal.
    [InlineData(12, 5, 2, 8, 3)]
    [InlineData(3, 5, 2, 8, 2)]
    [InlineData(int.MaxValue, 1, 1, 9, 9)]
    public void DesiredPools_FollowsTheReferenceTable(int units, int perPool, int min, int max, int expected)
    {
        var settings = new PoolSettings { MinPools = min, MaxPools = max, UnitsPerPool = perPool };

        Assert.Equal(expected, settings.DesiredPools(units));
    }

    [Fact]
    public void DesiredPools_NegativeUnits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoolSettings().DesiredPools(-1));

    [Fact]
    public void DesiredPools_ZeroUnitsPerPool_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PoolSettings { UnitsPerPool = 0 }.DesiredPools(1));
        Assert.Contains("units-per-pool", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 5, "actor-pool.min-pools")]
    [InlineData(6, 5, "actor-pool.min-pools")]
    public void Props_BadBounds_ThrowNamingTheKey(int min, int max, string key)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => PoolSupervisor.Props(new PoolSettings { MinPools = min, MaxPools = max }));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
