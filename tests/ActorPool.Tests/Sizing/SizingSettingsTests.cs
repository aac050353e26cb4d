using Akka.Configuration;

namespace ActorPool.Tests.Sizing;

/// <summary>The actor-pool.sizing block: defaults, reading, and one case per rejected value.</summary>
public sealed class SizingSettingsTests
{
    private static PoolSettings Read(string hocon) => PoolSettings.Create(ConfigurationFactory.ParseString(hocon));

    private static string Rejected(string hocon) => Assert.Throws<ArgumentException>(() => Read(hocon)).Message;

    [Fact]
    public void ReferenceConf_AndTheRecordDefaults_Agree()
    {
        var sizing = Read("").Sizing;
        Assert.Equal(new SizingSettings(), sizing);
        Assert.Equal("units", sizing.Policy);
        Assert.False(sizing.Units.Hysteresis);
        Assert.True(sizing.Load.Hysteresis && sizing.Queue.Hysteresis && sizing.Throughput.Hysteresis);
        Assert.Equal((0.05, 0.05, 0.9, TimeSpan.FromSeconds(10)), (sizing.Load.ScaleUpStepRatio, sizing.Load.ScaleDownStepRatio, sizing.Load.DesiredConcurrencyRatio, sizing.Load.AutoscaleInterval));
        Assert.Equal((10.0, 1.0), (sizing.Queue.UpperTaskRatio, sizing.Queue.LowerTaskRatio));
    }

    [Fact]
    public void EveryKey_IsRead()
    {
        var sizing = Read("""
            sizing {
              policy = throughput
              decision-interval = 250ms
              overload-veto = off
              overload-memory = 0s
              memory-pressure { step-down-ratio = 0.5, min-own-share = 0.6 }
              stabilization { tolerance = 0.2, scale-up-window = 5s, scale-down-window = 5m }
              units.hysteresis = on
              load { scale-up-step-ratio = 0.1, scale-down-step-ratio = 0.2, desired-concurrency-ratio = 0.8, autoscale-interval = 0s, hysteresis = off }
              queue { upper-task-ratio = 5, lower-task-ratio = 0.5, hysteresis = off }
              throughput { target-cpu = 0.9, ceiling-ratio = 0.9, max-growth = 2, alpha-ratio = 0.1, beta-ratio = 0.3, base-window = 5, desired-concurrency-ratio = 0.5, hysteresis = off }
            }
            """).Sizing;
        Assert.Equal(new SizingSettings
        {
            Policy = "throughput",
            DecisionInterval = TimeSpan.FromMilliseconds(250),
            OverloadVeto = false,
            OverloadMemory = TimeSpan.Zero,
            MemoryStepDownRatio = 0.5,
            MemoryMinOwnShare = 0.6,
            Stabilization = new StabilizationSettings { Tolerance = 0.2, ScaleUpWindow = TimeSpan.FromSeconds(5), ScaleDownWindow = TimeSpan.FromMinutes(5) },
            Units = new UnitsPolicySettings { Hysteresis = true },
            Load = new LoadPolicySettings { ScaleUpStepRatio = 0.1, ScaleDownStepRatio = 0.2, DesiredConcurrencyRatio = 0.8, AutoscaleInterval = TimeSpan.Zero, Hysteresis = false },
            Queue = new QueuePolicySettings { UpperTaskRatio = 5, LowerTaskRatio = 0.5, Hysteresis = false },
            Throughput = new ThroughputPolicySettings { TargetCpu = 0.9, CeilingRatio = 0.9, MaxGrowth = 2, AlphaRatio = 0.1, BetaRatio = 0.3, BaseWindow = 5, DesiredConcurrencyRatio = 0.5, Hysteresis = false },
        }, sizing);
    }

    [Fact]
    public void UnknownPolicy_IsRefused_ListingTheKnownOnes_AndTheNearest()
    {
        Assert.Equal(
            "actor-pool.sizing.policy must be one of [units, load, queue, throughput, capability] or the assembly-qualified name of a type implementing ActorPool.ISizingPolicy, was: [lod]; did you mean load?",
            Rejected("sizing.policy = lod"));
    }

