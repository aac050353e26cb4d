using System.Collections.Concurrent;
using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// The supervisor's live pools (shared and leased, not draining), oldest first, as it last
/// published them, with the bounds a caller's thread needs to decide without asking it. Immutable:
/// callers read it without a lock. A pool's mode word is the truth about whose work it takes, so a
/// stale table only costs a retry.
/// </summary>
internal sealed class PoolTable(IPoolRuntime[] pools, int total, int maxPools, int desired)
{
    public static readonly PoolTable Empty = new([], 0, 0, 0);

    // Per requirement, the pools its jobs go to; plain jobs on a table of plain pools take Pools as is.
    private readonly ConcurrentDictionary<Requirement, PoolTable> _serving = new();
    private readonly bool _allPlain = pools.All(p => p.Capabilities.IsNone);

    public IPoolRuntime[] Pools { get; } = pools;

    /// <summary>Every pool of the supervisor, draining ones included.</summary>
    public int Total { get; } = total;

    public int MaxPools { get; } = maxPools;

    /// <summary>The shared pools the sizing rule wants.</summary>
    public int Desired { get; } = desired;

    /// <summary>Pools that take shared jobs now (reads each pool's mode).</summary>
    public int SharedNow()
    {
        var shared = 0;
        foreach (var pool in Pools)
        {
            if (pool.SharedPending >= 0)
            {
                shared++;
            }
        }
        return shared;
    }

    /// <summary>The shared pool with the fewest pending jobs; ties go to the oldest. Reads every pool.</summary>
    public IPoolRuntime? LeastBusy()
    {
        var pools = Pools;
        IPoolRuntime? best = null;
        var bestPending = int.MaxValue;
        for (var i = 0; i < pools.Length; i++)
        {
            var pending = pools[i].SharedPending;
            if (pending >= 0 && pending < bestPending)
            {
                best = pools[i];
                bestPending = pending;
                if (pending == 0)
                {
                    break;
                }
            }
        }
        return best;
    }

    /// <summary>
    /// Where the next shared job goes. With a few pools, the least busy (reading a few words costs
    /// less than choosing at random). With more, the less busy of two pools chosen at random
    /// (Mitzenmacher's two choices: queues stay within a small bound of each other without reading
    /// every pool per job), unless that one has no free worker while <paramref name="freeWorkers"/>
    /// says some pool must have one: then the scan finds it, so a job never waits behind a running
    /// one while a worker elsewhere is idle.
    /// </summary>
    /// <param name="freeWorkers">Whether the shared workers outnumber the jobs in flight, which
    /// means at least one shared pool has fewer pending jobs than workers.</param>
    public IPoolRuntime? Pick(bool freeWorkers)
    {
        var pools = Pools;
        if (pools.Length <= ScanUpTo)
        {
            return LeastBusy();
        }
        var a = pools[Random.Shared.Next(pools.Length)];
        var b = pools[Random.Shared.Next(pools.Length)];
        var pendingA = a.SharedPending;
        var pendingB = b.SharedPending;
        var (best, pending) = pendingB >= 0 && (pendingA < 0 || pendingB < pendingA) ? (b, pendingB) : (a, pendingA);
        if (pending < 0 || (pending >= best.Workers && freeWorkers))
        {
            // Neither takes shared jobs now (leased meanwhile), or a free worker is elsewhere.
            return LeastBusy();
        }
        return best;
    }

    /// <summary>
    /// The pools a job requiring <paramref name="requirement"/> goes to, as a table of their own:
    /// among the pools whose capabilities include it, those of the smallest capability set (a plain
    /// job runs on plain pools while there are any; a [gpu] job prefers [gpu] pools to [fp64, gpu]
    /// ones). Empty when no pool can serve it. Computed once per table and requirement.
    /// </summary>
    public PoolTable Serving(Requirement requirement)
    {
        if (requirement.IsNone && _allPlain)
        {
            return this;
        }
        return _serving.GetOrAdd(requirement, static (r, table) => table.ServingNow(r), this);
    }

    private PoolTable ServingNow(Requirement requirement)
    {
        var able = Pools.Where(p => requirement.IsSatisfiedBy(p.Capabilities)).ToArray();
        if (able.Length == 0)
        {
            return new PoolTable([], Total, MaxPools, Desired);
        }
        var smallest = able.Min(p => p.Capabilities.Names.Count);
        var group = able.Where(p => p.Capabilities.Names.Count == smallest)
            .GroupBy(p => p.Capabilities.Label, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .First();
        return new PoolTable([.. group], Total, MaxPools, Desired);
    }

    /// <summary>Up to this many pools, a pick reads them all.</summary>
    internal const int ScanUpTo = 4;
}
