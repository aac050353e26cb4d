using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Supervision;

/// <summary>Builds a <see cref="PoolStatus"/> from the supervisor's books and the pools' live counters.</summary>
internal static class StatusBuilder
{
    public static PoolStatus Build(SupervisorBooks books)
    {
        var leases = books.Desk.Snapshot();
        var infos = books.Pools.All.Select(p => Info(p, leases.Held)).ToList();
        var settings = books.Settings;
        return new PoolStatus
        {
            Desired = books.Desired,
            Total = infos.Count,
            Idle = infos.Count(p => p.State == PoolState.Idle),
            Busy = infos.Count(p => p.State == PoolState.Busy),
            Leased = infos.Count(p => p.State == PoolState.Leased),
            Draining = infos.Count(p => p.State is PoolState.Draining or PoolState.Stuck),
            Stuck = infos.Count(p => p.State == PoolState.Stuck),
            Queued = books.Plane.Overflowing + infos.Sum(p => p.QueuedJobs),
            RunningJobs = infos.Sum(p => p.RunningJobs),
            Units = books.Units,
            MinPools = settings.MinPools,
            MaxPools = settings.MaxPools,
            WorkersPerPool = settings.WorkersPerPool,
            LeaseWaiters = leases.Waiting,
            Pools = infos,
            Leases = leases.Leases,
            Policy = books.Loop.PolicyName,
            Load = books.Load,
        };
    }

    /// <summary>One line for the log, like Crawlee's state log and HikariCP's pool stats.</summary>
    public static string StateLine(string supervisor, PoolStatus s) =>
        $"{supervisor} - desired={s.Desired} total={s.Total} idle={s.Idle} leased={s.Leased} busy={s.Busy} " +
        $"draining={s.Draining} queued={s.Queued} running={s.RunningJobs} units={s.Units} waiters={s.LeaseWaiters}" +
        (s.Load.UnknownSignals.Count == LoadSignals.All.Count ? "" : $" load={s.Load}");

    private static PoolInfo Info(PoolEntry pool, IReadOnlySet<IPoolRuntime> leased)
    {
        var runtime = pool.Runtime;
        var state = runtime.Mode switch
        {
            PoolMode.Closed => runtime.Stuck ? PoolState.Stuck : PoolState.Draining,
            _ when leased.Contains(runtime) => PoolState.Leased,
            _ => runtime.Pending > 0 ? PoolState.Busy : PoolState.Idle,
        };
        return new PoolInfo(pool.Name, state, runtime.Running, runtime.Queued, runtime.LiveWorkers)
        {
            Capabilities = runtime.Capabilities.Names,
            StuckWorkers = runtime.StuckWorkers,
            WorkersStarted = runtime.WorkersStarted,
            Jobs = runtime.Tally,
        };
    }
}
