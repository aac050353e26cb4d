using ActorPool.Internal.Sizing;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>Scaler's capability scaling: each capability set sized on its own, plain pools kept at min-pools.</summary>
public sealed class CapabilityPolicyTests
{
    private static readonly CapabilityPolicy s_policy = new(new CapabilityPolicySettings());

    private static Observation With(int minPools, int wpp, CapabilityGroup[] groups, params (string Requirement, int Jobs)[] waiting) =>
        Obs(0, groups.Sum(g => g.Pools), wpp) with
        {
            MinPools = minPools,
            CapabilityGroups = groups,
            WaitingByRequirement = waiting.ToDictionary(w => w.Requirement, w => w.Jobs),
        };

    [Fact]
    public void JobsWaitingForAnUnservedSet_StartOnePoolOfExactlyIt()
    {
        var decision = s_policy.Decide(With(1, 2, [new("", 1, 0, 0)], ("gpu", 3)));

        Assert.Equal(new Dictionary<string, int> { [""] = 1, ["gpu"] = 1 }, decision.PoolsByCapabilities);
        Assert.Equal(2, decision.Pools);
        Assert.Contains("[gpu] 0 -> 1 (3 jobs on 0 workers)", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // gpu pools, running, queued, waiting -> gpu pools (2 workers a pool, thresholds 5 and 0.5)
    [InlineData(1, 2, 8, 0, 1)]    // 10 jobs on 2 workers: 5 a worker, within the band
    [InlineData(1, 2, 9, 0, 2)]    // 11 on 2: 5.5 > 5: ceil(ceil(11 / 5) / 2) = 2 pools
    [InlineData(1, 2, 8, 30, 4)]   // 40 jobs: ceil(8 / 2) = 4 pools
    [InlineData(4, 3, 0, 0, 1)]    // 3 on 8: 0.375 < 0.5: ceil(1 / 2) = 1 pool
    [InlineData(4, 4, 0, 0, 4)]    // 4 on 8: 0.5, within the band: hold
    [InlineData(2, 0, 0, 0, 0)]    // no gpu jobs: no gpu pools
    public void EachSet_FollowsTheTaskRatio(int pools, int running, int queued, int waiting, int expected)
    {
        var observation = With(1, 2, [new("", 1, 0, 0), new("gpu", pools, running, queued)], waiting > 0 ? [("gpu", waiting)] : []);

        var decision = s_policy.Decide(observation);

        Assert.Equal(expected, decision.PoolsByCapabilities!["gpu"]);
        Assert.Equal(1, decision.PoolsByCapabilities[""]);
    }

    [Fact]
    public void WaitingJobs_CountAgainstTheSmallestSupersetThatHasPools()
    {
        var decision = s_policy.Decide(With(0, 1, [new("fp64,gpu", 1, 1, 0), new("gpu,tpu,x", 1, 0, 0)], ("gpu", 20)));

        // 21 jobs on the [fp64, gpu] group: ceil(21 / 5) = 5; no new [gpu] group; the idle bigger set goes.
        Assert.Equal(5, decision.PoolsByCapabilities!["fp64,gpu"]);
        Assert.False(decision.PoolsByCapabilities.ContainsKey("gpu"));
        Assert.Equal(0, decision.PoolsByCapabilities["gpu,tpu,x"]);
    }

    [Fact]
    public void IdleSupervisor_GoesBackToItsPlainPools()
    {
        var decision = s_policy.Decide(With(1, 2, [new("", 3, 0, 0), new("gpu", 2, 0, 0)]));

        Assert.Equal(new Dictionary<string, int> { [""] = 1, ["gpu"] = 0 }, decision.PoolsByCapabilities);
    }

    [Fact]
    public void Fit_TakesACutFromTheLargestSet_AndARaiseGoesToPlainPools()
    {
        var sets = new Dictionary<string, int> { [""] = 1, ["gpu"] = 4, ["fpga"] = 2 };

        Assert.Equal(new Dictionary<string, int> { [""] = 1, ["gpu"] = 2, ["fpga"] = 2 }, SizingPipeline.Fit(sets, 5, 1));
        Assert.Equal(new Dictionary<string, int> { [""] = 3, ["gpu"] = 4, ["fpga"] = 2 }, SizingPipeline.Fit(sets, 9, 1));
    }
}
