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
    private readonly LeaseBooks _books;
    private readonly LeaseExpiry _expiry;
    private IPoolRuntime? _reserved;
    private int _granted;
    private bool _stopped;
    private string? _closing;

    public LeaseDesk(LeaseSettings settings, TimeProvider clock, ILeasePools pools, Action<PoolEvent> publish, ILoggingAdapter log, string supervisor)
    {
        _books = new LeaseBooks(settings, clock, pools, new LeaseEvents(publish, log, supervisor, settings), supervisor);
        _expiry = new LeaseExpiry(_books);
        _books.Timer = new LeaseClock(clock, _expiry.Tick);
    }

    public int Waiting
    {
        get
        {
            lock (_books.Gate)
            {
                return _books.Line.Count;
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
        lock (_books.Gate)
        {
            lease = GrantNow(leaseFor, holder: null);
            if (lease is null && (refused = Refusal(waitUpTo)) is null)
            {
                var now = _books.Clock.GetTimestamp();
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
        _books.Pools.Waiting();
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
        lock (_books.Gate)
        {
            lease = GrantNow(leaseFor, holder);
            if (lease is null && (refused = Refusal(waitUpTo)) is null)
            {
                var now = _books.Clock.GetTimestamp();
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
            _books.Pools.Waiting();
        }
    }

    /// <summary>Serves waiters in order from idle shared pools; called when pools may have freed up.</summary>
    public void Serve()
    {
        List<(LeaseWaiter, LeasedExecutor)>? granted = null;
        lock (_books.Gate)
        {
            while (_books.Line.First is { } first && TakeIdle() is { } pool)
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
    /// <summary>The clock lease deadlines and the leases' job timeouts run on.</summary>
    public TimeProvider Clock => _books.Clock;

    /// <summary>The timeout of a leased job (<c>workers.job-timeout</c>); null for none.</summary>
    public TimeSpan? JobTimeout { get; set; }

    /// <summary>The <c>lease</c> block; a new one applies to leases granted from now on.</summary>
    public LeaseSettings Settings
    {
        get => _books.Settings;
        set => _books.Settings = value;
    }

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

    // The message's own checks, so a rule is written once; the max-total bound is the desk's, as it knows the settings.
    private ArgumentException? Invalid(TimeSpan leaseFor, TimeSpan waitUpTo)
    {
        if (leaseFor > _books.Settings.MaxTotal && leaseFor <= DurationLimits.Max)
        {
            return new ArgumentException(
                $"AcquireLease leaseFor must be <= actor-pool.lease.max-total, was: [{leaseFor}] > [{_books.Settings.MaxTotal}]", nameof(leaseFor));
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
        if (_stopped || _closing is not null || _books.Line.Count > 0 || TakeIdle() is not { } pool)
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
            return new OperationCanceledException($"the pool supervisor {_books.Supervisor} has stopped; no lease was granted");
        }
        if (_closing is { } closing)
        {
            return new LeaseUnavailableException($"no lease is granted: {closing}", TimeSpan.Zero);
        }
        var table = _books.Pools.Table;
        // A zero wait still gets a pool the supervisor can start, but never waits behind others.
        return waitUpTo == TimeSpan.Zero && (_books.Line.Count > 0 || table.Total >= table.MaxPools) ? _books.Unavailable(TimeSpan.Zero) : null;
    }

    private IPoolRuntime? TakeIdle()
    {
        foreach (var pool in _books.Pools.Table.Pools)
        {
            // A lease is of a plain pool: capability pools serve the jobs that require them.
            if (pool.Capabilities.IsNone && pool.TrySwitch(PoolMode.Shared, PoolMode.Leased, onlyIfIdle: true))
            {
                return pool;
            }
        }
        return null;
    }

    private LeasedExecutor GrantFirst(IPoolRuntime pool)
    {
        var waiter = _books.Line.TakeFirst();
        return NewLease(pool, waiter.LeaseFor, waiter.Holder);
    }

    private LeasedExecutor NewLease(IPoolRuntime pool, TimeSpan leaseFor, IActorRef? holder)
    {
        var now = _books.Clock.GetTimestamp();
        var id = "lease-" + Interlocked.Increment(ref _granted).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lease = new LeasedExecutor(id, pool, new LeaseTerms(_books.Clock, now, leaseFor, _books.Settings), holder, this);
        _books.Leases.Add(lease);
        _books.Timer.Arm(lease.Terms.SoftDeadline, now);
        return lease;
    }

    private void Line(LeaseWaiter waiter, long now)
    {
        _books.Line.Add(waiter);
        if (!waiter.Immediate)
        {
            _books.Timer.Arm(waiter.Deadline, now);
        }
    }

    private long DeadlineOf(long now, TimeSpan waitUpTo) =>
        waitUpTo == Timeout.InfiniteTimeSpan ? long.MaxValue : now + LeaseClock.Ticks(_books.Clock, waitUpTo);

    private void Withdraw(TaskWaiter waiter, CancellationToken token)
    {
        bool left;
        lock (_books.Gate)
        {
            left = _books.Line.Remove(waiter);
        }
        // Cancelled even when the desk took it off the line a moment ago: the grant on its way then
        // finds the task cancelled and releases the lease at once, instead of handing it to nobody.
        waiter.Cancelled(token);
        if (left)
        {
            _books.Pools.Waiting();
        }
    }

    private void Granted(LeasedExecutor lease, TimeSpan leaseFor)
    {
        _books.Events.Granted(lease, leaseFor);
        _books.Pools.Taken();
    }

    private void Deliver(List<(LeaseWaiter Waiter, LeasedExecutor Lease)>? granted)
    {
        foreach (var (waiter, lease) in granted ?? [])
        {
            waiter.Grant(lease);
        }
        foreach (var (waiter, lease) in granted ?? [])
        {
            Granted(lease, waiter.LeaseFor);
        }
    }

    /// <summary>What <see cref="Snapshot"/> read.</summary>
    internal sealed record LeaseSnapshot(IReadOnlyList<LeaseInfo> Leases, IReadOnlySet<IPoolRuntime> Held, int Waiting);
}
