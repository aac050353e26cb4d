using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Supervision;

/// <summary>One pool as the supervisor books it: its runtime and its actor. Whose work it takes is
/// the runtime's mode word, the one place that says so.</summary>
internal sealed class PoolEntry(IPoolRuntime runtime, IActorRef actor)
{
    public IPoolRuntime Runtime { get; } = runtime;

    public IActorRef Actor { get; } = actor;

    public string Name => Runtime.Name;

    public bool IsDraining => Runtime.Mode == PoolMode.Closed;

    /// <summary>Whether its <see cref="PoolDraining"/> went out, so it goes out once whoever closed the pool.</summary>
    public bool Announced { get; set; }
}

/// <summary>
/// The supervisor's pools, oldest first, and the sizing rule's reconciliation: the target counts
/// shared pools; leased pools come on top of it, within max-pools. Growing starts pools at once;
/// shrinking drains idle shared pools first, then busy ones, newest first, and never touches a
/// leased pool. Draining pools count against max-pools until their threads end.
/// </summary>
/// <remarks>
/// Mutated on the supervisor's thread only. What the lease desk reads from other threads is the
/// published <see cref="PoolTable"/>; its notices reach the supervisor as one coalesced message, and
/// only when the supervisor has something to do about them.
/// </remarks>
internal sealed class PoolSet(IActorRef supervisor, string supervisorPath, int maxPools, DataPlane plane, Action<PoolEvent> publish) : ILeasePools
{
    private int _maxPools = maxPools;

    private readonly List<PoolEntry> _pools = [];
    private long _retiredJobs;
    private long _retiredBytes;
    private PoolTable _table = PoolTable.Empty;
    private int _started;
    private int _noticePending;

    /// <summary>Starts a pool's runtime and actor; set by each incarnation of the supervisor actor.</summary>
    public Func<string, PoolMode, Dispatch.Requirement, PoolEntry> Starter { get; set; } = (_, _, _) => throw new InvalidOperationException("no supervisor");

    public IReadOnlyList<PoolEntry> All => _pools;

    /// <summary>The most pools that may exist at once (<c>max-pools</c>); an update takes effect at the next reconcile.</summary>
    public int MaxPools
    {
        get => _maxPools;
        set => _maxPools = value;
    }

    public int Total => _pools.Count;

    public int Draining => _pools.Count(p => p.IsDraining);

    public int Shared => _pools.Count(p => p.Runtime.Mode == PoolMode.Shared);

    public PoolTable Table => Volatile.Read(ref _table);

    public PoolEntry? Find(string name) => _pools.Find(p => p.Name == name);

    /// <summary>Publishes the live pools for the data plane and the lease desk.</summary>
    public PoolTable Publish(int desired)
    {
        var table = new PoolTable([.. _pools.Where(p => !p.IsDraining).Select(p => p.Runtime)], _pools.Count, _maxPools, desired);
        Volatile.Write(ref _table, table);
        return table;
    }

    public PoolEntry Start(PoolMode mode, Dispatch.Requirement? capabilities = null)
    {
        var entry = Starter($"pool-{++_started}", mode, capabilities ?? Dispatch.Requirement.None);
        _pools.Add(entry);
        publish(new PoolStarted(supervisorPath, entry.Name));
        return entry;
    }

    /// <summary>The least busy plain shared pool, to set aside for a lease waiter (a lease is of a plain pool).</summary>
    public IPoolRuntime? LeastBusyShared() =>
        _pools.Select(p => p.Runtime).Where(r => r.SharedPending >= 0 && r.Capabilities.IsNone).MinBy(r => r.SharedPending);

    /// <summary>Closes a pool that is still in <paramref name="mode"/> and announces it; false if it changed hands meanwhile.</summary>
    public bool Drain(PoolEntry pool, PoolMode mode, string reason)
    {
        if (!pool.Runtime.TryClose(mode))
        {
            return false;
        }
        Announce(pool, reason);
        return true;
    }

    /// <summary>Announces, once, that a pool closed by anyone (a lease's end, its actor's stop) is draining.</summary>
    public void Announce(PoolEntry pool, string reason)
    {
        if (pool.Announced)
        {
            return;
        }
        pool.Announced = true;
        publish(new PoolDraining(supervisorPath, pool.Name, pool.Runtime.Pending, reason));
    }

