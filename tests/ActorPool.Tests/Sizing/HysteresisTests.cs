using ActorPool.Internal.Sizing;
using CsCheck;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>
/// The hysteresis stage on its own (tolerance band, reversal gap, HPA windows), and its two
/// promises as properties over seeded jitter: +-5% around a constant level never reverses, and a
/// real step covers 90% of its way within 2 ticks.
/// </summary>
public sealed class HysteresisTests
{
    private static readonly StabilizationSettings s_defaults = new();

    [Fact]
    public void Band_IgnoresDemandWithinTolerance_AndGrowsPastIt()
    {
        var h = new Hysteresis(s_defaults);
        Assert.Equal(10, h.Apply(At(0), 10, 11, 11.0));
        Assert.Contains("within 0.1 of 10", h.LastReason, StringComparison.Ordinal);
        Assert.Equal(12, h.Apply(At(1), 10, 12, 11.2));
        Assert.Equal("", h.LastReason);
    }

    [Fact]
    public void Band_Shrink_OnlyWhenDemandPlusToleranceFitsInFewerPools()
    {
        var h = new Hysteresis(s_defaults);
        // ceil(9.2 x 1.1) = 11 pools: no fewer than 11, so it holds.
        Assert.Equal(11, h.Apply(At(0), 11, 10, 9.2));
        Assert.Contains("within 0.1 of 11", h.LastReason, StringComparison.Ordinal);
        // ceil(9 x 1.1) = 10 < 11: down to the proposal.
        Assert.Equal(9, h.Apply(At(1), 11, 9, 9.0));
    }

    [Fact]
    public void MoveWithoutDemand_IsTheReferenceForTheNextMove()
    {
        // The throughput controller's story in scenario B7: up on demand to 36, down without a
        // demand (Vegas) to 2, then up on demand 3.25 when the jobs start blocking.
        var h = new Hysteresis(s_defaults);
        Assert.Equal(36, h.Apply(At(0), 32, 36, 35.656));
        Assert.Equal(2, h.Apply(At(1), 36, 2, null));

        Assert.Equal(4, h.Apply(At(2), 2, 4, 3.25));
        Assert.Equal("", h.LastReason);
    }

    [Fact]
    public void MoveHeldBackByALaterStage_IsNoReference()
    {
        // Scenario B7: the band lets 4 -> 8 through on demand 12.4, the overload veto holds 4.
        var h = new Hysteresis(s_defaults);
        Assert.Equal(8, h.Apply(At(0), 4, 8, 12.422));
        h.Moved(4, 4);

        Assert.Equal(11, h.Apply(At(1), 4, 11, 10.514));
        Assert.Equal("", h.LastReason);
    }

    [Fact]
    public void Band_ProposalWithoutDemand_PassesAsItIs()
    {
        // A stepping policy (load's 5%) would be swallowed by the band.
        var h = new Hysteresis(s_defaults);
        Assert.Equal(11, h.Apply(At(0), 10, 11, demand: null));
        Assert.Equal(10, h.Apply(At(1), 11, 10, demand: null));
    }

    [Fact]
    public void Reversal_NeedsTheDemandToMoveTwiceTheTolerance()
    {
        var h = new Hysteresis(s_defaults);
        Assert.Equal(105, h.Apply(At(0), 95, 105, 105.0));
        // The band alone would shrink at 94 (ceil(103.4) < 105); the gap from 105 is x1.21.
        Assert.Equal(105, h.Apply(At(1), 105, 94, 94.0));
        Assert.Contains("a reversal needs", h.LastReason, StringComparison.Ordinal);
        Assert.Equal(86, h.Apply(At(2), 105, 86, 86.0));
    }

    [Fact]
    public void ScaleDownWindow_UsesTheHighestOfItsWindow()
    {
        var h = new Hysteresis(s_defaults with { Tolerance = 0, ScaleDownWindow = TimeSpan.FromSeconds(300) });
        Assert.Equal(8, h.Apply(At(0), 8, 8, demand: null));
        Assert.Equal(8, h.Apply(At(100), 8, 2, demand: null));
        Assert.Contains("scale-down-window 300s holds its highest, 8", h.LastReason, StringComparison.Ordinal);
        Assert.Equal(8, h.Apply(At(299), 8, 2, demand: null));
        Assert.Equal(2, h.Apply(At(301), 8, 2, demand: null));
    }

