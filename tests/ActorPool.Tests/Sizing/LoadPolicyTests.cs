using ActorPool.Internal.Sizing;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>Crawlee's AutoscaledPool rule, ported from the reference's tests, in pools of one worker.</summary>
public sealed class LoadPolicyTests
{
    /// <summary>Runs the policy every 10 s, feeding back its own proposal.</summary>
    private static List<int> Run(int start, int ticks, bool overloaded, bool allBusy)
    {
        var policy = new LoadPolicy(new LoadPolicySettings());
        var trajectory = new List<int> { start };
        var desired = start;
        for (var i = 1; i <= ticks; i++)
        {
            var o = Obs(i * 10, desired) with
            {
                Running = allBusy ? desired : 0,
                Load = overloaded ? Overloaded(i * 10, LoadSignal.Cpu) : LoadSnapshot.Of(At(i * 10)),
            };
            desired = policy.Decide(o).Pools;
            trajectory.Add(desired);
        }
        return trajectory;
    }

    [Fact]
    public void Grow_AllBusy_AddsStepRatio()
    {
        // From 10: +ceil(0.05 x d) each interval, so +1 up to 20, then +2 from 21.
        Assert.Equal([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 25, 27], Run(10, 14, overloaded: false, allBusy: true));
    }

    [Fact]
    public void Shrink_Overloaded_RemovesStepRatio() =>
        Assert.Equal([40, 38, 36, 34, 32, 30, 28, 26, 24, 22, 20, 19, 18], Run(40, 12, overloaded: true, allBusy: true));

    [Fact]
    public void Shrink_OverloadedAtMin_Holds() => Assert.Equal([1, 1, 1], Run(1, 2, overloaded: true, allBusy: true));

    [Fact]
    public void Hold_RunningBelowDesiredConcurrencyRatio()
    {
        var policy = new LoadPolicy(new LoadPolicySettings());
        var held = policy.Decide(Obs(0, 10) with { Running = 8 });
        Assert.Equal(10, held.Pools);
        Assert.Contains("running 8 < floor(0.9 x 10) = 9", held.Reason, StringComparison.Ordinal);
        Assert.Equal(11, policy.Decide(Obs(10, 10) with { Running = 9 }).Pools);
    }

    [Fact]
    public void Decide_WithinAutoscaleInterval_Holds()
    {
        var policy = new LoadPolicy(new LoadPolicySettings());
        Assert.Equal(11, policy.Decide(Obs(0, 10) with { Running = 10 }).Pools);
        var early = policy.Decide(Obs(9.999, 11) with { Running = 11 });
        Assert.Equal(11, early.Pools);
        Assert.Contains("waiting for autoscale-interval", early.Reason, StringComparison.Ordinal);
        Assert.Equal(12, policy.Decide(Obs(10, 11) with { Running = 11 }).Pools);
    }

    [Fact]
    public void Grow_AtMax_Holds()
    {
        var held = new LoadPolicy(new LoadPolicySettings()).Decide(Obs(0, 100) with { Running = 100 });
        Assert.Equal(100, held.Pools);
        Assert.Contains("at max-pools 100", held.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Busy_IsCountedInWorkers_NotPools()
    {
        // 5 pools of 2 workers: floor(0.9 x 10) = 9 running jobs are needed to grow.
        var policy = new LoadPolicy(new LoadPolicySettings { AutoscaleInterval = TimeSpan.Zero });
        Assert.Equal(5, policy.Decide(Obs(0, 5, 2) with { Running = 8 }).Pools);
        Assert.Equal(6, policy.Decide(Obs(1, 5, 2) with { Running = 9 }).Pools);
    }
}
