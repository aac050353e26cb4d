using ActorPool.Internal.Diagnostics;
using ActorPool.Internal.Settings;
using ActorPool.Internal.Workers;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Leasing;

/// <summary>Pools coming back to the desk and going to the line, lookups, and the desk's end.</summary>
internal sealed partial class LeaseDesk
{
    /// <summary>
    /// A pool in leased mode with nothing pending: a new pool started for the line, or the reserved
    /// pool run dry. It goes to the first waiter, or back to shared work when nobody waits.
    /// </summary>
    public void Offer(IPoolRuntime pool) => HandOn(pool, ended: null);

    /// <summary>
    /// Hands <paramref name="pool"/> to the first waiter or back to shared work, in the same locked
    /// step that books the end of <paramref name="ended"/>, the lease that held it (if any).
    /// </summary>
    private void HandOn(IPoolRuntime pool, LeasedExecutor? ended)
    {
        LeaseWaiter? waiter = null;
        LeasedExecutor? lease = null;
        lock (_books.Gate)
        {
            if (ended is not null)
            {
                _books.Leases.Remove(ended);
            }
            if (ReferenceEquals(_reserved, pool))
            {
                _reserved = null;
            }
            if (_stopped || pool.Mode != PoolMode.Leased || Holds(pool))
            {
                return;
            }
            if (_books.Line.First is not null)
            {
                waiter = _books.Line.First;
                lease = GrantFirst(pool);
            }
            else
            {
                pool.TrySwitch(PoolMode.Leased, PoolMode.Shared, onlyIfIdle: false);
            }
        }
        // The next holder first: the events can wait a moment, the waiter should not.
        if (lease is not null)
        {
            waiter!.Grant(lease);
        }
        if (ended is not null)
        {
            _books.Events.Returned(ended);
        }
        if (lease is not null)
        {
            Granted(lease, waiter!.LeaseFor);
        }
        else
        {
            _books.Pools.Returned();
        }
    }

    // Under the lock.
    private bool Holds(IPoolRuntime pool)
    {
        foreach (var lease in _books.Leases)
        {
            if (lease.Pool == pool)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Sets a busy shared pool (from <paramref name="pick"/>) aside for the line: it takes no new shared
    /// job and goes to the first waiter once it runs dry. One at a time.
    /// </summary>
    public void Reserve(Func<IPoolRuntime?> pick)
    {
        IPoolRuntime? pool;
        lock (_books.Gate)
        {
            if (_reserved is not null || _books.Line.Count == 0 || (pool = pick()) is null
                || !pool.TrySwitch(PoolMode.Shared, PoolMode.Leased, onlyIfIdle: false))
            {
                return;
            }
            _reserved = pool;
        }
        pool.NotifyWhenIdle(() => Offer(pool));
    }

    /// <summary>Nobody waits any more: a reserved pool takes shared jobs again.</summary>
    public void Unreserve()
    {
        lock (_books.Gate)
        {
            if (_books.Line.Count > 0 || _reserved is not { } pool)
            {
                return;
            }
            _reserved = null;
            pool.TrySwitch(PoolMode.Leased, PoolMode.Shared, onlyIfIdle: false);
        }
    }

    /// <summary>Refuses the zero-wait requests that no new pool could serve.</summary>
    public void RefuseImmediate()
    {
        List<LeaseWaiter>? refused;
        lock (_books.Gate)
        {
            refused = _books.Line.TakeImmediate();
        }
        foreach (var waiter in refused ?? [])
        {
            waiter.Refuse(_books.Unavailable(TimeSpan.Zero));
        }
    }

    /// <summary>A released lease's work has finished: its pool goes to the first waiter or back to shared work.</summary>
    public void Returned(LeasedExecutor lease) => HandOn(lease.Pool, lease);

    public LeaseRenewed Renew(LeasedExecutor lease, TimeSpan extra) => _expiry.Renew(lease, extra);

    /// <summary>A watched holder actor stopped: its leases are released, its queued requests dropped.</summary>
    public void HolderStopped(IActorRef holder) => _expiry.HolderStopped(holder);

    /// <summary>A lease's pool actor was stopped from outside: the lease ends as revoked.</summary>
    public void PoolLost(IPoolRuntime pool) => _expiry.PoolLost(pool);

    /// <summary>Ends a released lease whose work outlived its terms: queued work fails, running work is cancelled.</summary>
    public void CutOff(LeasedExecutor lease, string why) => _expiry.CutOff(lease, why);

    public LeasedExecutor? Find(string leaseId)
    {
        lock (_books.Gate)
        {
            return _books.Leases.Find(l => l.LeaseId == leaseId);
        }
    }

    /// <summary>Whether <paramref name="leaseId"/> was granted here once (ids are numbered, so no record of ended leases is kept).</summary>
    public bool WasGranted(string leaseId) =>
        leaseId.StartsWith("lease-", StringComparison.Ordinal)
        && int.TryParse(leaseId.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n >= 1 && n <= Volatile.Read(ref _granted);

    /// <summary>The active leases (oldest first, each read from one clock reading), the pools they
    /// hold and the line's length, all from one moment, so a status never shows a lease without its pool.</summary>
    public LeaseSnapshot Snapshot()
    {
        lock (_books.Gate)
        {
            var now = _books.Clock.GetTimestamp();
            var infos = new List<LeaseInfo>(_books.Leases.Count);
            var held = new HashSet<IPoolRuntime>();
            foreach (var lease in _books.Leases)
            {
                var d = lease.Terms.Read(now);
                infos.Add(new LeaseInfo(lease.LeaseId, lease.PoolName, lease.Holder, d.UntilSoftExpiry, d.UntilHardExpiry, lease.IsReleasing));
                held.Add(lease.Pool);
            }
            return new LeaseSnapshot(infos, held, _books.Line.Count);
        }
    }

    /// <summary>A graceful stop: no lease is granted from now on and waiters are refused; granted leases run to their end.</summary>
    public void Close(string reason)
    {
        List<LeaseWaiter> waiters;
        lock (_books.Gate)
        {
            _closing = reason;
            waiters = _books.Line.TakeAll();
        }
        foreach (var waiter in waiters)
        {
            waiter.Refuse(new LeaseUnavailableException($"no lease is granted: {reason}", _books.Clock.GetElapsedTime(waiter.ArrivedAt)));
        }
    }

    /// <summary>The supervisor stopped: waiters are refused and leases end, saying so.</summary>
    public void Stop()
    {
        List<LeaseWaiter> waiters;
        List<LeasedExecutor> leases;
        lock (_books.Gate)
        {
            _stopped = true;
            waiters = _books.Line.TakeAll();
            leases = [.. _books.Leases];
            _books.Leases.Clear();
        }
        _books.Timer.Dispose();
        foreach (var waiter in waiters)
        {
            waiter.Refuse(new LeaseUnavailableException($"the pool supervisor {_books.Supervisor} stopped", _books.Clock.GetElapsedTime(waiter.ArrivedAt)));
        }
        foreach (var lease in leases)
        {
            lease.Stop(_books.Supervisor);
        }
    }

    public void Dispose() => _books.Timer.Dispose();
}
