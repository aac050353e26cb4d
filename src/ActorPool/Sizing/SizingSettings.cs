namespace ActorPool;

/// <summary>
/// The <c>actor-pool.sizing</c> block: which policy sizes the pools, how often it is asked, and the
/// stages around it (hysteresis, memory pressure, overload veto). Each property is described, with
/// an example, above its key in <c>HOCON/reference.conf</c>.
/// </summary>
/// <remarks>
/// The top-level keys <c>min-pools</c>, <c>max-pools</c> and <c>units-per-pool</c> stay on
/// <see cref="PoolSettings"/>: every policy works within those bounds, and <c>units</c> reads
/// <c>units-per-pool</c>. Immutable and safe to share; change it with <c>with { Policy = "load" }</c>,
/// checked by <see cref="PoolSettings.Validate"/> and when read from configuration.
/// </remarks>
public sealed record SizingSettings
{
    /// <summary>
    /// The policy, by name (HOCON <c>actor-pool.sizing.policy</c>): <c>units</c>, <c>load</c>,
    /// <c>queue</c>, <c>throughput</c>, or the assembly-qualified name of a type implementing
    /// <see cref="ISizingPolicy"/> with a public parameterless constructor.
    /// </summary>
    /// <value>The default value is <c>units</c>.</value>
    public string Policy { get; init; } = "units";

    /// <summary>
    /// How often the supervisor asks the policy on its own, besides every <c>check-interval</c>
    /// and every <c>ScaleChanged</c> (HOCON <c>actor-pool.sizing.decision-interval</c>). Positive.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan DecisionInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether growth is refused while the latest load snapshot is overloaded over its current
    /// window, whatever the policy proposes (HOCON <c>actor-pool.sizing.overload-veto</c>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool OverloadVeto { get; init; } = true;

    /// <summary>
    /// After an overloaded tick at N pools, growth stops at N - 1 for this long, so the loop does
    /// not climb straight back into the overload and oscillate there (Crawlee's rule alone does,
    /// crawlee-python#1224). Only with <see cref="OverloadVeto"/>; zero or positive (HOCON
    /// <c>actor-pool.sizing.overload-memory</c>).
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan OverloadMemory { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How much to step down when the snapshot says memory or GC is overloaded, as a share of the
    /// desired pools, at least one pool (HOCON <c>actor-pool.sizing.memory-pressure.step-down-ratio</c>).
    /// 0 turns the stage off; otherwise in 0..1.
    /// </summary>
    /// <value>The default value is 0.25.</value>
    public double MemoryStepDownRatio { get; init; } = 0.25;

    /// <summary>
    /// The memory-pressure stage and the overload veto count a memory or GC overload only when the
    /// pools' worker threads made at least this share of the process's allocations over the last
    /// tick: below it the pressure is someone else's, fewer workers would not relieve it, and the
    /// pools hold. At or above it the step is scaled by the share. 0 always counts it (the stage
    /// then steps by the share); in 0..1 (HOCON <c>actor-pool.sizing.memory-pressure.min-own-share</c>).
    /// </summary>
    /// <value>The default value is 0.2.</value>
    public double MemoryMinOwnShare { get; init; } = 0.2;

    /// <summary>The hysteresis stage (HOCON block <c>actor-pool.sizing.stabilization</c>).</summary>
    /// <value>The default value is a <see cref="StabilizationSettings"/> with its own defaults.</value>
    public StabilizationSettings Stabilization { get; init; } = new();

    /// <summary>The <c>units</c> policy's block (HOCON <c>actor-pool.sizing.units</c>).</summary>
    /// <value>The default value is a <see cref="UnitsPolicySettings"/> with its own defaults.</value>
    public UnitsPolicySettings Units { get; init; } = new();

    /// <summary>The <c>load</c> policy's block (HOCON <c>actor-pool.sizing.load</c>).</summary>
    /// <value>The default value is a <see cref="LoadPolicySettings"/> with its own defaults.</value>
    public LoadPolicySettings Load { get; init; } = new();

    /// <summary>The <c>queue</c> policy's block (HOCON <c>actor-pool.sizing.queue</c>).</summary>
    /// <value>The default value is a <see cref="QueuePolicySettings"/> with its own defaults.</value>
    public QueuePolicySettings Queue { get; init; } = new();

    /// <summary>The <c>throughput</c> policy's block (HOCON <c>actor-pool.sizing.throughput</c>).</summary>
    /// <value>The default value is a <see cref="ThroughputPolicySettings"/> with its own defaults.</value>
    public ThroughputPolicySettings Throughput { get; init; } = new();

    /// <summary>The <c>capability</c> policy's block.</summary>
    /// <value>The default value is a <see cref="CapabilityPolicySettings"/> with Scaler's thresholds.</value>
    public CapabilityPolicySettings Capability { get; init; } = new();
}
