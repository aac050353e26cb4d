using ActorPool.Internal.Sizing;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>The stages around a policy: veto, overload memory, memory pressure, bounds, failures, and what a decision carries.</summary>
public sealed class SizingPipelineTests
{
    private static SizingPipeline Pipeline(ISizingPolicy policy, SizingSettings? settings = null, bool hysteresis = false) =>
        new(policy, settings ?? new SizingSettings(), hysteresis);

    [Fact]
    public void OverloadVeto_RefusesGrowth_WhateverThePolicySays()
    {
        var vetoed = Pipeline(new Fixed(9)).Decide(Obs(0, 4) with { Load = Overloaded(0, LoadSignal.Cpu) });
        Assert.Equal((4, SizingPipeline.OverloadVeto), (vetoed.Pools, vetoed.Policy));
        Assert.Contains("[cpu] overloaded over the current window: no growth; fixed proposed 9", vetoed.Rationale, StringComparison.Ordinal);
        Assert.Equal([new("fixed", 9), new(SizingPipeline.OverloadVeto, 4)], vetoed.Proposals);
        var off = Pipeline(new Fixed(9), new SizingSettings { OverloadVeto = false }).Decide(Obs(0, 4) with { Load = Overloaded(0, LoadSignal.Cpu) });
        Assert.Equal(9, off.Pools);
    }

    [Fact]
    public void OverloadVeto_LetsAShrinkThrough()
    {
        var shrunk = Pipeline(new Fixed(2)).Decide(Obs(0, 4) with { Load = Overloaded(0, LoadSignal.Cpu) });
        Assert.Equal((2, "fixed"), (shrunk.Pools, shrunk.Policy));
    }

    [Fact]
    public void OverloadMemory_StopsGrowthBelowTheOverloadedSize_UntilItExpires()
    {
        var pipeline = Pipeline(new Fixed(9));
        pipeline.Decide(Obs(0, 8) with { Load = Overloaded(0, LoadSignal.Cpu) });
        var remembered = pipeline.Decide(Obs(60, 6));
        Assert.Equal((7, SizingPipeline.OverloadVeto), (remembered.Pools, remembered.Policy));
        Assert.Contains("overloaded at 8 pools 60s ago", remembered.Rationale, StringComparison.Ordinal);
        Assert.Equal(9, pipeline.Decide(Obs(120, 7)).Pools);
    }

    [Theory]
    [InlineData(LoadSignal.Memory)]
    [InlineData(LoadSignal.Gc)]
    public void MemoryPressure_StepsDownEarly_ByTheRatio(LoadSignal signal)
    {
        var stepped = Pipeline(new Fixed(8)).Decide(Obs(0, 8) with { Load = Overloaded(0, signal) });
        Assert.Equal((6, SizingPipeline.MemoryPressure), (stepped.Pools, stepped.Policy));
        Assert.Contains($"[{signal.ConfigName()}] overloaded: -2 from 8", stepped.Rationale, StringComparison.Ordinal);
        var cpu = Pipeline(new Fixed(8)).Decide(Obs(0, 8) with { Load = Overloaded(0, LoadSignal.Cpu) });
        Assert.Equal(8, cpu.Pools);
        var off = Pipeline(new Fixed(8), new SizingSettings { MemoryStepDownRatio = 0 }).Decide(Obs(0, 8) with { Load = Overloaded(0, signal) });
        Assert.Equal(8, off.Pools);
    }

