using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// The pools that take shared jobs, as the supervisor last published them. Immutable: callers
/// read it without a lock, and a pool that left it refuses admission (its mode changed), so a
/// stale table only costs a retry.
/// </summary>
internal sealed class PoolTable
{
    public static readonly PoolTable Empty = new([]);

    public PoolTable(WorkerPool[] pools)
    {
        Pools = pools;
        foreach (var pool in pools)
        {
            Capacity += pool.Workers;
        }
    }

    public WorkerPool[] Pools { get; }

    /// <summary>Worker threads of the shared pools: how many jobs run at once before jobs wait.</summary>
    public int Capacity { get; }

    /// <summary>The pool with the fewest pending jobs; ties go to the oldest.</summary>
    public WorkerPool? LeastBusy()
    {
        var pools = Pools;
        WorkerPool? best = null;
        var bestPending = int.MaxValue;
        for (var i = 0; i < pools.Length; i++)
        {
            var pending = pools[i].Pending;
            if (pending < bestPending)
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
}