    [Theory]
    [InlineData("sizing.policy = \"Acme.Missing, Acme\"", "actor-pool.sizing.policy names no type that can be loaded")]
    [InlineData("sizing.policy = \"System.String, System.Private.CoreLib\"", "actor-pool.sizing.policy must name a concrete type implementing ActorPool.ISizingPolicy, was: [System.String, System.Private.CoreLib]")]
    [InlineData("sizing.policy = \"\"", "actor-pool.sizing.policy must name a policy, was: []")]
    [InlineData("sizing.policy = [units]", "actor-pool.sizing.policy must be a name, was: [a list]")]
    [InlineData("sizing.decision-interval = 5", "actor-pool.sizing.decision-interval must be a duration with a unit")]
    [InlineData("sizing.decision-interval = 0s", "actor-pool.sizing.decision-interval must be > 0, was: [00:00:00]")]
    [InlineData("sizing.overload-veto = maybe", "actor-pool.sizing.overload-veto must be on or off, was: [maybe]")]
    [InlineData("sizing.overload-memory = -1s", "actor-pool.sizing.overload-memory must be >= 0, was: [-00:00:01]")]
    [InlineData("sizing.memory-pressure.step-down-ratio = 1.5", "actor-pool.sizing.memory-pressure.step-down-ratio must be between 0 and 1, was: [1.5]")]
    [InlineData("sizing.memory-pressure.min-own-share = -0.1", "actor-pool.sizing.memory-pressure.min-own-share must be between 0 and 1, was: [-0.1]")]
    [InlineData("sizing.stabilization.tolerance = lots", "actor-pool.sizing.stabilization.tolerance must be a number such as 0.9, was: [lots]")]
    [InlineData("sizing.stabilization.scale-down-window = -5m", "actor-pool.sizing.stabilization.scale-down-window must be >= 0, was: [-00:05:00]")]
    [InlineData("sizing.units.hysteresis = 1", "actor-pool.sizing.units.hysteresis must be on or off, was: [1]")]
    [InlineData("sizing.load.scale-up-step-ratio = -0.1", "actor-pool.sizing.load.scale-up-step-ratio must be between 0 and 1, was: [-0.1]")]
    [InlineData("sizing.load.autoscale-interval = 10", "actor-pool.sizing.load.autoscale-interval must be a duration with a unit")]
    [InlineData("sizing.queue.lower-task-ratio = 20", "actor-pool.sizing.queue.lower-task-ratio must be < actor-pool.sizing.queue.upper-task-ratio, was: [20] >= [10]")]
    [InlineData("sizing.queue.upper-task-ratio = 0", "actor-pool.sizing.queue.upper-task-ratio must be > 0, was: [0]")]
    [InlineData("sizing.throughput.target-cpu = 0", "actor-pool.sizing.throughput.target-cpu must be > 0, was: [0]")]
    [InlineData("sizing.throughput.ceiling-ratio = 1.2", "actor-pool.sizing.throughput.ceiling-ratio must be between 0 and 1, was: [1.2]")]
    [InlineData("sizing.throughput.max-growth = 0.5", "actor-pool.sizing.throughput.max-growth must be >= 1, was: [0.5]")]
    [InlineData("sizing.throughput.alpha-ratio = 0.3", "actor-pool.sizing.throughput.alpha-ratio must be < actor-pool.sizing.throughput.beta-ratio, was: [0.3] >= [0.2]")]
    [InlineData("sizing.throughput.base-window = 0", "actor-pool.sizing.throughput.base-window must be >= 1, was: [0]")]
    [InlineData("sizing.lod { scale-up-step-ratio = 0.1 }", "unknown key actor-pool.sizing.lod.scale-up-step-ratio; did you mean actor-pool.sizing.load.scale-up-step-ratio?")]
    public void BadValue_IsRefused_NamingKeyAndValue(string hocon, string message) =>
        Assert.Contains(message, Rejected(hocon), StringComparison.Ordinal);

    [Fact]
    public void Validate_ChecksSettingsChangedInCode()
    {
        var bad = new PoolSettings { Sizing = new SizingSettings { Policy = "qeue", Load = new LoadPolicySettings { ScaleDownStepRatio = 2 } } };
        var message = Assert.Throws<ArgumentException>(() => bad.Validate()).Message;
        Assert.Contains("was: [qeue]; did you mean queue?", message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.sizing.load.scale-down-step-ratio must be between 0 and 1, was: [2]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomPolicy_ByAssemblyQualifiedName_IsAccepted()
    {
        var name = typeof(SizingPipelineTests.HalfOfUnits).AssemblyQualifiedName!;
        Assert.Equal(name, Read($"sizing.policy = \"{name}\"").Sizing.Policy);
    }
}