    [Theory]
    [InlineData(LoadSignal.Memory)]
    [InlineData(LoadSignal.Gc)]
    public void MemoryPressure_ThatIsNotOurs_NeitherCutsNorVetoesGrowth(LoadSignal signal)
    {
        // Scenario B9's heap antagonist: the process allocates 1 GB a tick, the pools 1 MB.
        var pipeline = Pipeline(new Fixed(8));
        pipeline.Decide(Obs(0, 8) with { AllocatedBytes = 0, ProcessAllocatedBytes = 1 });
        var held = pipeline.Decide(Obs(1, 8) with { Load = Overloaded(1, signal), AllocatedBytes = 1 << 20, ProcessAllocatedBytes = 1 << 30 });
        Assert.Equal((8, "fixed"), (held.Pools, held.Policy));
        Assert.Contains(new KeyValuePair<string, string>("memory-pressure.own-share", "0.001"), held.Inputs);

        var grower = Pipeline(new Fixed(12));
        grower.Decide(Obs(0, 8) with { AllocatedBytes = 0, ProcessAllocatedBytes = 1 });
        var grown = grower.Decide(Obs(1, 8) with { Load = Overloaded(1, signal), AllocatedBytes = 1 << 20, ProcessAllocatedBytes = 1 << 30 });
        Assert.Equal((12, "fixed"), (grown.Pools, grown.Policy));
        // Nor does it leave an overload memory behind that would hold growth for two minutes.
        Assert.Equal(12, grower.Decide(Obs(2, 8) with { AllocatedBytes = 2 << 20, ProcessAllocatedBytes = 2L << 30 }).Pools);
    }

    [Fact]
    public void MemoryPressure_ThatIsOurs_StepsDownByOurShare()
    {
        var pipeline = Pipeline(new Fixed(8));
        pipeline.Decide(Obs(0, 8) with { AllocatedBytes = 0, ProcessAllocatedBytes = 1 });
        var half = pipeline.Decide(Obs(1, 8) with { Load = Overloaded(1, LoadSignal.Gc), AllocatedBytes = 500, ProcessAllocatedBytes = 1_001 });
        Assert.Equal((7, SizingPipeline.MemoryPressure), (half.Pools, half.Policy));
        Assert.Contains("[gc] overloaded (50% of the allocations ours): -1 from 8", half.Rationale, StringComparison.Ordinal);
        var all = pipeline.Decide(Obs(2, 8) with { Load = Overloaded(2, LoadSignal.Gc), AllocatedBytes = 1_500, ProcessAllocatedBytes = 2_001 });
        Assert.Equal((6, SizingPipeline.MemoryPressure), (all.Pools, all.Policy));
        var vetoed = Pipeline(new Fixed(12), new SizingSettings { MemoryStepDownRatio = 0 });
        vetoed.Decide(Obs(0, 8) with { AllocatedBytes = 0, ProcessAllocatedBytes = 1 });
        Assert.Equal(SizingPipeline.OverloadVeto, vetoed.Decide(Obs(1, 7) with { Load = Overloaded(1, LoadSignal.Gc), AllocatedBytes = 900, ProcessAllocatedBytes = 1_001 }).Policy);
    }

    [Fact]
    public void MemoryPressure_MinOwnShareZero_StepsDownWhoeverAllocates()
    {
        var pipeline = Pipeline(new Fixed(8), new SizingSettings { MemoryMinOwnShare = 0 });
        pipeline.Decide(Obs(0, 8) with { AllocatedBytes = 0, ProcessAllocatedBytes = 1 });
        var stepped = pipeline.Decide(Obs(1, 8) with { Load = Overloaded(1, LoadSignal.Gc), AllocatedBytes = 1, ProcessAllocatedBytes = 1 << 30 });
        Assert.Equal((7, SizingPipeline.MemoryPressure), (stepped.Pools, stepped.Policy));
    }

    [Fact]
    public void Bounds_Clamp_AndSayWhy()
    {
        var clamped = Pipeline(new Fixed(500)).Decide(Obs(0, 4));
        Assert.Equal((100, SizingPipeline.Bounds), (clamped.Pools, clamped.Policy));
        Assert.Equal("clamped to [1, 100]; fixed proposed 500", clamped.Rationale);
    }

    [Fact]
    public void PolicyThatThrows_OrProposesNonsense_IsAHold()
    {
        var thrown = Pipeline(new Throwing()).Decide(Obs(0, 4));
        Assert.Equal((4, SizingPipeline.Failed), (thrown.Pools, thrown.Policy));
        Assert.Contains("throwing threw InvalidOperationException: broken; holding", thrown.Rationale, StringComparison.Ordinal);
        Assert.Equal(4, Pipeline(new Fixed(-3)).Decide(Obs(0, 4)).Pools);
    }

