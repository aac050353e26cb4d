namespace ActorPool.Internal.Workers;

/// <summary>
/// What every runtime shares, whatever its workers are: the admission word, the idle notices and
/// the job tallies. A runtime adds its queue and its workers.
/// </summary>
/// <remarks>
/// Admission and mode share one 64-bit word: the high half is the <see cref="PoolMode"/>, the low
/// half the pending jobs (admitted and not yet ended). A caller admits a job with one CAS that
/// succeeds only in the mode it expects; the supervisor leases a pool with one CAS that succeeds
/// only when nothing is pending. So a job admitted for shared use can never land on a pool that
/// was just leased, and no lock is taken on the job path.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source has no linked tokens or wait handle; it lives until the workers end, when nothing references it.")]
internal abstract class PoolRuntime : IPoolRuntime
{
    private const long PendingMask = 0xFFFF_FFFFL;

    // The slot of the worker running on this thread, if it is a worker: a job that ends there
    // counts into it without a shared write.
    [ThreadStatic]
    private static TallySlot? s_slot;

    [ThreadStatic]
    private static PoolRuntime? s_runtime;

    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SharedWorkers? _shared;
    private readonly TallySlot _sharedSlot = new();
    private readonly Lock _slotsLock = new();
    private TallySlot[] _slots = [];
    private JobCounts _retired;
    private long _retiredStarted;
    private long _retiredAllocated;
    private long _word;
    private int _workers;
    private int _stuckWorkers;
    private long _workersStarted;
    private Action[]? _idleNotices;
    private int _countedShared;
    private readonly Diagnostics.SupervisorMeter? _meter;

    protected PoolRuntime(string name, int workers, PoolMode mode, SharedWorkers? shared, Dispatch.Requirement? capabilities,
        Diagnostics.SupervisorMeter? meter = null)
    {
        Name = name;
        _meter = meter;
        Capabilities = capabilities ?? Dispatch.Requirement.None;
        _workers = workers;
        _shared = shared;
        _word = (long)mode << 32;
        Recount();
    }

    public string Name { get; }

    public Dispatch.Requirement Capabilities { get; }

    public int Workers => Volatile.Read(ref _workers);

    public PoolMode Mode => (PoolMode)(Volatile.Read(ref _word) >> 32);

    public int Pending => (int)(Volatile.Read(ref _word) & PendingMask);

    public int SharedPending
    {
        get
        {
            var word = Volatile.Read(ref _word);
            return (PoolMode)(word >> 32) == PoolMode.Shared ? (int)(word & PendingMask) : -1;
        }
    }

    public int Running => Slots.Sum(s => Volatile.Read(ref s.Running));

    public abstract int Queued { get; }

    public abstract int LiveWorkers { get; }

    public int StuckWorkers => Volatile.Read(ref _stuckWorkers);

    public long WorkersStarted => Volatile.Read(ref _workersStarted);

    public long JobsStarted
    {
        get
        {
            lock (_slotsLock)
            {
                return _retiredStarted + _slots.Sum(s => Volatile.Read(ref s.Started));
            }
        }
    }

    public long AllocatedBytes
    {
        get
        {
            lock (_slotsLock)
            {
                return _retiredAllocated + _slots.Sum(s => Volatile.Read(ref s.Allocated));
            }
        }
    }

    public JobCounts Tally
    {
        get
        {
            lock (_slotsLock)
            {
                return _slots.Aggregate(_retired.Plus(_sharedSlot.Read()), (sum, s) => sum.Plus(s.Read()));
            }
        }
    }

    // Written on the lease-expiry timer's thread, read by status readers on any thread.
    public bool Stuck { get => Volatile.Read(ref _stuck); set => Volatile.Write(ref _stuck, value); }

    private bool _stuck;

    public Task Terminated => _terminated.Task;

    public abstract TaskScheduler Scheduler { get; }

    public bool IsWorkerThread => ReferenceEquals(s_runtime, this);

    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Closed with nothing pending: the workers may end once their queue is empty.</summary>
    protected bool Drained
    {
        get
        {
            var word = Volatile.Read(ref _word);
            return (PoolMode)(word >> 32) == PoolMode.Closed && (word & PendingMask) == 0;
        }
    }

    private TallySlot[] Slots => Volatile.Read(ref _slots);

    public bool TryAdmit(PoolMode mode)
    {
        var word = Volatile.Read(ref _word);
        while (true)
        {
            if ((PoolMode)(word >> 32) != mode)
            {
                return false;
            }
            var seen = Interlocked.CompareExchange(ref _word, word + 1, word);
            if (seen == word)
            {
                return true;
            }
            word = seen;
        }
    }

    public bool TrySwitch(PoolMode from, PoolMode to, bool onlyIfIdle)
    {
        var word = Volatile.Read(ref _word);
        while (true)
        {
            if ((PoolMode)(word >> 32) != from || (onlyIfIdle && (word & PendingMask) != 0))
            {
                return false;
            }
            var next = ((long)to << 32) | (word & PendingMask);
            var seen = Interlocked.CompareExchange(ref _word, next, word);
            if (seen == word)
            {
                Recount();
                return true;
            }
            word = seen;
        }
    }

    public abstract void Enqueue(IWorkItem item);

