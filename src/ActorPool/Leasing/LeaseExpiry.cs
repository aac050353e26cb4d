using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// How leases end other than by a plain release: by time (soft expiry warns, hard expiry revokes,
/// a released lease's work is cut off at the hard expiry, a pool whose work ignores its cancelled
/// token is reported stuck after <c>lease.revoke-timeout</c>), by renewal, by the holder's death, or
/// by the loss of the pool's actor. Runs on the desk's timer and on callers' threads, under the
/// books' lock.
/// </summary>
internal sealed class LeaseExpiry(LeaseBooks books)
{
    private readonly LeaseBooks _books = books;
    private readonly StuckWatch _stuck = new();

    public LeaseRenewed Renew(LeasedExecutor lease, TimeSpan extra)
    {
        LeaseRenewed renewed;
        lock (_books.Gate)
        {
            if (lease.EndedError() is { } ended)
            {
                throw ended;
            }
            renewed = lease.Terms.Renew(lease.LeaseId, extra);
            lease.Warned = renewed.UntilSoftExpiry <= TimeSpan.Zero;
        }
        _books.Events.Renewed(lease, renewed);
        return renewed;
    }

    /// <summary>A watched holder actor stopped: its leases are released, its queued requests dropped.</summary>
    public void HolderStopped(IActorRef holder)
    {
        List<LeasedExecutor> held;
        lock (_books.Gate)
        {
            held = _books.Leases.FindAll(l => holder.Equals(l.HolderRef));
            // A dead holder's requests are dropped: nobody is left to answer.
            _books.Line.TakeHeldBy(holder);
        }
        foreach (var lease in held)
        {
            lease.HolderStopped();
        }
        _books.Pools.Waiting();
    }

    /// <summary>A lease's pool actor was stopped from outside: the lease ends as revoked.</summary>
    public void PoolLost(IPoolRuntime pool)
    {
        LeasedExecutor? lease;
        lock (_books.Gate)
        {
            lease = _books.Leases.Find(l => l.Pool == pool);
        }
        if (lease is not null)
        {
            Revoke(lease, "its pool actor stopped; queued work failed");
        }
    }

    /// <summary>Ends a released lease whose work outlived its terms: queued work fails, running work is cancelled.</summary>
    public void CutOff(LeasedExecutor lease, string why)
    {
        if (!lease.Cut(why))
        {
            return;
        }
        Closed(lease);
        _books.Events.CutOff(lease, why);
        _books.Pools.Closed();
    }

    private void Revoke(LeasedExecutor lease, string why)
    {
        if (!lease.Revoke(why))
        {
            return;
        }
        Closed(lease);
        _books.Events.Revoked(lease, why);
        _books.Pools.Closed();
    }

    // A lease ended with its work cancelled: its pool closes, counted until its threads end, and is
    // watched for revoke-timeout so a job that ignores its token is reported stuck.
    private void Closed(LeasedExecutor lease)
    {
        lock (_books.Gate)
        {
            _books.Leases.Remove(lease);
            var now = _books.Clock.GetTimestamp();
            var until = now + LeaseClock.Ticks(_books.Clock, _books.Settings.RevokeTimeout);
            _stuck.Add(lease.Pool, until, lease);
            _books.Timer.Arm(until, now);
        }
        lease.Pool.Close();
    }

    // The timer fired: act on every deadline that has passed, then arm for the next.
    public void Tick(long now)
    {
        List<LeasedExecutor>? warn = null, revoke = null, cut = null;
        List<StuckWatch.Watched>? stuck;
        List<LeaseWaiter>? late;
        lock (_books.Gate)
        {
            var next = long.MaxValue;
            late = _books.Line.TakeLate(now, ref next);
            foreach (var lease in _books.Leases)
            {
                var terms = lease.Terms;
                if (lease.IsActive && terms.HardDeadline <= now)
                {
                    if (!lease.Warned)
                    {
                        // A timer that fired past both deadlines (a starved machine) still warns
                        // first: the holder always hears LeaseExpiring before LeaseRevoked.
                        lease.Warned = true;
                        (warn ??= []).Add(lease);
                    }
                    (revoke ??= []).Add(lease);
                }
                else if (lease.IsActive && terms.SoftDeadline <= now && !lease.Warned)
                {
                    lease.Warned = true;
                    (warn ??= []).Add(lease);
                    next = Math.Min(next, terms.HardDeadline);
                }
                else if (lease.IsReleasing && terms.HardDeadline <= now)
                {
                    (cut ??= []).Add(lease);
                }
                else
                {
                    next = Math.Min(next, lease.IsActive && !lease.Warned ? terms.SoftDeadline : terms.HardDeadline);
                }
            }
            stuck = _stuck.TakeDue(now, ref next);
            _books.Timer.Rearm(next, now);
        }
        foreach (var waiter in late ?? [])
        {
            waiter.Refuse(_books.Unavailable(_books.Clock.GetElapsedTime(waiter.ArrivedAt, now)));
        }
        if (late is not null)
        {
            // The line is shorter: a pool set aside for it may be shared again.
            _books.Pools.Waiting();
        }
        foreach (var lease in warn ?? [])
        {
            var untilRevoke = lease.Terms.Read(now).UntilHardExpiry;
            _books.Events.Expiring(lease, untilRevoke > TimeSpan.Zero ? untilRevoke : TimeSpan.Zero);
        }
        foreach (var lease in revoke ?? [])
        {
            Revoke(lease, "hard expiry; queued work failed, running work cancelled");
        }
        foreach (var lease in cut ?? [])
        {
            CutOff(lease, "its work outlived the hard expiry");
        }
        foreach (var pool in stuck ?? [])
        {
            ReportStuck(pool);
        }
    }

    private void ReportStuck(StuckWatch.Watched watched)
    {
        var pending = watched.Pool.Pending;
        if (pending == 0)
        {
            return;
        }
        watched.Pool.Stuck = true;
        _books.Events.Stuck(watched, pending);
        _books.Pools.Closed();
    }
}
