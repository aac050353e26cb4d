namespace ActorPool.Internal.Sizing;

/// <summary>The HOCON keys of <see cref="SizingSettings"/>, relative to <c>actor-pool</c>.</summary>
internal static class SizingKeys
{
    public const string Policy = "sizing.policy";
    public const string DecisionInterval = "sizing.decision-interval";
    public const string OverloadVeto = "sizing.overload-veto";
    public const string OverloadMemory = "sizing.overload-memory";
    public const string MemoryStepDownRatio = "sizing.memory-pressure.step-down-ratio";
    public const string MemoryMinOwnShare = "sizing.memory-pressure.min-own-share";
    public const string Tolerance = "sizing.stabilization.tolerance";
    public const string ScaleUpWindow = "sizing.stabilization.scale-up-window";
    public const string ScaleDownWindow = "sizing.stabilization.scale-down-window";
    public const string UnitsHysteresis = "sizing.units.hysteresis";
    public const string LoadUpRatio = "sizing.load.scale-up-step-ratio";
    public const string LoadDownRatio = "sizing.load.scale-down-step-ratio";
    public const string LoadConcurrencyRatio = "sizing.load.desired-concurrency-ratio";
    public const string LoadInterval = "sizing.load.autoscale-interval";
    public const string LoadHysteresis = "sizing.load.hysteresis";
    public const string QueueUpper = "sizing.queue.upper-task-ratio";
    public const string QueueLower = "sizing.queue.lower-task-ratio";
    public const string QueueHysteresis = "sizing.queue.hysteresis";
    public const string CapabilityUpper = "sizing.capability.upper-task-ratio";
    public const string CapabilityLower = "sizing.capability.lower-task-ratio";
    public const string TargetCpu = "sizing.throughput.target-cpu";
    public const string MaxGrowth = "sizing.throughput.max-growth";
    public const string CeilingRatio = "sizing.throughput.ceiling-ratio";
    public const string Alpha = "sizing.throughput.alpha-ratio";
    public const string Beta = "sizing.throughput.beta-ratio";
    public const string BaseWindow = "sizing.throughput.base-window";
    public const string ThroughputConcurrencyRatio = "sizing.throughput.desired-concurrency-ratio";
    public const string ThroughputHysteresis = "sizing.throughput.hysteresis";
}
