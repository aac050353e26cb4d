using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// Builds a <see cref="PoolStatus"/> from a <see cref="SupervisorFrame"/> and the live counters it
/// points to. Safe on any thread: the frame is immutable, and the pools' counters, the lease desk
/// and the data plane are thread-safe.
/// </summary>
internal static class StatusBuilder
{
    public static PoolStatus Build(SupervisorFrame frame)
    {
        var leases = frame.Desk.Snapshot();
        var infos = new List<PoolInfo>(frame.Pools.Length);
        var jobs = frame.EndedPoolsJobs;
        foreach (var pool in frame.Pools)
        {
            var info = Info(pool, leases.Held);
            infos.Add(info);
            jobs = jobs.Plus(info.Jobs);
        }
        var settings = frame.Settings;
        return new PoolStatus
        {
            Supervisor = frame.Supervisor,
            System = frame.System,
            Group = frame.Group,
            Timestamp = frame.Clock.GetUtcNow(),
            Desired = frame.Desired,
            Total = infos.Count,
            Idle = infos.Count(p => p.State == PoolState.Idle),
            Busy = infos.Count(p => p.State == PoolState.Busy),
            Leased = infos.Count(p => p.State == PoolState.Leased),
            Draining = infos.Count(p => p.State is PoolState.Draining or PoolState.Stuck),
            Stuck = infos.Count(p => p.State == PoolState.Stuck),
            Queued = frame.Plane.Overflowing + infos.Sum(p => p.QueuedJobs),
            RunningJobs = infos.Sum(p => p.RunningJobs),
            Units = frame.Units,
            MinPools = settings.MinPools,
            MaxPools = settings.MaxPools,
            WorkersPerPool = settings.WorkersPerPool,
            LeaseWaiters = leases.Waiting,
            Pools = infos,
            Leases = leases.Leases,
            Policy = frame.Policy,
            Load = frame.Load,
            Jobs = jobs,
            JobsRejected = frame.Plane.Rejected,
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
        var pending = runtime.Pending;
        var queued = runtime.Queued;
        var state = runtime.Mode switch
        {
            PoolMode.Closed => runtime.Stuck ? PoolState.Stuck : PoolState.Draining,
            _ when leased.Contains(runtime) => PoolState.Leased,
            _ => pending > 0 ? PoolState.Busy : PoolState.Idle,
        };
        // A job that awaits inside its async body holds no worker but has not ended: it is running.
        // Pending counts admitted jobs until they end; the queue holds those not started yet.
        var running = Math.Max(runtime.Running, pending - queued);
        return new PoolInfo(pool.Name, state, running, queued, runtime.LiveWorkers)
        {
            Capabilities = runtime.Capabilities.Names,
            StuckWorkers = runtime.StuckWorkers,
            WorkersStarted = runtime.WorkersStarted,
            Jobs = runtime.Tally,
        };
    }
}
