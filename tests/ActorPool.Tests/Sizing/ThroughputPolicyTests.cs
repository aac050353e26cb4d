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
    public void CpuSampleOlderThanTheLastMove_IsReadForTheWorkersItCovered()
    {
        // Samples every second, each taken just after a decision: the one read at t = 2 covers
        // (0.01, 1.01], when 8 workers ran (20 only from t = 1, the move).
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 8, 0) with { Load = Cpu(-0.99, 0.3) });
        Assert.Equal(20, policy.Decide(Busy(1, 8, 80) with { Load = Cpu(0.01, 0.4) }).Pools);
        var next = policy.Decide(Busy(2, 20, 240) with { Load = Cpu(1.01, 0.41) });
        // Read as 20 workers at CPU 0.41, the knee would be 49 (B5 went 20 -> 55 this way).
        Assert.Equal(20, next.Pools);
        Assert.Contains("with 8.12 (the sample's window; 20 now) busy workers: knee at 8.12 / 0.41 = 19.805 workers", next.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CpuThatStopsRisingWithTheWorkers_IsTheCeiling_SoItHoldsBelowTargetCpu()
    {
        // A shared machine: the process never reads more than 0.9 of the CPU, below target-cpu
        // 0.95; the knee is 16 workers at 10 jobs/s each.
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 8, 0, cpu: 0.45));
        Assert.Equal(18, policy.Decide(Busy(1, 8, 80, cpu: 0.45)).Pools);   // 8 / 0.45
        Assert.Equal(20, policy.Decide(Busy(2, 18, 240, cpu: 0.9)).Pools);  // 18 / 0.9: still rising as predicted
        // 18 -> 20 workers, CPU 0.9 -> 0.9: Little's law predicted 1.0, the machine is saturated.
        var held = policy.Decide(Busy(3, 20, 400, cpu: 0.9));
        Assert.Equal(20, held.Pools);
        Assert.Contains("cpu saturated", held.Reason, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("cpu-ceiling", "0.9"), held.Inputs);
        // Below the ceiling the knee is sized against it, not against 1: 20 x 0.9 / 0.85 = 21.2.
        var below = policy.Decide(Busy(4, 20, 560, cpu: 0.85));
        Assert.Contains("knee at 20 x ceiling 0.9 / 0.85 = 21.176 workers", below.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CpuThatStopsRisingFarBelowTheMachine_IsOtherWork_NotACeiling()
    {
        // A CPU hog holds the cores: 8 -> 32 workers raise the share from 0.2 to 0.25 only. More
        // runnable workers still win CPU from the hog, so it is sized against the whole machine.
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 8, 0, cpu: 0.2));
        Assert.Equal(32, policy.Decide(Busy(1, 8, 80, cpu: 0.2)).Pools);     // 8 / 0.2 = 40, x4 at most
        var next = policy.Decide(Busy(2, 32, 400, cpu: 0.25));
        Assert.Equal(128, next.Pools);                                       // 32 / 0.25
        Assert.DoesNotContain(next.Inputs, i => i.Key == "cpu-ceiling");
    }

    [Fact]
    public void AfterAnOvershoot_TheCpuRuleClimbsBackInAdditiveSteps()
    {
        // A contended lock: 20 workers saturate the CPU and complete what 8 did.
        var policy = new ThroughputPolicy(new ThroughputPolicySettings());
        policy.Decide(Busy(0, 8, 0, cpu: 0.4));
        policy.Decide(Busy(1, 8, 80, cpu: 0.4));                             // -> 20
        var back = policy.Decide(Busy(2, 20, 160, cpu: 1.0));
        Assert.Equal(10, back.Pools);                                        // past the knee: 80 / 10 + 1 = 9, at most halved
        Assert.Contains("to the knee estimate 9 workers, at most halved: 10", back.Reason, StringComparison.Ordinal);
        // Little's law names 10 / 0.4 = 25 again; it goes one step, staying below 20 (it went
        // 20 -> 10 -> 25 -> 10 before: the oscillation of B5's steady phase).
        var step = policy.Decide(Busy(3, 10, 260, cpu: 0.4));
        Assert.Equal(11, step.Pools);
        Assert.Contains("overshot at 20: to 11", step.Reason, StringComparison.Ordinal);
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
