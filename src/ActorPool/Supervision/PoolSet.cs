using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Supervision;

/// <summary>Where a pool is in the supervisor's books.</summary>
internal enum PoolLife
{
    Shared,
    Leased,
    Draining,

    /// <summary>Set aside for the first lease waiter: takes no new shared job, finishes the ones it has, then is leased.</summary>
    Reserved,
}

/// <summary>One pool as the supervisor books it.</summary>
internal sealed class PoolEntry(WorkerPool runtime, IActorRef actor)
{
    public string Name => Runtime.Name;

    public WorkerPool Runtime { get; } = runtime;

    public IActorRef Actor { get; } = actor;

    public PoolLife Life { get; set; }

    /// <summary>Revoked, and a job outlived <c>lease.revoke-timeout</c>.</summary>
    public bool Stuck { get; set; }

    public LeasedExecutor? Lease { get; set; }
}

/// <summary>
/// The supervisor's pools, oldest first, and the units rule's reconciliation: grow to the target
/// at once, shrink by stopping idle shared pools first and draining busy ones newest first, never
/// touching a leased pool. Draining pools count against max-pools until their threads end.
/// </summary>
internal sealed class PoolSet(Func<string, PoolMode, PoolEntry> start, Action<PoolEvent> publish, string supervisor)
{
    private readonly List<PoolEntry> _pools = [];
    private int _started;

    public IReadOnlyList<PoolEntry> All => _pools;

    public int Total => _pools.Count;

    /// <summary>Pools that are not draining: shared and leased ones; the target counts these.</summary>
    public int Active => _pools.Count(p => p.Life != PoolLife.Draining);

    public int Draining => _pools.Count(p => p.Life == PoolLife.Draining);

    public PoolEntry? Find(string name) => _pools.Find(p => p.Name == name);

    public PoolTable Table() =>
        new([.. _pools.Where(p => p.Life == PoolLife.Shared).Select(p => p.Runtime)]);

    public PoolEntry Start(PoolMode mode)
    {
        var entry = start($"pool-{++_started}", mode);
        entry.Life = mode == PoolMode.Leased ? PoolLife.Leased : PoolLife.Shared;
        _pools.Add(entry);
        publish(new PoolStarted(supervisor, entry.Name));
        return entry;
    }

    /// <summary>
    /// A reserved pool that has run dry, else the oldest idle shared pool, switched to leased in
    /// one step that fails if a job got in first.
    /// </summary>
    public PoolEntry? TakeIdleForLease()
    {
        foreach (var pool in _pools)
        {
            if (pool.Life == PoolLife.Reserved && pool.Runtime.Pending == 0)
            {
                pool.Life = PoolLife.Leased;
                return pool;
            }
        }
        foreach (var pool in _pools)
        {
            if (pool.Life == PoolLife.Shared && pool.Runtime.TrySwitch(PoolMode.Shared, PoolMode.Leased, onlyIfIdle: true))
            {
                pool.Life = PoolLife.Leased;
                return pool;
            }
        }
        return null;
    }

    /// <summary>
    /// Sets the least busy shared pool aside for a lease waiter, unless one already is: it admits
    /// no new shared job (its mode is leased), so under steady shared load it still runs dry and
    /// the waiter gets it, instead of waiting for a pool to be idle by chance.
    /// </summary>
    public void ReserveForLease()
    {
        if (_pools.Exists(p => p.Life == PoolLife.Reserved))
        {
            return;
        }
        var pool = _pools.Where(p => p.Life == PoolLife.Shared).OrderBy(p => p.Runtime.Pending).FirstOrDefault();
        if (pool is not null && pool.Runtime.TrySwitch(PoolMode.Shared, PoolMode.Leased, onlyIfIdle: false))
        {
            pool.Life = PoolLife.Reserved;
        }
    }

    /// <summary>No lease waits any more: a reserved pool takes shared jobs again.</summary>
    public void Unreserve()
    {
        foreach (var pool in _pools.Where(p => p.Life == PoolLife.Reserved))
        {
            ReturnToShared(pool);
        }
    }

    public static void ReturnToShared(PoolEntry pool)
    {
        pool.Runtime.TrySwitch(PoolMode.Leased, PoolMode.Shared, onlyIfIdle: false);
        pool.Life = PoolLife.Shared;
        pool.Lease = null;
    }

    public void Drain(PoolEntry pool, string reason)
    {
        pool.Life = PoolLife.Draining;
        pool.Lease = null;
        pool.Runtime.Close();
        publish(new PoolDraining(supervisor, pool.Name, pool.Runtime.Pending, reason));
    }

    public void Remove(PoolEntry pool)
    {
        _pools.Remove(pool);
        publish(new PoolStopped(supervisor, pool.Name));
    }

    /// <summary>Moves the pools toward <paramref name="desired"/>; returns whether the shared set changed.</summary>
    public bool Reconcile(int desired, int maxPools)
    {
        var changed = false;
        var active = Active;
        while (active < desired && Total < maxPools)
        {
            Start(PoolMode.Shared);
            active++;
            changed = true;
        }
        if (active <= desired)
        {
            return changed;
        }
        var surplus = _pools
            .Where(p => p.Life == PoolLife.Shared)
            .OrderBy(p => p.Runtime.Pending == 0 ? 0 : 1)
            .ThenByDescending(p => _pools.IndexOf(p))
            .Take(active - desired)
            .ToList();
        foreach (var pool in surplus)
        {
            Drain(pool, $"above target {desired}");
            changed = true;
        }
        return changed;
    }
}
