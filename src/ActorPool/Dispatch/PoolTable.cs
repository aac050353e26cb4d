using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// The supervisor's live pools (shared and leased, not draining), oldest first, as it last
/// published them, with the bounds a caller's thread needs to decide without asking it. Immutable:
/// callers read it without a lock. A pool's mode word is the truth about whose work it takes, so a
/// stale table only costs a retry.
/// </summary>
internal sealed class PoolTable(WorkerPool[] pools, int total, int maxPools, int desired)
{
    public static readonly PoolTable Empty = new([], 0, 0, 0);

    public WorkerPool[] Pools { get; } = pools;

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

    /// <summary>The shared pool with the fewest pending jobs; ties go to the oldest.</summary>
    public WorkerPool? LeastBusy()
    {
        var pools = Pools;
        WorkerPool? best = null;
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
}