    /// <summary>Announces the pools closed by a lease's end since the last look.</summary>
    public void AnnounceClosed()
    {
        foreach (var pool in _pools.Where(p => p.IsDraining && !p.Announced))
        {
            Announce(pool, "its lease ended with its work cancelled");
        }
    }

    /// <summary>Jobs taken up by every pool this supervisor ran, the ended ones included; never decreases.</summary>
    public long JobsStarted => _retiredJobs + _pools.Sum(p => p.Runtime.JobsStarted);

    /// <summary>Bytes the worker threads of every pool this supervisor ran have allocated, the ended ones included; never decreases.</summary>
    public long AllocatedBytes => _retiredBytes + _pools.Sum(p => p.Runtime.AllocatedBytes);

    /// <summary>How the jobs of the pools that have ended went, so the supervisor's totals never decrease.</summary>
    public JobCounts EndedPoolsJobs { get; private set; }

    public void Remove(PoolEntry pool)
    {
        if (_pools.Remove(pool))
        {
            _retiredJobs += pool.Runtime.JobsStarted;
            EndedPoolsJobs = EndedPoolsJobs.Plus(pool.Runtime.Tally);
            _retiredBytes += pool.Runtime.AllocatedBytes;
        }
        publish(new PoolStopped(supervisorPath, pool.Name));
    }

    /// <summary>Moves the shared pools toward <paramref name="desired"/>, within max-pools.</summary>
    public void Reconcile(int desired)
    {
        var shared = Shared;
        while (shared < desired && Total < _maxPools)
        {
            Start(PoolMode.Shared);
            shared++;
        }
        if (shared <= desired)
        {
            return;
        }
        var surplus = _pools
            .Where(p => p.Runtime.Mode == PoolMode.Shared)
            .OrderBy(p => p.Runtime.Pending == 0 ? 0 : 1)
            .ThenByDescending(p => _pools.IndexOf(p))
            .Take(shared - desired)
            .ToList();
        foreach (var pool in surplus)
        {
            Drain(pool, PoolMode.Shared, $"above target {desired}");
        }
    }

    /// <summary>
    /// Moves each capability set's shared pools toward its count (sets not named go to zero), within
    /// max-pools: sets that grow start pools first, then surplus pools drain, idle ones first.
    /// </summary>
    public void Reconcile(IReadOnlyDictionary<string, int> sets)
    {
        var shared = _pools.Where(p => p.Runtime.Mode == PoolMode.Shared).GroupBy(p => Key(p.Runtime.Capabilities)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (set, wanted) in sets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var have = shared.GetValueOrDefault(set)?.Count ?? 0;
            for (; have < wanted && Total < _maxPools; have++)
            {
                Start(PoolMode.Shared, Dispatch.Requirement.Of(set.Length == 0 ? [] : set.Split(',')));
            }
        }
        foreach (var (set, pools) in shared)
        {
            var surplus = pools.Count - sets.GetValueOrDefault(set);
            foreach (var pool in pools.OrderBy(p => p.Runtime.Pending == 0 ? 0 : 1).ThenByDescending(p => _pools.IndexOf(p)).Take(Math.Max(0, surplus)))
            {
                Drain(pool, PoolMode.Shared, $"above target {sets.GetValueOrDefault(set)} for {(set.Length == 0 ? "plain pools" : $"[{set}]")}");
            }
        }
    }

    private static string Key(Dispatch.Requirement capabilities) => string.Join(',', capabilities.Names);

    /// <summary>The supervisor is handling the notices sent so far.</summary>
    public void Noticed() => Volatile.Write(ref _noticePending, 0);

    void ILeasePools.Taken()
    {
        var table = Table;
        if (table.Total < table.MaxPools && table.SharedNow() < table.Desired)
        {
            Notify();
        }
    }

    void ILeasePools.Waiting() => Notify();

    void ILeasePools.Returned()
    {
        plane.DrainOverflow();
        if (Table.SharedNow() > Table.Desired)
        {
            Notify();
        }
    }

    void ILeasePools.Closed() => Notify();

    private void Notify()
    {
        if (Interlocked.Exchange(ref _noticePending, 1) == 0)
        {
            supervisor.Tell(PoolsChanged.Instance);
        }
    }
}
