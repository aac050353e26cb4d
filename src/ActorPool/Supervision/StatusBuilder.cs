using System.Globalization;
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

    /// <summary>
    /// The state line, like Crawlee's state log and HikariCP's pool stats, e.g.
    /// <c>pools - desired=4 total=4 idle=3 leased=1 busy=0 draining=0 queued=0 load=cpu 12% mem 40% lag 3ms ok</c>:
    /// what <c>logging-interval</c> logs (after its event id), and what any other view shows.
    /// </summary>
    public static string StateLine(string supervisor, PoolStatus status) =>
        Akka.Event.SemanticLogMessageFormatter.Instance.Format(Diagnostics.Log.StateLineEntry.Template, StateLineFields(supervisor, status));

    /// <summary>The state line's fields, in the order of its template.</summary>
    public static object[] StateLineFields(string supervisor, PoolStatus s) =>
        [supervisor, s.Desired, s.Total, s.Idle, s.Leased, s.Busy, s.Draining, s.Queued, LoadText(s.Load)];

    /// <summary>
    /// The load in a few words: <c>cpu 12% mem 40% lag 3ms ok</c> (or <c>overloaded</c>), a
    /// <c>?</c> for a signal whose probe failed, and <c>unknown</c> before any sample.
    /// </summary>
    public static string LoadText(LoadSnapshot? load)
    {
        if (load is null || (double.IsNaN(load.Cpu) && double.IsNaN(load.Memory)))
        {
            return "unknown";
        }
        var lag = Math.Round(load.SchedulingLag.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture);
        return $"cpu {Percent(load.Cpu)} mem {Percent(load.Memory)} lag {lag}ms {(load.Overloaded ? "overloaded" : "ok")}";
    }

    private static string Percent(double ratio) =>
        double.IsNaN(ratio) ? "?" : Math.Round(ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

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
