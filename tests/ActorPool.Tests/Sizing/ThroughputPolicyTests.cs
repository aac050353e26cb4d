using System.Collections.Frozen;
using ActorPool.Internal.Sizing;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>The throughput controller's rules one measurement at a time (the traces show whole runs).</summary>
public sealed class ThroughputPolicyTests
{
    private static LoadSnapshot Cpu(double seconds, double cpu)
    {
        var idle = LoadSnapshot.Of(At(seconds));
        return new LoadSnapshot(At(seconds), cpu, 0, TimeSpan.Zero, 0, idle.OverloadedShares, idle.HistoricalShares,
            FrozenSet<LoadSignal>.Empty, FrozenSet<LoadSignal>.Empty, FrozenSet<LoadSignal>.Empty);
    }

    private static Observation Busy(double seconds, int workers, long completed, double cpu = double.NaN) =>
        Obs(seconds, workers) with
        {
            Running = workers,
            Queued = 1000,
            CompletedJobs = completed,
            Load = double.IsNaN(cpu) ? Observation.Of(At(seconds), workers).Load : Cpu(seconds, cpu),
        };

    [Fact]
    public void FirstTick_StartsMeasuring_AndHolds()
    {
        var first = new ThroughputPolicy(new ThroughputPolicySettings()).Decide(Busy(0, 2, 0));
        Assert.Equal((2, "measurement started"), (first.Pools, first.Reason));
    }

    [Fact]
    public void CpuShare_NamesTheKnee_CappedAtMaxGrowth()
    {
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 2, 0));
        // 2 busy workers use 10% of the machine: 2 / 0.1 = 20 saturate it; x4 at most per tick.
        var first = policy.Decide(Busy(1, 2, 20, cpu: 0.1));
        Assert.Equal(8, first.Pools);
        Assert.Contains("knee at 2 / 0.1 = 20 workers, capped at max-growth 4 x 2", first.Reason, StringComparison.Ordinal);
        Assert.Equal(20, policy.Decide(Busy(2, 8, 100, cpu: 0.4)).Pools);
        var held = policy.Decide(Busy(3, 20, 300, cpu: 1.0));
        Assert.Equal(20, held.Pools);
        Assert.Contains("cpu saturated", held.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWorkerBlocked_NoCpuAtAll_GrowsByMaxGrowth()
    {
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 4, 0));
        var grown = policy.Decide(Busy(1, 4, 0, cpu: 0));
        Assert.Equal(16, grown.Pools);
        Assert.Contains("capped at max-growth 4 x 4", grown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NotBusy_Holds_WhateverTheRate()
    {
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 10, 0));
        var idle = policy.Decide(Obs(1, 10) with { Running = 3, CompletedJobs = 30, Load = Cpu(1, 0.05) });
        Assert.Equal(10, idle.Pools);
        Assert.StartsWith("not busy: running 3 < 9", idle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutCpu_SlowStart_ThenOneStepToTheKneeEstimate()
    {
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 10, 0));
        Assert.Equal(20, policy.Decide(Busy(1, 10, 100)).Pools);        // 10/worker, linear: x2
        var past = policy.Decide(Busy(2, 20, 200));                      // still 100/s: 10 idle
        Assert.Equal(11, past.Pools);                                    // 100 / 10 + alpha 1
        Assert.Contains("to the knee estimate", past.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RateDropsAtAnUnchangedSize_TheCurveMoved_ProbesUpInsteadOfShrinking()
    {
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 10, 0));
        policy.Decide(Busy(1, 10, 100));                                 // -> 20
        policy.Decide(Busy(2, 20, 200));                                 // -> 11, overshot at 20
        Assert.Equal(11, policy.Decide(Busy(3, 11, 300)).Pools);         // at the knee: hold
        // Jobs start blocking: 30 jobs/s at the same 11 workers. Vegas alone, with its base of
        // 10/worker, would shrink to 4; the controller forgets the old curve and probes upward.
        var probe = policy.Decide(Busy(4, 11, 330));
        Assert.Equal(22, probe.Pools);
        Assert.Contains("still linear", probe.Reason, StringComparison.Ordinal);
    }
}
