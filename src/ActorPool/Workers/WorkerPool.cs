using System.Collections.Concurrent;

namespace ActorPool.Internal.Workers;

/// <summary>
/// One pool's runtime: <c>workers</c> dedicated threads (never the .NET ThreadPool, never an Akka
/// dispatcher, so a blocking job starves neither) taking work from one queue.
/// </summary>
/// <remarks>
/// Admission and mode share one 64-bit word: the high half is the <see cref="PoolMode"/>, the low
/// half the pending jobs (admitted and not yet ended). A caller admits a job with one CAS that
/// succeeds only in the mode it expects; the supervisor leases a pool with one CAS that succeeds
/// only when nothing is pending. So a job admitted for shared use can never land on a pool that
/// was just leased, and no lock is taken on the job path. The threads end once the pool is closed
/// and nothing is pending; <see cref="Terminated"/> completes then.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never creates a wait handle and the token source has no linked tokens; both live until the threads end, when nothing references them.")]
internal sealed class WorkerPool
{
    private const long PendingMask = 0xFFFF_FFFFL;

    /// <summary>A busy worker publishes its allocation total after this many work items (an idle one before it parks).</summary>
    internal const int AllocationsPublishedEvery = 32;

    // Thread-static: which pool the current worker thread belongs to.
    [ThreadStatic]
    private static WorkerPool? s_current;

    // Every worker thread started in this process and not yet seen dead, so tests and diagnostics
    // can prove that a stopped pool left no thread behind (.NET cannot list managed threads by name).
    private static readonly ConcurrentDictionary<Thread, byte> s_threads = new();

    private readonly ConcurrentQueue<IWorkItem> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly RunningSlot[] _runningSlots;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly int _workers;
    private readonly SharedWorkers? _shared;
    private long _word;
    private int _sleepers;
    private int _live;
    private Action? _idleNotice;

    public WorkerPool(string name, string threadNamePrefix, int workers, PoolMode mode, SharedWorkers? shared = null, Dispatch.Requirement? capabilities = null)
    {
        Name = name;
        Capabilities = capabilities ?? Dispatch.Requirement.None;
        _workers = workers;
        _shared = shared;
        _word = (long)mode << 32;
        if (mode == PoolMode.Shared)
        {
            shared?.Add(workers);
        }
        Scheduler = new PoolTaskScheduler(this);
        _runningSlots = new RunningSlot[workers];
        _live = workers;
        foreach (var ended in s_threads.Keys.Where(t => !t.IsAlive))
        {
            s_threads.TryRemove(ended, out _);
        }
        for (var k = 1; k <= workers; k++)
        {
            var slot = k - 1;
            // Background threads: a pool left running must not keep the process alive.
            var thread = new Thread(() => Work(slot)) { IsBackground = true, Name = $"{threadNamePrefix}-worker-{k}" };
            thread.Start();
            // Registered once started: a thread not yet started is not alive, and would be pruned.
            s_threads[thread] = 0;
        }
    }

    public string Name { get; }

    /// <summary>What the pool was started with (e.g. <c>[gpu]</c>): jobs requiring a subset may run here.</summary>
    public Dispatch.Requirement Capabilities { get; }

    /// <summary>The names of the worker threads of every pool in this process that are still alive.</summary>
    public static IReadOnlyList<string> LiveThreadNames =>
        [.. s_threads.Keys.Where(t => t.IsAlive).Select(t => t.Name ?? "")];

    public int Workers => _workers;

    public PoolTaskScheduler Scheduler { get; }

    /// <summary>Cancelled when the pool is shut down with <see cref="Shutdown"/>.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    public PoolMode Mode => (PoolMode)(Volatile.Read(ref _word) >> 32);

    /// <summary>Jobs admitted and not yet ended: queued, running, or awaiting inside an async job.</summary>
    public int Pending => (int)(Volatile.Read(ref _word) & PendingMask);

    /// <summary>Pending jobs if the pool takes shared jobs now, else -1: mode and count from one read.</summary>
    public int SharedPending
    {
        get
        {
            var word = Volatile.Read(ref _word);
            return (PoolMode)(word >> 32) == PoolMode.Shared ? (int)(word & PendingMask) : -1;
        }
    }

    /// <summary>Work items running on a worker thread now (each worker keeps its own count; read, never written, here).</summary>
    public int Running
    {
        get
        {
            var running = 0;
            for (var i = 0; i < _runningSlots.Length; i++)
            {
                running += Volatile.Read(ref _runningSlots[i].Running);
            }
            return running;
        }
    }

