namespace ActorPool.Hosting;

/// <summary>What the <see cref="ActorPoolHealthCheck"/> counts as degraded.</summary>
public sealed class ActorPoolHealthOptions
{
    /// <summary>
    /// Whether a persisting overload degrades the check: the system load is overloaded over its
    /// whole <c>actor-pool.system-load.history</c> (<see cref="LoadSnapshot.HistoricallyOverloaded"/>,
    /// the verdict Crawlee's autoscaler uses), not just over its short current window, so a spike
    /// does not flip the check.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DegradedWhenOverloaded { get; set; } = true;

    /// <summary>
    /// Whether stuck work degrades the check: a revoked pool whose job ignored its cancellation
    /// (<see cref="PoolStatus.Stuck"/>), or a worker held by a job past its timeout (<see cref="PoolInfo.StuckWorkers"/>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DegradedWhenStuck { get; set; } = true;
}
