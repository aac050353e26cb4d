namespace ActorPool;

/// <summary>
/// The <c>actor-pool.system-load.cpu</c> block: CPU time of this process against the CPUs it may
/// use. Each property is described, with an example, above its key in <c>HOCON/reference.conf</c>.
/// </summary>
/// <remarks>Immutable and safe to share between threads; change it with <c>with { ... }</c>.</remarks>
public sealed record CpuLoadSettings
{
    /// <summary>Whether the signal can make the load overloaded (HOCON <c>check-overload</c>); off still samples it.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckOverload { get; init; } = true;

    /// <summary>A sample is over the limit when its ratio is greater than this (HOCON <c>max-used-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.95, Crawlee's <c>maxUsedCpuRatio</c>.</value>
    public double MaxUsedRatio { get; init; } = 0.95;

    /// <summary>Overloaded when the over-limit share of a window is greater than this (HOCON <c>overloaded-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.4, Crawlee's <c>maxCpuOverloadedRatio</c>.</value>
    public double OverloadedRatio { get; init; } = 0.4;
}

/// <summary>
/// The <c>actor-pool.system-load.memory</c> block: the larger of the GC heap against its limit and
/// the process's working set against the container's (or machine's) memory limit.
/// </summary>
/// <remarks>Immutable and safe to share between threads; change it with <c>with { ... }</c>.</remarks>
public sealed record MemoryLoadSettings
{
    /// <summary>Whether the signal can make the load overloaded (HOCON <c>check-overload</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckOverload { get; init; } = true;

    /// <summary>A sample is over the limit when its ratio is greater than this (HOCON <c>max-used-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.9, Crawlee's <c>maxUsedMemoryRatio</c>.</value>
    public double MaxUsedRatio { get; init; } = 0.9;

    /// <summary>Overloaded when the over-limit share of a window is greater than this (HOCON <c>overloaded-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.2, Crawlee's <c>maxMemoryOverloadedRatio</c>.</value>
    public double OverloadedRatio { get; init; } = 0.2;
}

/// <summary>
/// The <c>actor-pool.system-load.scheduling-lag</c> block: how late a tick scheduled on the
/// <c>SystemLoad</c> actor's dispatcher ran, Crawlee's event-loop lag.
/// </summary>
/// <remarks>Immutable and safe to share between threads; change it with <c>with { ... }</c>.</remarks>
public sealed record SchedulingLagSettings
{
    /// <summary>Whether the signal can make the load overloaded (HOCON <c>check-overload</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckOverload { get; init; } = true;

    /// <summary>How often the lag tick is scheduled (HOCON <c>interval</c>); must be positive.</summary>
    /// <value>The default value is 500 milliseconds, Crawlee's <c>eventLoopSnapshotIntervalSecs</c>.</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A sample is over the limit when its lag is greater than this (HOCON <c>max-lag</c>); must be positive.</summary>
    /// <value>The default value is 50 milliseconds, Crawlee's <c>maxBlockedMillis</c>.</value>
    public TimeSpan MaxLag { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Overloaded when the over-limit share of a window is greater than this (HOCON <c>overloaded-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.6, Crawlee's <c>maxEventLoopOverloadedRatio</c>.</value>
    public double OverloadedRatio { get; init; } = 0.6;
}

/// <summary>
/// The <c>actor-pool.system-load.gc</c> block: the share of wall time spent paused in garbage
/// collection, and the rate of gen-2 collections. Crawlee has no such signal; the defaults are ours.
/// </summary>
/// <remarks>Immutable and safe to share between threads; change it with <c>with { ... }</c>.</remarks>
public sealed record GcLoadSettings
{
    /// <summary>Whether the signal can make the load overloaded (HOCON <c>check-overload</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckOverload { get; init; } = true;

    /// <summary>A sample is over the limit when GC pauses took more than this share of its interval (HOCON <c>max-time-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.1.</value>
    public double MaxTimeRatio { get; init; } = 0.1;

    /// <summary>A sample is over the limit when there were more gen-2 collections per second than this (HOCON <c>max-gen2-per-second</c>, >= 0).</summary>
    /// <value>The default value is 1.</value>
    public double MaxGen2PerSecond { get; init; } = 1.0;

    /// <summary>Overloaded when the over-limit share of a window is greater than this (HOCON <c>overloaded-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.2, memory's, as GC pressure is memory pressure.</value>
    public double OverloadedRatio { get; init; } = 0.2;
}

/// <summary>
/// The <c>actor-pool.system-load.thread-pool</c> block: .NET ThreadPool starvation, work items
/// waiting per pool thread. Crawlee has no such signal; the defaults are ours.
/// </summary>
/// <remarks>Immutable and safe to share between threads; change it with <c>with { ... }</c>.</remarks>
public sealed record ThreadPoolLoadSettings
{
    /// <summary>Whether the signal can make the load overloaded (HOCON <c>check-overload</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckOverload { get; init; } = true;

    /// <summary>A sample is over the limit when more work items than this wait per ThreadPool thread (HOCON <c>max-pending-per-thread</c>, >= 0).</summary>
    /// <value>The default value is 4.</value>
    public double MaxPendingPerThread { get; init; } = 4.0;

    /// <summary>Overloaded when the over-limit share of a window is greater than this (HOCON <c>overloaded-ratio</c>, 0..1).</summary>
    /// <value>The default value is 0.6, scheduling lag's, as both say a scheduler falls behind.</value>
    public double OverloadedRatio { get; init; } = 0.6;
}