    public int Queued => _queue.Count;

    /// <summary>Jobs this pool's workers have taken up (not scheduler tasks), each worker counting its own.</summary>
    public long JobsStarted
    {
        get
        {
            long started = 0;
            for (var i = 0; i < _runningSlots.Length; i++)
            {
                started += Volatile.Read(ref _runningSlots[i].Started);
            }
            return started;
        }
    }

    /// <summary>
    /// Bytes this pool's worker threads have allocated (jobs and their async continuations), as
    /// each one last published it: every <see cref="AllocationsPublishedEvery"/> work items and
    /// before it parks. Each worker writes its own, read here.
    /// </summary>
    public long AllocatedBytes
    {
        get
        {
            long allocated = 0;
            for (var i = 0; i < _runningSlots.Length; i++)
            {
                allocated += Volatile.Read(ref _runningSlots[i].Allocated);
            }
            return allocated;
        }
    }

    public int LiveWorkers => Volatile.Read(ref _live);

    /// <summary>Closed, and a job outlived <c>lease.revoke-timeout</c> after its cancellation.</summary>
    public bool Stuck { get; set; }

    /// <summary>Completes when every worker thread has ended.</summary>
    public Task Terminated => _terminated.Task;

    /// <summary>Whether the calling thread is one of this pool's workers.</summary>
    public bool IsWorkerThread => ReferenceEquals(s_current, this);

    /// <summary>Counts one more pending job, if the pool is in <paramref name="mode"/>.</summary>
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