    [Fact]
    public void ScaleUpWindow_UsesTheLowestOfItsWindow_AndZeroGrowsAtOnce()
    {
        Assert.Equal(9, new Hysteresis(s_defaults with { Tolerance = 0 }).Apply(At(0), 4, 9, demand: null));
        var h = new Hysteresis(s_defaults with { Tolerance = 0, ScaleUpWindow = TimeSpan.FromSeconds(30) });
        Assert.Equal(4, h.Apply(At(0), 4, 4, demand: null));
        Assert.Equal(4, h.Apply(At(10), 4, 9, demand: null));
        Assert.Equal(4, h.Apply(At(20), 4, 6, demand: null));
        Assert.Contains("scale-up-window 30s holds its lowest, 4", h.LastReason, StringComparison.Ordinal);
        Assert.Equal(6, h.Apply(At(31), 4, 9, demand: null));
        Assert.Equal(9, h.Apply(At(51), 6, 9, demand: null));
    }

    [Fact]
    public void Jitter_PlusMinus5Percent_NeverReverses_AtAnyLevel() =>
        Gen.Select(Gen.Int[3, 20_000], Gen.Int).Sample((units, seed) =>
        {
            var trajectory = Replay(seed, ticks: 200, k => units);
            return Reversals(trajectory) == 0;
        }, iter: 300);

    [Fact]
    public void Step_Doubling_OrHalving_Covers90PercentWithin2Ticks_ThenMovesAtMostOnceMore() =>
        Gen.Select(Gen.Int[20, 20_000], Gen.Int, Gen.Bool).Sample((units, seed, up) =>
        {
            var after = up ? units * 2 : units / 2;
            var trajectory = Replay(seed, ticks: 60, k => k < 30 ? units : after);
            // trajectory[k] is the count after tick k's decision; the step is seen at tick 30.
            var before = trajectory[29];
            var target = after / 10.0;
            // 90% of the way, give or take the 5% jitter of the sample it acted on (and rounding).
            var reached = Math.Abs(target - trajectory[31]) <= (0.1 * Math.Abs(target - before)) + (0.05 * target) + 1;
            var later = trajectory.Skip(31).Zip(trajectory.Skip(32)).Count(p => p.First != p.Second);
            var still = later <= 1;
            return reached && still && Reversals(trajectory) <= 1;
        }, iter: 300);

    /// <summary>The units policy with hysteresis on, 10 units per pool, under seeded +-5% jitter.</summary>
    private static List<int> Replay(int seed, int ticks, Func<int, int> level)
    {
        var loop = SizingLoop.Create(new PoolSettings
        {
            MinPools = 1,
            MaxPools = 10_000,
            UnitsPerPool = 10,
            Sizing = new SizingSettings { Units = new UnitsPolicySettings { Hysteresis = true } },
        }, "/user/pools");
        var random = new Random(seed);
        var desired = 1;
        var trajectory = new List<int>();
        for (var k = 0; k < ticks; k++)
        {
            var units = (int)Math.Round(level(k) * (0.95 + (0.1 * random.NextDouble())));
            desired = loop.Decide(Obs(k, desired) with { MaxPools = 10_000, Units = units }, "tick").Decision.Desired;
            trajectory.Add(desired);
        }
        return trajectory;
    }

    private static int Reversals(List<int> trajectory)
    {
        var (reversals, direction) = (0, 0);
        for (var i = 1; i < trajectory.Count; i++)
        {
            var step = Math.Sign(trajectory[i] - trajectory[i - 1]);
            if (step != 0)
            {
                reversals += direction != 0 && step != direction ? 1 : 0;
                direction = step;
            }
        }
        return reversals;
    }
}
