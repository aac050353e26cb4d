using ActorPool.Internal.Diagnostics;
using ActorPool.Internal.Settings;
using ActorPool.Internal.Workers;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// Grants, queues and ends the leases of one supervisor, on whichever thread asks: an uncontended
/// acquire takes an idle shared pool with one compare-and-swap, a release hands the pool straight
/// to the first waiter or back to shared work, and the supervisor hears of it after the fact. Only
/// a grant that needs a new pool waits for the supervisor to start one.
/// </summary>
/// <remarks>
/// One lock guards the line of waiters and the active leases, so waiters are served strictly first
/// come, first served; it is never held while a waiter is answered, an event is published or a job
/// runs. Deadlines (a waiter's wait, soft expiry, hard expiry, revoke-timeout) run on one timer of
/// the injected <see cref="TimeProvider"/>, armed for the earliest of them (see <see cref="LeaseClock"/>).
/// </remarks>
internal sealed class LeaseDesk : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LeaseLine _line = new();
    private readonly List<LeasedExecutor> _leases = [];
    private readonly StuckWatch _stuck = new();
    private readonly LeaseSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILeasePools _pools;
    private readonly Action<PoolEvent> _publish;
    private readonly ILoggingAdapter _log;
    private readonly string _supervisor;
    private readonly LeaseClock _timer;
    private WorkerPool? _reserved;
    private GrantedDetail? _grantedDetail;
    private int _granted;
    private bool _stopped;

    public LeaseDesk(LeaseSettings settings, TimeProvider clock, ILeasePools pools, Action<PoolEvent> publish, ILoggingAdapter log, string supervisor)
    {
        _settings = settings;
        _clock = clock;
        _pools = pools;
        _publish = publish;
        _log = log;
        _supervisor = supervisor;
        _timer = new LeaseClock(clock, Tick);
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _line.Count;
            }
        }
    }

    /// <summary>From <c>PoolClient</c>: granted at once when a shared pool is idle and nobody waits, else queued.</summary>
    public Task<ILeasedExecutor> AcquireAsync(TimeSpan leaseFor, TimeSpan waitUpTo, CancellationToken cancellationToken)
    {
        if (Invalid(leaseFor, waitUpTo) is { } invalid)
        {
            return Task.FromException<ILeasedExecutor>(invalid);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ILeasedExecutor>(cancellationToken);
        }
        LeasedExecutor? lease;
        TaskWaiter? waiter = null;
        Exception? refused = null;
        lock (_gate)
        {
            lease = GrantNow(leaseFor, holder: null);
            if (lease is null && (refused = Refusal(waitUpTo)) is null)
            {
                var now = _clock.GetTimestamp();
                waiter = new TaskWaiter(leaseFor, waitUpTo, now, DeadlineOf(now, waitUpTo));
                Line(waiter, now);
            }
        }
        if (lease is not null)
        {
            Granted(lease, leaseFor);
            return Task.FromResult<ILeasedExecutor>(lease);
        }
        if (waiter is null)
        {
            return Task.FromException<ILeasedExecutor>(refused!);
        }
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var (desk, w) = ((LeaseDesk, TaskWaiter))state!;
                    desk.Withdraw(w, token);
                },
                (this, waiter));
        }
        _pools.Waiting();
        return waiter.Task;
    }

    /// <summary>From an <see cref="AcquireLease"/> message, on the supervisor's thread.</summary>
    public void Acquire(TimeSpan leaseFor, TimeSpan waitUpTo, IActorRef? holder, IActorRef replyTo)
    {
        if (Invalid(leaseFor, waitUpTo) is { } invalid)
        {
            replyTo.Tell(new Status.Failure(invalid));
            return;
        }
        LeasedExecutor? lease;
        Exception? refused = null;
        lock (_gate)
        {
            lease = GrantNow(leaseFor, holder);
            if (lease is null && (refused = Refusal(waitUpTo)) is null)
            {
                var now = _clock.GetTimestamp();
                Line(new ReplyWaiter(leaseFor, waitUpTo, holder, replyTo, now, DeadlineOf(now, waitUpTo)), now);
            }
        }
        if (lease is not null)
        {
            replyTo.Tell(new LeaseGranted(lease));
            Granted(lease, leaseFor);
        }
        else if (refused is not null)
        {
            replyTo.Tell(new Status.Failure(refused));
        }
        else
        {
            _pools.Waiting();
        }
    }

    /// <summary>Serves waiters in order from idle shared pools; called when pools may have freed up.</summary>
    public void Serve()
    {
        List<(LeaseWaiter, LeasedExecutor)>? granted = null;
        lock (_gate)
        {
            while (_line.First is { } first && TakeIdle() is { } pool)
            {
                (granted ??= []).Add((first, GrantFirst(pool)));
            }
        }
        Deliver(granted);
    }

    /// <summary>
    /// A pool in leased mode with nothing pending: a new pool started for the line, or the reserved
    /// pool run dry. It goes to the first waiter, or back to shared work when nobody waits.
    /// </summary>
    public void Offer(WorkerPool pool) => HandOn(pool, ended: null);

    /// <summary>
    /// Hands <paramref name="pool"/> to the first waiter or back to shared work, in the same locked
    /// step that books the end of <paramref name="ended"/>, the lease that held it (if any).
    /// </summary>
    private void HandOn(WorkerPool pool, LeasedExecutor? ended)
    {
        LeaseWaiter? waiter = null;
        LeasedExecutor? lease = null;
        lock (_gate)
        {
            if (ended is not null)
            {
                _leases.Remove(ended);
            }
            if (ReferenceEquals(_reserved, pool))
            {
                _reserved = null;
            }
            if (_stopped || pool.Mode != PoolMode.Leased || Holds(pool))
            {
                return;
            }
            if (_line.First is not null)
            {
                waiter = _line.First;
                lease = GrantFirst(pool);
            }
            else
            {
                pool.TrySwitch(PoolMode.Leased, PoolMode.Shared, onlyIfIdle: false);
            }
        }
        if (ended is not null)
        {
            Publish(ended, ended.EndStep, ended.EndStep == LeaseStep.Released ? "released" : "holder stopped; queued work cancelled");
        }
        if (lease is not null)
        {
            Deliver([(waiter!, lease)]);
        }
        else
        {
            _pools.Returned();
        }
    }

    // Under the lock.
    private bool Holds(WorkerPool pool)
    {
        foreach (var lease in _leases)
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
    public void Reserve(Func<WorkerPool?> pick)
    {
        WorkerPool? pool;
        lock (_gate)
        {
            if (_reserved is not null || _line.Count == 0 || (pool = pick()) is null
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
        lock (_gate)
        {
            if (_line.Count > 0 || _reserved is not { } pool)
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
        lock (_gate)
        {
            refused = _line.TakeImmediate();
        }
        foreach (var waiter in refused ?? [])
        {
            waiter.Refuse(Unavailable(TimeSpan.Zero));
        }
    }

    /// <summary>A released lease's work has finished: its pool goes to the first waiter or back to shared work.</summary>
    public void Returned(LeasedExecutor lease) => HandOn(lease.Pool, lease);

    public LeaseRenewed Renew(LeasedExecutor lease, TimeSpan extra)
    {
        LeaseRenewed renewed;
        lock (_gate)
        {
            if (lease.EndedError() is { } ended)
            {
                throw ended;
            }
            renewed = lease.Terms.Renew(lease.LeaseId, extra);
            lease.Warned = renewed.UntilSoftExpiry <= TimeSpan.Zero;
        }
        Publish(lease, LeaseStep.Renewed, renewed.Capped
            ? $"renewed to {Readable.Duration(renewed.UntilSoftExpiry)}, capped by actor-pool.lease.max-total"
            : $"renewed to {Readable.Duration(renewed.UntilSoftExpiry)}");
        return renewed;
    }

    /// <summary>A watched holder actor stopped: its leases are released, its queued requests dropped.</summary>
    public void HolderStopped(IActorRef holder)
    {
        List<LeasedExecutor> held;
        lock (_gate)
        {
            held = _leases.FindAll(l => holder.Equals(l.HolderRef));
            // A dead holder's requests are dropped: nobody is left to answer.
            _line.TakeHeldBy(holder);
        }
        foreach (var lease in held)
        {
            lease.HolderStopped();
        }
        _pools.Waiting();
    }

    /// <summary>A lease's pool actor was stopped from outside: the lease ends as revoked.</summary>
    public void PoolLost(WorkerPool pool)
    {
        LeasedExecutor? lease;
        lock (_gate)
        {
            lease = _leases.Find(l => l.Pool == pool);
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
        Closed(lease, LeaseStep.Released, $"released; {why}: queued work failed, running work cancelled");
    }

    public LeasedExecutor? Find(string leaseId)
    {
        lock (_gate)
        {
            return _leases.Find(l => l.LeaseId == leaseId);
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
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var infos = new List<LeaseInfo>(_leases.Count);
            var held = new HashSet<WorkerPool>();
            foreach (var lease in _leases)
            {
                var d = lease.Terms.Read(now);
                infos.Add(new LeaseInfo(lease.LeaseId, lease.PoolName, lease.Holder, d.UntilSoftExpiry, d.UntilHardExpiry, lease.IsReleasing));
                held.Add(lease.Pool);
            }
            return new LeaseSnapshot(infos, held, _line.Count);
        }
    }

    /// <summary>The supervisor stopped: waiters are refused and leases end, saying so.</summary>
    public void Stop()
    {
        List<LeaseWaiter> waiters;
        List<LeasedExecutor> leases;
        lock (_gate)
        {
            _stopped = true;
            waiters = _line.TakeAll();
            leases = [.. _leases];
            _leases.Clear();
        }
        _timer.Dispose();
        foreach (var waiter in waiters)
        {
            waiter.Refuse(new LeaseUnavailableException($"the pool supervisor {_supervisor} stopped", _clock.GetElapsedTime(waiter.ArrivedAt)));
        }
        foreach (var lease in leases)
        {
            lease.Stop(_supervisor);
        }
    }

    public void Dispose() => _timer.Dispose();

    // The message's own checks, so a rule is written once; the max-total bound is the desk's, as it knows the settings.
    private ArgumentException? Invalid(TimeSpan leaseFor, TimeSpan waitUpTo)
    {
        if (leaseFor > _settings.MaxTotal && leaseFor <= DurationLimits.Max)
        {
            return new ArgumentException(
                $"AcquireLease leaseFor must be <= actor-pool.lease.max-total, was: [{leaseFor}] > [{_settings.MaxTotal}]", nameof(leaseFor));
        }
        if (leaseFor > TimeSpan.Zero && leaseFor <= DurationLimits.Max
            && ((waitUpTo >= TimeSpan.Zero && waitUpTo <= DurationLimits.Max) || waitUpTo == Timeout.InfiniteTimeSpan))
        {
            return null;
        }
        try
        {
            _ = new AcquireLease(leaseFor, waitUpTo);
            return null;
        }
        catch (ArgumentException e)
        {
            return e;
        }
    }

    // Under the lock. Nobody waiting, and an idle shared pool: the fast path.
    private LeasedExecutor? GrantNow(TimeSpan leaseFor, IActorRef? holder)
    {
        if (_stopped || _line.Count > 0 || TakeIdle() is not { } pool)
        {
            return null;
        }
        return NewLease(pool, leaseFor, holder);
    }

    // Under the lock: why a request that found no idle pool is refused now, or null to queue it.
    private Exception? Refusal(TimeSpan waitUpTo)
    {
        if (_stopped)
        {
            return new OperationCanceledException($"the pool supervisor {_supervisor} has stopped; no lease was granted");
        }
        var table = _pools.Table;
        // A zero wait still gets a pool the supervisor can start, but never waits behind others.
        return waitUpTo == TimeSpan.Zero && (_line.Count > 0 || table.Total >= table.MaxPools) ? Unavailable(TimeSpan.Zero) : null;
    }

    private WorkerPool? TakeIdle()
    {
        foreach (var pool in _pools.Table.Pools)
        {
            if (pool.TrySwitch(PoolMode.Shared, PoolMode.Leased, onlyIfIdle: true))
            {
                return pool;
            }
        }
        return null;
    }

    private LeasedExecutor GrantFirst(WorkerPool pool)
    {
        var waiter = _line.TakeFirst();
        return NewLease(pool, waiter.LeaseFor, waiter.Holder);
    }

    private LeasedExecutor NewLease(WorkerPool pool, TimeSpan leaseFor, IActorRef? holder)
    {
        var now = _clock.GetTimestamp();
        var id = "lease-" + Interlocked.Increment(ref _granted).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lease = new LeasedExecutor(id, pool, new LeaseTerms(_clock, now, leaseFor, _settings), holder, this);
        _leases.Add(lease);
        _timer.Arm(lease.Terms.SoftDeadline, now);
        return lease;
    }

    private void Line(LeaseWaiter waiter, long now)
    {
        _line.Add(waiter);
        if (!waiter.Immediate)
        {
            _timer.Arm(waiter.Deadline, now);
        }
    }

    private long DeadlineOf(long now, TimeSpan waitUpTo) =>
        waitUpTo == Timeout.InfiniteTimeSpan ? long.MaxValue : now + LeaseClock.Ticks(_clock, waitUpTo);

    private void Withdraw(TaskWaiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (!_line.Remove(waiter))
            {
                return;
            }
        }
        waiter.Cancelled(token);
        _pools.Waiting();
    }

    private void Granted(LeasedExecutor lease, TimeSpan leaseFor)
    {
        // Leases mostly come in one length: the detail is formatted once per length, not per grant.
        var detail = Volatile.Read(ref _grantedDetail);
        if (detail is null || detail.LeaseFor != leaseFor)
        {
            detail = new GrantedDetail(leaseFor, $"granted for {Readable.Duration(leaseFor)}");
            Volatile.Write(ref _grantedDetail, detail);
        }
        Publish(lease, LeaseStep.Granted, detail.Text);
        _pools.Taken();
    }

    private void Deliver(List<(LeaseWaiter Waiter, LeasedExecutor Lease)>? granted)
    {
        foreach (var (waiter, lease) in granted ?? [])
        {
            waiter.Grant(lease);
            Granted(lease, waiter.LeaseFor);
        }
    }

    private void Revoke(LeasedExecutor lease, string why)
    {
        if (!lease.Revoke(why))
        {
            return;
        }
        _log.Warning("{0} on {1} revoked ({2}); its work is cancelled", lease.LeaseId, lease.PoolName, why);
        lease.HolderRef?.Tell(new LeaseRevoked(lease.LeaseId));
        Closed(lease, LeaseStep.Revoked, why);
    }

    // A lease ended with its work cancelled: its pool closes, counted until its threads end, and is
    // watched for revoke-timeout so a job that ignores its token is reported stuck.
    private void Closed(LeasedExecutor lease, LeaseStep step, string detail)
    {
        lock (_gate)
        {
            _leases.Remove(lease);
            var now = _clock.GetTimestamp();
            var until = now + LeaseClock.Ticks(_clock, _settings.RevokeTimeout);
            _stuck.Add(lease.Pool, until, lease);
            _timer.Arm(until, now);
        }
        lease.Pool.Close();
        Publish(lease, step, detail);
        _pools.Closed();
    }

    // The timer fired: act on every deadline that has passed, then arm for the next.
    private void Tick(long now)
    {
        List<LeasedExecutor>? warn = null, revoke = null, cut = null;
        List<StuckWatch.Watched>? stuck;
        List<LeaseWaiter>? late;
        lock (_gate)
        {
            var next = long.MaxValue;
            late = _line.TakeLate(now, ref next);
            foreach (var lease in _leases)
            {
                var terms = lease.Terms;
                if (lease.IsActive && terms.HardDeadline <= now)
                {
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
            _timer.Rearm(next, now);
        }
        foreach (var waiter in late ?? [])
        {
            waiter.Refuse(Unavailable(_clock.GetElapsedTime(waiter.ArrivedAt, now)));
        }
        if (late is not null)
        {
            // The line is shorter: a pool set aside for it may be shared again.
            _pools.Waiting();
        }
        foreach (var lease in warn ?? [])
        {
            var untilRevoke = lease.Terms.Read(now).UntilHardExpiry;
            _log.Warning("{0} on {1} expired; it is revoked in {2} unless renewed", lease.LeaseId, lease.PoolName, Readable.Duration(untilRevoke));
            lease.HolderRef?.Tell(new LeaseExpiring(lease.LeaseId, untilRevoke));
            Publish(lease, LeaseStep.Expiring, $"expired; revoked in {Readable.Duration(untilRevoke)} unless renewed");
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

    private void ReportStuck(StuckWatch.Watched cut)
    {
        var pending = cut.Pool.Pending;
        if (pending == 0)
        {
            return;
        }
        cut.Pool.Stuck = true;
        var jobs = Readable.Count(pending, "job");
        _log.Warning("{0}: {1} is stuck: {2} ignored cancellation for actor-pool.lease.revoke-timeout = {3}; it still counts against max-pools",
            _supervisor, cut.Pool.Name, jobs, Readable.Duration(_settings.RevokeTimeout));
        _publish(new LeaseChanged(_supervisor, cut.LeaseId, cut.Pool.Name, cut.Holder, LeaseStep.Stuck,
            $"{jobs} still running {Readable.Duration(_settings.RevokeTimeout)} after the lease ended"));
        _pools.Closed();
    }

    private void Publish(LeasedExecutor lease, LeaseStep step, string detail) =>
        _publish(new LeaseChanged(_supervisor, lease.LeaseId, lease.PoolName, lease.Holder, step, detail));

    private LeaseUnavailableException Unavailable(TimeSpan waited)
    {
        var table = _pools.Table;
        int leased;
        lock (_gate)
        {
            leased = _leases.Count;
        }
        var busy = table.Pools.Length - leased;
        var draining = table.Total - table.Pools.Length;
        return new LeaseUnavailableException(
            $"No pool to lease after {Readable.Duration(waited)}: {leased} leased, {busy} busy, {draining} draining, " +
            $"of actor-pool.max-pools = {table.MaxPools}.", waited);
    }

    private sealed record GrantedDetail(TimeSpan LeaseFor, string Text);

    /// <summary>What <see cref="Snapshot"/> read.</summary>
    internal sealed record LeaseSnapshot(IReadOnlyList<LeaseInfo> Leases, IReadOnlySet<WorkerPool> Held, int Waiting);
}
