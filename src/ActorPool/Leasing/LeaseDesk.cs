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
internal sealed partial class LeaseDesk : IDisposable
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
