using Akka.Event;
using System.Collections.Concurrent;

namespace ActorPool.Internal.Workers.Threads;

/// <summary>
/// The thread backend: dedicated worker threads (never the .NET ThreadPool, never an Akka
/// dispatcher, so a blocking job starves neither) taking work from one queue. Admission and mode
/// are the base's (<see cref="PoolRuntime"/>); the threads end once the pool is closed and nothing
/// is pending, and <see cref="PoolRuntime.Terminated"/> completes then.
/// </summary>
/// <remarks>
/// A worker leaves early when the pool shrinks (<see cref="PoolRuntime.Resize"/>), when its
/// generation is replaced (<see cref="KillWorkers"/>), or when its own lifecycle says so (see
/// <see cref="WorkerLife"/>: jobs per worker, lifetime, idle timeout, one job in ephemeral mode);
/// a replacement starts at once if the pool still wants the worker.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never creates a wait handle; it lives until the threads end, when nothing references it.")]
internal sealed class ThreadRuntime : PoolRuntime
{
    // Every worker thread started in this process and not yet seen dead, so tests and diagnostics
    // can prove that a stopped pool left no thread behind (.NET cannot list managed threads by name).
    private static readonly ConcurrentDictionary<Thread, byte> s_threads = new();

    private readonly ConcurrentQueue<IWorkItem> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly string _threadNamePrefix;
    private readonly WorkerLife _life;
    private readonly IWorkerInitializer? _initializer;
    private readonly ILoggingAdapter? _log;
    private readonly int _stuckAllowance;
    private int _replacements;
    private int _sleepers;
    private int _live;
    private int _leaving;
    private int _generation;
    private int _idledOut;

    /// <summary>A pool of reused threads that live as long as the pool (tests and benchmarks).</summary>
    public ThreadRuntime(string name, string threadNamePrefix, int workers, PoolMode mode, SharedWorkers? shared = null, Dispatch.Requirement? capabilities = null)
        : this(new PoolStart(name, threadNamePrefix, workers, mode, shared, capabilities ?? Dispatch.Requirement.None, new WorkerSettings(), TimeProvider.System, null, null))
    {
    }

    public ThreadRuntime(PoolStart start)
        : base(start.Name, start.Workers, start.Mode, start.Shared, start.Capabilities)
    {
        var settings = start.Settings;
        _threadNamePrefix = start.Prefix;
        _life = new WorkerLife(settings.MaxJobsPerWorker, settings.MaxLifetime, settings.MaxLifetimeVariance, settings.IdleTimeout, start.Clock,
            ephemeral: settings.Mode == WorkerMode.Ephemeral);
        _initializer = settings.Initializer;
        _stuckAllowance = settings.StuckReplacements;
        _log = start.Log;
        Scheduler = new PoolTaskScheduler(this);
        foreach (var ended in s_threads.Keys.Where(t => !t.IsAlive))
        {
            s_threads.TryRemove(ended, out _);
        }
        if (_life.Ephemeral)
        {
            // One worker per job, started by the enqueue: none waits for work.
            _idledOut = start.Workers;
            return;
        }
        for (var k = 0; k < start.Workers; k++)
        {
            StartWorker();
        }
    }

    /// <summary>The names of the worker threads of every pool in this process that are still alive.</summary>
    public static IReadOnlyList<string> LiveThreadNames =>
        [.. s_threads.Keys.Where(t => t.IsAlive).Select(t => t.Name ?? "")];

    public override TaskScheduler Scheduler { get; }

    public override int Queued => _queue.Count;

    public override int LiveWorkers => Volatile.Read(ref _live);