    [Fact]
    public void Decision_CarriesTheObservationAndThePolicysInputs()
    {
        var loop = new SizingLoop(Pipeline(new QueuePolicy(new QueuePolicySettings())), "/user/pools");
        var (decision, publish) = loop.Decide(Obs(7, 4) with { Running = 4, Queued = 96, Units = 3, CompletedJobs = 12 }, "decision-interval");
        Assert.True(publish);
        Assert.Equal(new ScalingDecision("/user/pools", "queue", 3, 4, 10, "decision-interval"), decision);
        Assert.Equal(At(7), decision.Timestamp);
        Assert.Equal("jobs per worker 25 > 10: ceil(100 / 10 / 1) = 10 pools", decision.Rationale);
        Assert.Contains(new KeyValuePair<string, string>("queued", "96"), decision.Inputs);
        Assert.Contains(new KeyValuePair<string, string>("completed", "12"), decision.Inputs);
        Assert.Contains(new KeyValuePair<string, string>("queue.running", "4"), decision.Inputs);
        Assert.Equal([new("queue", 10)], decision.Proposals);
    }

    [Fact]
    public void Loop_PublishesOnANewCount_OrANewDecidingPolicy_NotOnHolds()
    {
        var loop = new SizingLoop(Pipeline(new Fixed(4)), "/user/pools");
        Assert.False(loop.Decide(Obs(0, 4), "tick").Publish);
        Assert.False(loop.Decide(Obs(1, 4), "tick").Publish);
        var vetoLoop = new SizingLoop(Pipeline(new Fixed(5)), "/user/pools");
        Assert.True(vetoLoop.Decide(Obs(0, 4), "tick").Publish);
        Assert.False(vetoLoop.Decide(Obs(1, 5) with { Load = Overloaded(1, LoadSignal.Cpu) }, "tick").Publish);
        var held = vetoLoop.Decide(Obs(2, 4) with { Load = Overloaded(2, LoadSignal.Cpu) }, "tick");
        Assert.True(held.Publish);
        Assert.Equal(SizingPipeline.OverloadVeto, held.Decision.Policy);
    }

    [Fact]
    public void CustomPolicy_ByAssemblyQualifiedName_IsCreatedByTheLoop()
    {
        var settings = new PoolSettings { Sizing = new SizingSettings { Policy = typeof(HalfOfUnits).AssemblyQualifiedName! } }.Validate();
        var loop = SizingLoop.Create(settings, "/user/pools");
        var (decision, _) = loop.Decide(Obs(0, 1) with { Units = 10 }, "ScaleChanged(10)");
        Assert.Equal((5, "half"), (decision.Desired, decision.Policy));
        Assert.True(loop.UsesLoad);
    }

    [Fact]
    public void CustomPolicy_WhoseConstructorThrows_IsRefusedNamingTheKey()
    {
        var name = typeof(BrokenAtBirth).AssemblyQualifiedName!;
        var settings = new PoolSettings { Sizing = new SizingSettings { Policy = name } }.Validate();
        var error = Assert.Throws<ArgumentException>(() => SizingLoop.Create(settings, "/user/pools"));
        Assert.Equal($"actor-pool.sizing.policy could not be created, was: [{name}]: its constructor threw InvalidOperationException: no config", error.Message);
    }

    /// <summary>A user policy that cannot be built.</summary>
    public sealed class BrokenAtBirth : ISizingPolicy
    {
        public BrokenAtBirth() => throw new InvalidOperationException("no config");

        public string Name => "broken";

        public PolicyDecision Decide(Observation observation) => PolicyDecision.Hold(observation, "never");
    }

    /// <summary>A user policy as a user writes one: public, a parameterless constructor.</summary>
    public sealed class HalfOfUnits : ISizingPolicy
    {
        public string Name => "half";

        public PolicyDecision Decide(Observation observation) => new(observation.Units / 2, "half of the units");
    }

    private sealed class Fixed(int pools) : ISizingPolicy
    {
        public string Name => "fixed";

        public PolicyDecision Decide(Observation observation) => new(pools, $"always {pools}");
    }

    private sealed class Throwing : ISizingPolicy
    {
        public string Name => "throwing";

        public PolicyDecision Decide(Observation observation) => throw new InvalidOperationException("broken");
    }
}