    public void JobEnded(JobOutcome outcome, TimeSpan ran)
    {
        var mine = s_slot;
        if (mine is not null && ReferenceEquals(s_runtime, this))
        {
            mine.Record(outcome, ran, shared: false);
        }
        else
        {
            _sharedSlot.Record(outcome, ran, shared: true);
        }
        // One branch when nobody listens to the job-duration histogram.
        _meter?.JobEnded(outcome, ran);
        Unadmit();
    }

    public void Unadmit()
    {
        var word = Interlocked.Decrement(ref _word);
        if ((word & PendingMask) != 0)
        {
            return;
        }
        if ((PoolMode)(word >> 32) == PoolMode.Closed)
        {
            WakeAll();
        }
        // Read first: the exchange would write a line other cores read on every pool that runs dry.
        if (Volatile.Read(ref _idleNotices) is not null)
        {
            CallIdleNotices();
        }
    }

    public virtual void JobOverdue(bool overdue) => Interlocked.Add(ref _stuckWorkers, overdue ? 1 : -1);

    /// <remarks>
    /// Every notice given is called, whoever gave it: a lease drain and a waiting lease request
    /// may both wait for the same pool.
    /// </remarks>
    public void NotifyWhenIdle(Action notice)
    {
        var notices = Volatile.Read(ref _idleNotices);
        while (true)
        {
            Action[] next = notices is null ? [notice] : [.. notices, notice];
            var seen = Interlocked.CompareExchange(ref _idleNotices, next, notices);
            if (ReferenceEquals(seen, notices))
            {
                break;
            }
            notices = seen;
        }
        if (Pending == 0)
        {
            CallIdleNotices();
        }
    }

    public abstract int DropQueued(Exception reason);

    public bool TryClose(PoolMode mode)
    {
        if (!TrySwitch(mode, PoolMode.Closed, onlyIfIdle: false))
        {
            return false;
        }
        WakeAll();
        return true;
    }

    public void Close()
    {
        var word = Volatile.Read(ref _word);
        while (true)
        {
            var next = ((long)PoolMode.Closed << 32) | (word & PendingMask);
            var seen = Interlocked.CompareExchange(ref _word, next, word);
            if (seen == word)
            {
                Recount();
                break;
            }
            word = seen;
        }
        WakeAll();
    }

    public void Shutdown(Exception reason)
    {
        Close();
        DropQueued(reason);
        _shutdown.Cancel();
    }

    public void Resize(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var before = Interlocked.Exchange(ref _workers, workers);
        Recount();
        Resized(before, workers);
    }

    public abstract void KillWorkers();

    /// <summary>The worker count changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    protected abstract void Resized(int before, int after);

    /// <summary>The pool closed, or drained once closed: workers waiting for work must look again.</summary>
    protected abstract void WakeAll();

    /// <summary>A worker starts: its slot, and this thread marked as one of the pool's workers when <paramref name="onThisThread"/>.</summary>
    /// <param name="onThisThread">Whether the worker runs on the calling thread.</param>
    /// <param name="count">False when the runtime counts its workers itself (<see cref="WorkerReplaced"/>):
    /// a process pool's worker place counts each child it starts, and may start none.</param>
    protected TallySlot WorkerStarted(bool onThisThread, bool count = true)
    {
        var slot = new TallySlot();
        lock (_slotsLock)
        {
            _slots = [.. _slots, slot];
        }
        if (count)
        {
            Interlocked.Increment(ref _workersStarted);
        }
        if (onThisThread)
        {
            s_slot = slot;
            s_runtime = this;
        }
        return slot;
    }

    /// <summary>One more worker started in a slot that has its counters already (a child process after a crash or a retirement).</summary>
    protected void WorkerReplaced() => Interlocked.Increment(ref _workersStarted);

    /// <summary>A worker ended: its counts are kept, its slot goes.</summary>
    protected void WorkerEnded(TallySlot slot, bool onThisThread)
    {
        lock (_slotsLock)
        {
            _retired = _retired.Plus(slot.Read());
            _retiredStarted += Volatile.Read(ref slot.Started);
            _retiredAllocated += Volatile.Read(ref slot.Allocated);
            _slots = [.. _slots.Where(s => !ReferenceEquals(s, slot))];
        }
        if (onThisThread)
        {
            s_slot = null;
            s_runtime = null;
        }
    }

    /// <summary>Every worker has ended.</summary>
    protected void AllWorkersEnded() => _terminated.TrySetResult();

    private void CallIdleNotices()
    {
        if (Interlocked.Exchange(ref _idleNotices, null) is not { } notices)
        {
            return;
        }
        foreach (var notice in notices)
        {
            notice();
        }
    }

    /// <summary>
    /// Keeps the supervisor's count of shared workers in step with this pool's mode and size. Each
    /// call sets the pool's share from what it reads now, so a mode switch and a resize on two
    /// threads cannot leave it wrong, whichever counts last.
    /// </summary>
    private void Recount()
    {
        if (_shared is null)
        {
            return;
        }
        lock (_slotsLock)
        {
            var share = Mode == PoolMode.Shared ? Workers : 0;
            _shared.Add(share - _countedShared);
            _countedShared = share;
        }
    }
}