    /// <summary>Runs an admitted job, or a scheduler task, on a worker.</summary>
    /// <remarks>
    /// Wakes a worker only if one has said it is parking: while the workers are busy, an enqueue
    /// writes nothing but the queue. A worker announces itself (<c>_sleepers</c>) before it parks
    /// and looks at the queue once more after; the enqueue puts its item in first and reads
    /// <c>_sleepers</c> after. Both are full fences, so either the worker sees the item or the
    /// enqueue sees the worker: no wake-up is lost.
    /// </remarks>
    public override void Enqueue(IWorkItem item)
    {
        _queue.Enqueue(item);
        if (Volatile.Read(ref _idledOut) > 0)
        {
            Restart();
        }
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
        if (Volatile.Read(ref _live) == 0 && Volatile.Read(ref _idledOut) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static i => i.Execute(), item, preferLocal: false);
            return;
        }
        Enqueue(item);
    }

    public override int DropQueued(Exception reason)
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

    /// <summary>
    /// Starts a fresh generation of workers; the old ones leave after their current job (a .NET
    /// thread cannot be killed). Queued jobs run on the fresh workers.
    /// </summary>
    public override void KillWorkers()
    {
        Interlocked.Increment(ref _generation);
        for (var k = 0; k < Workers; k++)
        {
            StartWorker();
        }
        WakeAll();
    }

    /// <summary>
    /// A job ran past its timeout and holds its thread (or, stuck, has ended at last). Within
    /// <c>workers.stuck-replacements</c> a replacement thread starts at once, so the pool keeps its
    /// capacity; once the stuck job returns, one worker leaves again.
    /// </summary>
    public override void JobOverdue(bool overdue)
    {
        base.JobOverdue(overdue);
        if (overdue)
        {
            if (Interlocked.Increment(ref _replacements) <= _stuckAllowance && Mode != PoolMode.Closed)
            {
                StartWorker();
                return;
            }
            Interlocked.Decrement(ref _replacements);
            _log?.Warning("{0}: a job outlived its timeout and holds its worker; {1} such workers already have replacements (workers.stuck-replacements), so the pool runs with one worker less until it returns", Name, _stuckAllowance);
            return;
        }
        var replaced = Volatile.Read(ref _replacements);
        while (replaced > 0)
        {
            var seen = Interlocked.CompareExchange(ref _replacements, replaced - 1, replaced);
            if (seen == replaced)
            {
                Interlocked.Increment(ref _leaving);
                WakeAll();
                return;
            }
            replaced = seen;
        }
    }

    protected override void Resized(int before, int after)
    {
        if (after > before)
        {
            for (var k = before; k < after; k++)
            {
                StartWorker();
            }
            return;
        }
        Interlocked.Add(ref _leaving, before - after);
        WakeAll();
    }

    protected override void WakeAll()
    {
        var live = Volatile.Read(ref _live);
        if (live == 0 && Drained)
        {
            // Every worker left idle before the pool closed: nobody else will say it ended.
            AllWorkersEnded();
            return;
        }
        _signal.Release(Math.Max(1, live));
    }

    private void StartWorker()
    {
        Interlocked.Increment(ref _live);
        var generation = Volatile.Read(ref _generation);
        // Background threads: a pool left running must not keep the process alive.
        var thread = new Thread(() => Work(generation)) { IsBackground = true, Name = $"{_threadNamePrefix}-worker-{WorkersStarted + 1}" };
        thread.Start();
        // Registered once started: a thread not yet started is not alive, and would be pruned.
        s_threads[thread] = 0;
    }

    private void Work(int generation)
    {
        var slot = WorkerStarted(onThisThread: true);
        var clock = _life.Start();
        var broken = Initialize();
        try
        {
            while (true)
            {
                if (_queue.TryDequeue(out var item))
                {
                    // Counted before it runs: whoever sees a job's result sees it counted.
                    var isJob = item is IJobItem;
                    if (isJob)
                    {
                        Volatile.Write(ref slot.Started, slot.Started + 1);
                    }
                    if (broken is not null && item is IJobItem job)
                    {
                        job.Crash(broken);
                        Leave(Wake.Expired);
                        return;
                    }
                    Volatile.Write(ref slot.Running, 1);
                    item.Execute();
                    Volatile.Write(ref slot.Running, 0);
                    if (isJob && _life.AfterJob(ref clock))
                    {
                        Leave(_life.Ephemeral ? Wake.Idle : Wake.Expired);
                        return;
                    }
                    continue;
                }
                if (Finished || ShouldLeave(generation))
                {
                    return;
                }
                var wake = _life.Ephemeral ? Wake.Idle : Park(clock);
                if (wake != Wake.Work)
                {
                    Leave(wake);
                    return;
                }
            }
        }
        finally
        {
            WorkerEnded(slot, onThisThread: true);
            if (Interlocked.Decrement(ref _live) == 0 && Drained)
            {
                AllWorkersEnded();
            }
        }
    }

    private bool Finished => Drained && _queue.IsEmpty;

    /// <summary>Runs the initializer on this new worker; the error its jobs get if it threw.</summary>
    private WorkerInitializationException? Initialize()
    {
        if (_initializer is null)
        {
            return null;
        }
        try
        {
            _initializer.Initialize(new WorkerStart(Name, WorkersStarted));
            return null;
        }
        catch (Exception e)
        {
            _log?.Error(e, "{0}: the worker initializer {1} threw; the worker's next job fails with it and a fresh worker takes its place", Name, _initializer.GetType().Name);
            return new WorkerInitializationException($"The worker's initializer {_initializer.GetType().Name} threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>A worker whose generation was replaced, or one more than the pool now wants, leaves.</summary>
    private bool ShouldLeave(int generation)
    {
        if (generation != Volatile.Read(ref _generation))
        {
            return true;
        }
        var leaving = Volatile.Read(ref _leaving);
        while (leaving > 0)
        {
            var seen = Interlocked.CompareExchange(ref _leaving, leaving - 1, leaving);
            if (seen == leaving)
            {
                return true;
            }
            leaving = seen;
        }
        return false;
    }

    /// <summary>
    /// This worker's life is over. Past its lifetime or its jobs, a fresh one takes its place at once
    /// (unless the pool is closing). Idle, it leaves its place empty for the next enqueue to fill;
    /// the queue is looked at after the place is given up (an enqueue looks at the places after it
    /// queues), so a job that arrived meanwhile is never left without a worker.
    /// </summary>
    private void Leave(Wake how)
    {
        if (how == Wake.Expired)
        {
            if (Mode != PoolMode.Closed)
            {
                StartWorker();
            }
            return;
        }
        Interlocked.Increment(ref _idledOut);
        if (!_queue.IsEmpty)
        {
            Restart();
        }
    }

    /// <summary>Workers that left idle come back for new work, one per enqueue, up to those that left.</summary>
    private void Restart()
    {
        var idled = Volatile.Read(ref _idledOut);
        while (idled > 0)
        {
            var seen = Interlocked.CompareExchange(ref _idledOut, idled - 1, idled);
            if (seen == idled)
            {
                StartWorker();
                return;
            }
            idled = seen;
        }
    }

    // Announces the worker, looks once more, then waits for a wake-up (see Enqueue). A worker that
    // finds work after announcing withdraws its announcement; if an enqueue has already taken it,
    // the wake-up it sends is consumed here, so no permit is left over to spin a worker later.
    private Wake Park(WorkerLife.Clock clock)
    {
        Interlocked.Increment(ref _sleepers);
        if (!_queue.IsEmpty || Finished)
        {
            ConsumeUnlessWithdrawn();
            return Wake.Work;
        }
        if (_life.Wait(clock) is not { } wait)
        {
            _signal.Wait();
            return Wake.Work;
        }
        if (_signal.Wait(wait))
        {
            return Wake.Work;
        }
        ConsumeUnlessWithdrawn();
        if (_life.Expired(clock))
        {
            return Wake.Expired;
        }
        return _life.IdleTimeout is not null && wait >= _life.IdleTimeout ? Wake.Idle : Wake.Work;
    }

    private void ConsumeUnlessWithdrawn()
    {
        if (!Withdraw())
        {
            _signal.Wait();
        }
    }

    /// <summary>Takes back this worker's announcement; false if an enqueue already took it (and sent a wake-up).</summary>
    private bool Withdraw()
    {
        var sleepers = Volatile.Read(ref _sleepers);
        while (sleepers > 0)
        {
            var seen = Interlocked.CompareExchange(ref _sleepers, sleepers - 1, sleepers);
            if (seen == sleepers)
            {
                return true;
            }
            sleepers = seen;
        }
        return false;
    }

    private enum Wake
    {
        /// <summary>Look at the queue again.</summary>
        Work,

        /// <summary>Idle past idle-timeout: leave, and let the next job start a worker again.</summary>
        Idle,

        /// <summary>Past max-lifetime: leave, replaced at once.</summary>
        Expired,
    }
}
