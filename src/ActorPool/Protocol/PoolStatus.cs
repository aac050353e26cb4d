namespace ActorPool;

/// <summary>
/// Reply to <see cref="GetPoolStatus"/> and <see cref="AwaitSettled"/>: a snapshot of one
/// supervisor, taken inside it.
/// </summary>
/// <remarks>
/// Capacity is counted honestly: a pool that is draining, revoked, or whose threads have not ended
/// yet is in <see cref="Draining"/> and in <see cref="Total"/> until it is really gone, so
/// <c>Total &lt;= MaxPools</c> and <c>Total == Idle + Busy + Leased + Draining</c> always hold.
/// The target (<see cref="Desired"/>) counts the pools that take shared work; leased pools come on
/// top of it, within <see cref="MaxPools"/>.
/// </remarks>
public sealed record PoolStatus : IPortableMessage
{
    /// <summary>The supervisor's actor path without its address, e.g. <c>/user/pools</c>, as <see cref="PoolEvent.Supervisor"/> has it.</summary>
    /// <value>The default value is empty.</value>
    public string Supervisor { get; init; } = "";

    /// <summary>The name of the supervisor's actor system.</summary>
    /// <value>The default value is empty.</value>
    public string System { get; init; } = "";

    /// <summary>The cluster pool group the supervisor serves (ActorPool.Cluster), or <see langword="null"/> for a supervisor of its own.</summary>
    public string? Group { get; init; }

    /// <summary>When the status was taken, by the supervisor's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The pool count the sizing rule wants now.</summary>
    public required int Desired { get; init; }

    /// <summary>Every pool that exists, draining ones included.</summary>
    public required int Total { get; init; }

    /// <summary>Pools running nothing, ready for work or a lease.</summary>
    public required int Idle { get; init; }

    /// <summary>Pools lent out under a lease (revoked ones count as draining).</summary>
    public required int Leased { get; init; }

    /// <summary>Pools running at least one job and taking more.</summary>
    public required int Busy { get; init; }

    /// <summary>Pools finishing their work (or revoked) before they stop; includes <see cref="Stuck"/>.</summary>
    public required int Draining { get; init; }

    /// <summary>Revoked pools whose threads outlived <c>lease.revoke-timeout</c>.</summary>
    public required int Stuck { get; init; }

    /// <summary>Submitted jobs accepted but not yet started by a worker.</summary>
    public required int Queued { get; init; }

    /// <summary>Jobs running now on all pools, lease work included.</summary>
    public required int RunningJobs { get; init; }

    /// <summary>The unit count the target was computed from.</summary>
    public required int Units { get; init; }

    /// <summary>The <c>min-pools</c> bound.</summary>
    public required int MinPools { get; init; }

    /// <summary>The <c>max-pools</c> bound.</summary>
    public required int MaxPools { get; init; }

    /// <summary>Worker threads in each pool.</summary>
    public required int WorkersPerPool { get; init; }

    /// <summary><see cref="AcquireLease"/> requests waiting for a pool.</summary>
    public required int LeaseWaiters { get; init; }

    /// <summary>Every pool, oldest first.</summary>
    public required IReadOnlyList<PoolInfo> Pools { get; init; }

    /// <summary>Every active lease, oldest first.</summary>
    public required IReadOnlyList<LeaseInfo> Leases { get; init; }

    /// <summary>The sizing policy in force (<c>actor-pool.sizing.policy</c>), e.g. <c>units</c>.</summary>
    public string Policy { get; init; } = "units";

    /// <summary>The latest system load the supervisor received (every supervisor subscribes to the system's <c>SystemLoad</c>); <see cref="LoadSnapshot.Unknown"/> until the first sample arrives, or when <c>actor-pool.system-load</c> is invalid.</summary>
    public LoadSnapshot Load { get; init; } = LoadSnapshot.Unknown(default);

    /// <summary>How the supervisor's jobs have ended so far, on every pool it ran, ended pools included; never decreases.</summary>
    public JobCounts Jobs { get; init; }

    /// <summary>Jobs refused at submission (<see cref="JobRejectedException"/>) since the supervisor started; never decreases.</summary>
    public long JobsRejected { get; init; }

    /// <summary>
    /// Whether the supervisor has as many shared pools as desired (or as many as max-pools leaves
    /// beside the leased ones) and none draining.
    /// </summary>
    public bool Settled =>
        Draining == 0 && (Total - Leased == Desired || (Total == MaxPools && Total - Leased < Desired));

    /// <inheritdoc/>
    public override string ToString() =>
        $"PoolStatus({Supervisor} desired={Desired} total={Total} idle={Idle} leased={Leased} busy={Busy} draining={Draining} " +
        $"stuck={Stuck} queued={Queued} running={RunningJobs} units={Units} waiters={LeaseWaiters} " +
        $"pools=[{string.Join(", ", Pools)}])";
}

/// <summary>Where one pool is in its life, as shown in <see cref="PoolInfo"/>.</summary>
public enum PoolState
{
    /// <summary>Running no job and not leased: it takes the next job or lease.</summary>
    Idle,

    /// <summary>Running at least one submitted job.</summary>
    Busy,

    /// <summary>Lent out under a lease; only the lease's work runs on it.</summary>
    Leased,

    /// <summary>Finishing what it has and taking nothing new; it still counts against max-pools.</summary>
    Draining,

    /// <summary>
    /// Revoked, but a job did not end within <c>lease.revoke-timeout</c> (it ignores its
    /// cancellation token). Counted as draining, against max-pools, until its threads end.
    /// </summary>
    Stuck,
}

/// <summary>One pool in a <see cref="PoolStatus"/>.</summary>
/// <param name="Name">The pool's name (<c>pool-3</c>); its actor is the supervisor's child of that name
/// and its threads are named <c>&lt;supervisor&gt;-&lt;name&gt;-worker-&lt;k&gt;</c>.</param>
/// <param name="State">Where the pool is in its life.</param>
/// <param name="RunningJobs">Jobs its workers are running now.</param>
/// <param name="QueuedJobs">Jobs waiting in its queue for a worker.</param>
/// <param name="LiveWorkers">Worker threads alive now.</param>
public sealed record PoolInfo(string Name, PoolState State, int RunningJobs, int QueuedJobs, int LiveWorkers)
{
    /// <summary>The capabilities the pool was started with, sorted; empty for a plain pool.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Workers held by a job that outlived its timeout (a thread cannot be aborted); they count in <see cref="LiveWorkers"/>.</summary>
    public int StuckWorkers { get; init; }

    /// <summary>Workers started since the pool started, replacements and restarts included.</summary>
    public long WorkersStarted { get; init; }

    /// <summary>How the pool's jobs have ended so far.</summary>
    public JobCounts Jobs { get; init; }
}

/// <summary>One active lease in a <see cref="PoolStatus"/>.</summary>
/// <param name="LeaseId">The lease's id.</param>
/// <param name="Pool">The leased pool's name.</param>
/// <param name="Holder">The holder actor's path, or <c>unwatched</c> when it was granted to an <c>Ask</c>.</param>
/// <param name="UntilSoftExpiry">Time left until it expires; negative during the grace period.</param>
/// <param name="UntilHardExpiry">Time left until it is revoked.</param>
/// <param name="Released">Whether it was released and is finishing its work.</param>
public sealed record LeaseInfo(
    string LeaseId,
    string Pool,
    string Holder,
    TimeSpan UntilSoftExpiry,
    TimeSpan UntilHardExpiry,
    bool Released);
