namespace ActorPool;

/// <summary>
/// The hysteresis stage, HPA-style (HOCON block <c>actor-pool.sizing.stabilization</c>): a
/// tolerance band around the pools in force, and per-direction stabilization windows.
/// </summary>
public sealed record StabilizationSettings
{
    /// <summary>
    /// A demand within this share of the pools in force is ignored; in 0..1 (HOCON
    /// <c>tolerance</c>). Kubernetes' HPA uses 0.1.
    /// </summary>
    /// <value>The default value is 0.1.</value>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>Growth goes to the lowest proposal of this window; zero or positive (HOCON <c>scale-up-window</c>).</summary>
    /// <value>The default value is zero: grow at once.</value>
    public TimeSpan ScaleUpWindow { get; init; } = TimeSpan.Zero;

    /// <summary>A shrink goes to the highest proposal of this window; zero or positive (HOCON <c>scale-down-window</c>).</summary>
    /// <value>The default value is zero: the tolerance band alone damps jitter, so a real drop lands in one tick.</value>
    public TimeSpan ScaleDownWindow { get; init; } = TimeSpan.Zero;
}

/// <summary>The <c>units</c> policy's block (HOCON <c>actor-pool.sizing.units</c>).</summary>
public sealed record UnitsPolicySettings
{
    /// <summary>Whether the hysteresis stage damps it (HOCON <c>hysteresis</c>).</summary>
    /// <value>The default value is <see langword="false"/>: units are declared demand, applied at once as leasepool does.</value>
    public bool Hysteresis { get; init; }
}

/// <summary>The <c>load</c> policy's block: Crawlee's AutoscaledPool rule (HOCON <c>actor-pool.sizing.load</c>).</summary>
public sealed record LoadPolicySettings
{
    /// <summary>Growth step as a share of the desired pools, at least one pool; in 0..1 (HOCON <c>scale-up-step-ratio</c>).</summary>
    /// <value>The default value is 0.05 (Crawlee's).</value>
    public double ScaleUpStepRatio { get; init; } = 0.05;

    /// <summary>Shrink step as a share of the desired pools, at least one pool; in 0..1 (HOCON <c>scale-down-step-ratio</c>).</summary>
    /// <value>The default value is 0.05 (Crawlee's).</value>
    public double ScaleDownStepRatio { get; init; } = 0.05;

    /// <summary>Busy enough to grow: running >= floor(ratio x desired workers); in 0..1 (HOCON <c>desired-concurrency-ratio</c>).</summary>
    /// <value>The default value is 0.9 (Crawlee's).</value>
    public double DesiredConcurrencyRatio { get; init; } = 0.9;

    /// <summary>How often it acts; it holds in between. Zero acts at every tick (HOCON <c>autoscale-interval</c>).</summary>
    /// <value>The default value is 10 seconds (Crawlee's).</value>
    public TimeSpan AutoscaleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the hysteresis stage damps it (HOCON <c>hysteresis</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Hysteresis { get; init; } = true;
}

/// <summary>The <c>queue</c> policy's block: Scaler's task-to-worker ratio (HOCON <c>actor-pool.sizing.queue</c>).</summary>
public sealed record QueuePolicySettings
{
    /// <summary>Grow above this many jobs per worker; positive and above <see cref="LowerTaskRatio"/> (HOCON <c>upper-task-ratio</c>).</summary>
    /// <value>The default value is 10 (Scaler's).</value>
    public double UpperTaskRatio { get; init; } = 10;

    /// <summary>Shrink below this many jobs per worker; positive (HOCON <c>lower-task-ratio</c>).</summary>
    /// <value>The default value is 1 (Scaler's).</value>
    public double LowerTaskRatio { get; init; } = 1;

    /// <summary>Whether the hysteresis stage damps it (HOCON <c>hysteresis</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Hysteresis { get; init; } = true;
}

/// <summary>The <c>throughput</c> policy's block: the knee-finding controller (HOCON <c>actor-pool.sizing.throughput</c>).</summary>
public sealed record ThroughputPolicySettings
{
    /// <summary>
    /// The CPU share (of the snapshot's <see cref="LoadSnapshot.Cpu"/>) at which the pools count as
    /// saturated; below it the controller sizes by Little's law to reach it; in 0..1 (HOCON <c>target-cpu</c>).
    /// </summary>
    /// <value>The default value is 0.95.</value>
    public double TargetCpu { get; init; } = 0.95;

    /// <summary>
    /// Once a move up stops raising the CPU share (by less than half of what Little's law
    /// predicts, at half the machine or more), the highest share seen is the machine's ceiling as this process sees it (below 1
    /// on a shared machine): the knee is sized against it, and the CPU counts as saturated at this
    /// share of it (or at <see cref="TargetCpu"/>, whichever is lower); in 0..1, above 0 (HOCON <c>ceiling-ratio</c>).
    /// </summary>
    /// <value>The default value is 0.97.</value>
    public double CeilingRatio { get; init; } = 0.97;

    /// <summary>The most the worker count may be multiplied by in one tick; at least 1 (HOCON <c>max-growth</c>).</summary>
    /// <value>The default value is 4.</value>
    public double MaxGrowth { get; init; } = 4;

    /// <summary>
    /// Idle workers tolerated as noise, as a share of the workers (at least half a worker): below,
    /// the curve is still linear and it grows; in 0..1, below <see cref="BetaRatio"/> (HOCON <c>alpha-ratio</c>).
    /// </summary>
    /// <value>The default value is 0.05.</value>
    public double AlphaRatio { get; init; } = 0.05;

    /// <summary>
    /// Idle workers, as a share (at least two workers), past which it shrinks to the knee
    /// estimate; in 0..1 (HOCON <c>beta-ratio</c>).
    /// </summary>
    /// <value>The default value is 0.2.</value>
    public double BetaRatio { get; init; } = 0.2;

    /// <summary>How many measurements the best per-worker rate is kept over; at least 1 (HOCON <c>base-window</c>).</summary>
    /// <value>The default value is 30.</value>
    public int BaseWindow { get; init; } = 30;

    /// <summary>Busy enough to measure: running >= floor(ratio x desired workers), or jobs queued; in 0..1 (HOCON <c>desired-concurrency-ratio</c>).</summary>
    /// <value>The default value is 0.9.</value>
    public double DesiredConcurrencyRatio { get; init; } = 0.9;

    /// <summary>Whether the hysteresis stage damps it (HOCON <c>hysteresis</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Hysteresis { get; init; } = true;
}

/// <summary>The <c>actor-pool.sizing.capability</c> block: Scaler's capability thresholds, in jobs per worker of a capability set.</summary>
public sealed record CapabilityPolicySettings
{
    /// <summary>A set grows when it has more jobs per worker than this (<c>upper-task-ratio</c>); greater than <see cref="LowerTaskRatio"/>.</summary>
    /// <value>The default value is 5 (Scaler's).</value>
    public double UpperTaskRatio { get; init; } = 5;

    /// <summary>A set shrinks when it has fewer jobs per worker than this (<c>lower-task-ratio</c>); positive.</summary>
    /// <value>The default value is 0.5 (Scaler's).</value>
    public double LowerTaskRatio { get; init; } = 0.5;
}
