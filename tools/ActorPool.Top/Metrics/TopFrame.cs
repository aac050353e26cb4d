namespace ActorPool.Top.Metrics;

/// <summary>One refresh of the view: every supervisor the ActorPool meter reported in one collection interval.</summary>
/// <param name="Target">What was attached to, e.g. <c>pid 1234</c>.</param>
/// <param name="Time">The local time the interval ended.</param>
/// <param name="Supervisors">One per supervisor (a pool group in a cluster), ordered by path.</param>
/// <param name="Warnings">Problems the listener reported that leave the frame usable (a limit, a failing callback).</param>
internal sealed record TopFrame(string Target, DateTimeOffset Time, IReadOnlyList<SupervisorView> Supervisors, IReadOnlyList<string> Warnings);

/// <summary>Load readings, as ratios 0..1 (NaN when unknown); the lag in seconds.</summary>
internal sealed record LoadView(double Cpu, double Memory, double LagSeconds, bool? Overloaded)
{
    public static readonly LoadView Unknown = new(double.NaN, double.NaN, double.NaN, null);
}

/// <summary>A job duration histogram's quantiles for one outcome, in seconds.</summary>
internal sealed record DurationView(string Outcome, double P50, double P95, double P99, long Count);

/// <summary>What the ActorPool meter said about one supervisor in one interval; counts null when not reported.</summary>
internal sealed record SupervisorView
{
    /// <summary>The supervisor's actor path without address (<c>actorpool.supervisor</c>).</summary>
    public required string Supervisor { get; init; }

    /// <summary>The actor system's name (<c>actorpool.system</c>).</summary>
    public string? System { get; init; }

    /// <summary>The cluster pool group (<c>actorpool.group</c>), null for a local supervisor.</summary>
    public string? Group { get; init; }

    /// <summary>Whether <see cref="Name"/> adds the system: another row has the same path (or group).</summary>
    public bool ShowSystem { get; init; }

    /// <summary>The row's label: a group's name tells its row apart, a local supervisor's is its path;
    /// <c>@system</c> follows when another actor system has a row of the same name.</summary>
    public string Name => (Group ?? Supervisor) + (ShowSystem && System is not null ? "@" + System : "");

    /// <summary>Pools by <c>actorpool.pool.state</c>: idle, busy, leased, draining, stuck.</summary>
    public IReadOnlyDictionary<string, int> Pools { get; init; } = new Dictionary<string, int>();

    public int? Desired { get; init; }

    public int? MinPools { get; init; }

    public int? MaxPools { get; init; }

    public int? Units { get; init; }

    public int? Queued { get; init; }

    public int? Running { get; init; }

    public int? Workers { get; init; }

    public int? StuckWorkers { get; init; }

    /// <summary>Leases by <c>actorpool.lease.state</c>: active, grace, released.</summary>
    public IReadOnlyDictionary<string, int> Leases { get; init; } = new Dictionary<string, int>();

    public int? LeaseWaiting { get; init; }

    /// <summary>Ended jobs per second by <c>actorpool.job.outcome</c>.</summary>
    public IReadOnlyDictionary<string, double> JobsPerSecond { get; init; } = new Dictionary<string, double>();

    public double? RejectedPerSecond { get; init; }

    public double? DecisionsPerSecond { get; init; }

    /// <summary>Duration quantiles per outcome that ended a job in the interval, most jobs first.</summary>
    public IReadOnlyList<DurationView> Durations { get; init; } = [];

    public LoadView Load { get; init; } = LoadView.Unknown;

    /// <summary>Every pool that exists: the sum over the states (draining excludes stuck).</summary>
    public int? Total => Pools.Count == 0 ? null : Pools.Values.Sum();

    /// <summary>A pool state's count; 0 when the meter reported none.</summary>
    public int PoolsIn(string state) => Pools.TryGetValue(state, out var n) ? n : 0;
}
