namespace ActorPool;

/// <summary>
/// What a <see cref="ISizingPolicy"/> sees at one control tick, read from the supervisor's books
/// and its data plane's live counters (no message per job). Tests and trace replays build one by
/// hand with <see cref="Of"/> and <c>with</c>.
/// </summary>
/// <remarks>
/// Sizes are in pools; a pool has <see cref="WorkersPerPool"/> worker threads, so
/// <see cref="Desired"/> x <see cref="WorkersPerPool"/> is the concurrency in force. Immutable.
/// </remarks>
public sealed record Observation
{
    /// <summary>When the tick happened (the supervisor's <see cref="TimeProvider"/>): the only time a policy may use.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The unit count of the size signal (devices, tenants...).</summary>
    public int Units { get; init; }

    /// <summary>The latest load snapshot, or <see cref="LoadSnapshot.Unknown"/> when none arrived.</summary>
    public LoadSnapshot Load { get; init; } = LoadSnapshot.Unknown(default);

    /// <summary>Shared jobs admitted and not yet ended: running plus queued.</summary>
    public int InFlight { get; init; }

    /// <summary>Shared jobs started and not ended, summed over the pools: running on a worker, or awaiting inside an async job (it holds its slot, as Crawlee's running tasks do).</summary>
    public int Running { get; init; }

    /// <summary>Shared jobs waiting for a worker: in the pools' queues and for a pool.</summary>
    public int Queued { get; init; }

    /// <summary>Per live pool, its running and queued jobs.</summary>
    public IReadOnlyList<PoolLoad> Pools { get; init; } = [];

    /// <summary>
    /// Jobs the workers have taken up since the supervisor started (each worker counts its own, so
    /// the job path writes no shared counter for it); never decreases. Over a tick it differs from the
    /// jobs ended by at most those running, so its rate is the completion rate.
    /// </summary>
    public long CompletedJobs { get; init; }

    /// <summary>
    /// Bytes the pools' worker threads have allocated since the supervisor started (jobs and their
    /// async continuations; each worker publishes its own total every 32 work items and when it goes idle); never
    /// decreases. Against <see cref="ProcessAllocatedBytes"/> it says how much of the process's
    /// allocation, hence of its heap pressure, is the pools' own. 0 when unknown.
    /// </summary>
    public long AllocatedBytes { get; init; }

    /// <summary>
    /// Bytes the whole process has allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/>); never
    /// decreases. 0 when unknown: then heap pressure is taken to be the pools' own.
    /// </summary>
    public long ProcessAllocatedBytes { get; init; }

    /// <summary>The live shared pools per capability set (plain pools under the empty set).</summary>
    public IReadOnlyList<CapabilityGroup> CapabilityGroups { get; init; } = [];

    /// <summary>Jobs waiting for a pool that serves their requirement, per requirement (names sorted, joined by commas), only those with any.</summary>
    public IReadOnlyDictionary<string, int> WaitingByRequirement { get; init; } = new Dictionary<string, int>();

    /// <summary>The desired pool count in force before this tick.</summary>
    public int Desired { get; init; }

    /// <summary><c>actor-pool.min-pools</c>.</summary>
    public int MinPools { get; init; }

    /// <summary><c>actor-pool.max-pools</c>.</summary>
    public int MaxPools { get; init; } = int.MaxValue;

    /// <summary><c>actor-pool.workers-per-pool</c>, at least 1.</summary>
    public int WorkersPerPool { get; init; } = 1;

    /// <summary>Worker threads the desired pools have: <see cref="Desired"/> x <see cref="WorkersPerPool"/>.</summary>
    public long DesiredWorkers => (long)Desired * WorkersPerPool;

    /// <summary>An observation with no jobs, no units and no load data, within 0..<see cref="int.MaxValue"/> pools.</summary>
    /// <param name="timestamp">The tick's time.</param>
    /// <param name="desired">The desired pool count in force.</param>
    /// <param name="workersPerPool">Worker threads per pool.</param>
    /// <returns>The observation.</returns>
    public static Observation Of(DateTimeOffset timestamp, int desired, int workersPerPool = 1) => new()
    {
        Timestamp = timestamp,
        Desired = desired,
        WorkersPerPool = workersPerPool,
        Load = LoadSnapshot.Unknown(timestamp),
    };
}

/// <summary>One live pool's jobs at a tick.</summary>
/// <param name="Pool">The pool's name, e.g. <c>pool-2</c>.</param>
/// <param name="Running">Jobs running on its workers.</param>
/// <param name="Queued">Jobs waiting in its queue.</param>
public readonly record struct PoolLoad(string Pool, int Running, int Queued);