    /// <summary>Switches from <paramref name="from"/> to <paramref name="to"/>; with
    /// <paramref name="onlyIfIdle"/>, only while nothing is pending.</summary>
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
                Counted(from, to);
                return true;
            }
            word = seen;
        }
    }

    /// <summary>Keeps the supervisor's count of shared workers in step with a mode switch.</summary>
    private void Counted(PoolMode from, PoolMode to)
    {
        if (from == to || _shared is null)
        {
            return;
        }
        if (from == PoolMode.Shared)
        {
            _shared.Add(-_workers);
        }
        else if (to == PoolMode.Shared)
        {
            _shared.Add(_workers);
        }
    }

    /// <summary>Runs an admitted job (see <see cref="TryAdmit"/>) on a worker.</summary>
    /// <remarks>
    /// Wakes a worker only if one has said it is parking: while the workers are busy, an enqueue
    /// writes nothing but the queue. A worker announces itself (<c>_sleepers</c>) before it parks
    /// and looks at the queue once more after; the enqueue puts its item in first and reads
    /// <c>_sleepers</c> after. Both are full fences, so either the worker sees the item or the
    /// enqueue sees the worker: no wake-up is lost.
    /// </remarks>
    public void Enqueue(IWorkItem item)
    {
        _queue.Enqueue(item);
        var sleepers = Volatile.Read(ref _sleepers);
        while (sleepers > 0)
        {
            var seen = Interlocked.CompareExchange(ref _sleepers, sleepers - 1, sleepers);
            if (seen == sleepers)
            {
                _signal.Release();
                return;
            }
            sleepers = seen;
        }
    }

    /// <summary>Runs a scheduler task; if the threads have already ended, the .NET ThreadPool runs it.</summary>
    internal void EnqueueTask(IWorkItem item)
    {
        if (Volatile.Read(ref _live) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static i => i.Execute(), item, preferLocal: false);
            return;
        }
        Enqueue(item);
    }

    /// <summary>One admitted job ended.</summary>
    public void JobEnded()
    {
        var word = Interlocked.Decrement(ref _word);
        if ((word & PendingMask) != 0)
        {
            return;
        }
        if ((PoolMode)(word >> 32) == PoolMode.Closed)
        {
            _signal.Release(_workers);
        }
        // Read first: the exchange would write a line other cores read on every pool that runs dry.
        if (Volatile.Read(ref _idleNotice) is not null)
        {
            Interlocked.Exchange(ref _idleNotice, null)?.Invoke();
        }
    }

    /// <summary>
    /// Calls <paramref name="notice"/> once, as soon as nothing is pending (at once if nothing is).
    /// Used while a lease drains and while lease requests wait for a pool, never per job.
    /// </summary>
    public void NotifyWhenIdle(Action notice)
    {
        Volatile.Write(ref _idleNotice, notice);
        if (Pending == 0)
        {
            Interlocked.Exchange(ref _idleNotice, null)?.Invoke();
        }
    }

    /// <summary>Drops the queued jobs (not the running ones) with <paramref name="reason"/>.</summary>
    public int DropQueued(Exception reason)
    {
        var keep = new List<IWorkItem>();
        var dropped = 0;
        while (_queue.TryDequeue(out var item))
        {
            if (item.IsDroppable)
            {
                item.Drop(reason);
                dropped++;
            }
            else
            {
                keep.Add(item);
            }
        }
        foreach (var item in keep)
        {
            Enqueue(item);
        }
        return dropped;
    }

    /// <summary>Closes the pool only if it is still in <paramref name="mode"/>: a pool leased on
    /// another thread meanwhile is left alone.</summary>
    public bool TryClose(PoolMode mode)
    {
        if (!TrySwitch(mode, PoolMode.Closed, onlyIfIdle: false))
        {
            return false;
        }
        _signal.Release(_workers);
        return true;
    }

    /// <summary>Takes nothing new; the threads end once what is pending has ended.</summary>
    public void Close()
    {
        var word = Volatile.Read(ref _word);
        while (true)
        {
            var next = ((long)PoolMode.Closed << 32) | (word & PendingMask);
            var seen = Interlocked.CompareExchange(ref _word, next, word);
            if (seen == word)
            {
                Counted((PoolMode)(word >> 32), PoolMode.Closed);
                break;
            }
            word = seen;
        }
        _signal.Release(_workers);
    }

    /// <summary>Closes the pool, drops its queued jobs and cancels the token running jobs observe.</summary>
    public void Shutdown(Exception reason)
    {
        Close();
        DropQueued(reason);
        _shutdown.Cancel();
    }

    // The thread's allocation total, so sizing can tell heap pressure our jobs make from pressure
    // another part of the process makes: an absolute value from the runtime's per-thread context
    // (about 3 ns a read, measured), on this worker's own line.
    private static void PublishAllocated(ref RunningSlot mine) =>
        Volatile.Write(ref mine.Allocated, GC.GetAllocatedBytesForCurrentThread());

    private void Work(int slot)
    {
        s_current = this;
        // Items run since the allocation total was last published: it is published every
        // AllocationsPublishedEvery items and before parking, not per item (a no-op job costs ~100 ns).
        var unpublished = 0;
        try
        {
            while (true)
            {
                if (_queue.TryDequeue(out var item))
                {
                    // Only this worker writes its slot: no line shared between cores per job.
                    ref var mine = ref _runningSlots[slot];
                    // Counted before it runs: whoever sees a job's result sees it counted.
                    if (item is IJobItem)
                    {
                        Volatile.Write(ref mine.Started, mine.Started + 1);
                    }
                    Volatile.Write(ref mine.Running, 1);
                    item.Execute();
                    Volatile.Write(ref mine.Running, 0);
                    if (++unpublished == AllocationsPublishedEvery)
                    {
                        PublishAllocated(ref mine);
                        unpublished = 0;
                    }
                    continue;
                }
                if (Finished)
                {
                    return;
                }
                if (unpublished > 0)
                {
                    PublishAllocated(ref _runningSlots[slot]);
                    unpublished = 0;
                }
                Park();
            }
        }
        finally
        {
            s_current = null;
            if (Interlocked.Decrement(ref _live) == 0)
            {
                _terminated.TrySetResult();
            }
        }
    }

    private bool Finished
    {
        get
        {
            var word = Volatile.Read(ref _word);
            return (PoolMode)(word >> 32) == PoolMode.Closed && (word & PendingMask) == 0 && _queue.IsEmpty;
        }
    }

    // Announces the worker, looks once more, then waits for a wake-up (see Enqueue). A worker that
    // finds work after announcing withdraws its announcement; if an enqueue has already taken it,
    // the wake-up it sends is consumed here, so no permit is left over to spin a worker later.
    private void Park()
    {
        Interlocked.Increment(ref _sleepers);
        if (!_queue.IsEmpty || Finished)
        {
            var sleepers = Volatile.Read(ref _sleepers);
            while (sleepers > 0)
            {
                var seen = Interlocked.CompareExchange(ref _sleepers, sleepers - 1, sleepers);
                if (seen == sleepers)
                {
                    return;
                }
                sleepers = seen;
            }
        }
        _signal.Wait();
    }

    /// <summary>A worker's running flag, started-jobs count and allocated bytes, alone on their cache line.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct RunningSlot
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public int Running;

        [System.Runtime.InteropServices.FieldOffset(72)]
        public long Started;

        [System.Runtime.InteropServices.FieldOffset(80)]
        public long Allocated;
    }
}
