namespace ActorPool.Tests.Settings;

public sealed class DesiredPoolsTests
{
    public static TheoryData<int, int, int, int> UnitsAndBounds()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var (min, max, perPool) in new[] { (1, 5, 10), (0, 3, 7), (2, 8, 5) })
        {
            for (var units = 0; units <= 60; units++)
            {
                data.Add(min, max, perPool, units);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnitsAndBounds))]
    public void DesiredPools_IsCeilingOfUnitsPerPool_ClampedToBounds(int min, int max, int perPool, int units)
    {
        var settings = new PoolSettings { MinPools = min, MaxPools = max, UnitsPerPool = perPool };
        var ceiling = (units + perPool - 1) / perPool;

        var desired = settings.DesiredPools(units);

        Assert.Equal(Math.Clamp(ceiling, min, max), desired);
        Assert.InRange(desired, min, max);
    }

    [Fact]
    public void DesiredPools_ThirtyOneUnitsOfTen_IsFour()
    {
        Assert.Equal(4, new PoolSettings().DesiredPools(31));
    }

    [Fact]
    public void DesiredPools_MaxUnits_DoesNotOverflow()
    {
        var settings = new PoolSettings { MaxPools = int.MaxValue, UnitsPerPool = 1 };

        Assert.Equal(int.MaxValue, settings.DesiredPools(int.MaxValue));
        Assert.Equal(8, new PoolSettings().DesiredPools(int.MaxValue));
    }
}
