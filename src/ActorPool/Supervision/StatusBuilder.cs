using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;

namespace ActorPool.Internal.Supervision;

/// <summary>Builds a <see cref="PoolStatus"/> from the supervisor's books and the pools' live counters.</summary>
internal static class StatusBuilder
{
    public static PoolStatus Build(PoolSettings settings, int desired, int units, PoolSet pools, LeaseBook leases, DataPlane plane)
    {
        var infos = pools.All.Select(Info).ToList();
        return new PoolStatus
        {
            Desired = desired,
            Total = infos.Count,
            Idle = infos.Count(p => p.State == PoolState.Idle),
            Busy = infos.Count(p => p.State == PoolState.Busy),
            Leased = infos.Count(p => p.State == PoolState.Leased),
            Draining = infos.Count(p => p.State is PoolState.Draining or PoolState.Stuck),
            Stuck = infos.Count(p => p.State == PoolState.Stuck),
            Queued = plane.Overflowing + infos.Sum(p => p.QueuedJobs),
            RunningJobs = infos.Sum(p => p.RunningJobs),
            Units = units,
            MinPools = settings.MinPools,
            MaxPools = settings.MaxPools,
            WorkersPerPool = settings.WorkersPerPool,
            LeaseWaiters = leases.Waiting,
            Pools = infos,
            Leases = leases.Infos(),
        };
    }

    /// <summary>One line for the log, like Crawlee's state log and HikariCP's pool stats.</summary>
    public static string StateLine(string supervisor, PoolStatus s) =>
        $"{supervisor} - desired={s.Desired} total={s.Total} idle={s.Idle} leased={s.Leased} busy={s.Busy} " +
        $"draining={s.Draining} queued={s.Queued} running={s.RunningJobs} units={s.Units} waiters={s.LeaseWaiters}";

    private static PoolInfo Info(PoolEntry pool)
    {
        var runtime = pool.Runtime;
        var state = pool.Life switch
        {
            PoolLife.Draining => pool.Stuck ? PoolState.Stuck : PoolState.Draining,
            PoolLife.Leased => PoolState.Leased,
            _ => runtime.Pending > 0 ? PoolState.Busy : PoolState.Idle,
        };
        return new PoolInfo(pool.Name, state, runtime.Running, runtime.Queued, runtime.LiveWorkers);
    }
}
