using System.Collections.Concurrent;
using Akka.Event;

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
internal sealed partial class ThreadRuntime : PoolRuntime
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
    private readonly string _supervisor;
    private readonly Action<PoolEvent>? _publish;
    private int _replacements;
    private int _named;
    // How long a parked worker waits before it looks, on its own, whether it must leave.
    private static readonly TimeSpan s_parkCheck = TimeSpan.FromSeconds(1);

    private int _sleepers;
    private int _live;
    private int _leaving;
    private int _generation;
    // Worker places left empty: by workers that idled out, or in ephemeral mode until a job fills them.
    private int _emptyPlaces;

    /// <summary>A pool of reused threads that live as long as the pool (tests and benchmarks).</summary>
    public ThreadRuntime(string name, string threadNamePrefix, int workers, PoolMode mode, SharedWorkers? shared = null, Dispatch.Requirement? capabilities = null)
        : this(new PoolStart(name, threadNamePrefix, workers, mode, shared, capabilities ?? Dispatch.Requirement.None, new WorkerSettings(), TimeProvider.System, null, null))
    {
    }

    public ThreadRuntime(PoolStart start)
        : base(start.Name, start.Workers, start.Mode, start.Shared, start.Capabilities, start.Meter)
    {
        var settings = start.Settings;
        _threadNamePrefix = start.Prefix;
        _life = new WorkerLife(settings.MaxJobsPerWorker, settings.MaxLifetime, settings.MaxLifetimeVariance, settings.IdleTimeout, start.Clock,
            ephemeral: settings.Mode == WorkerMode.Ephemeral);
        _initializer = settings.Initializer;
        _stuckAllowance = settings.StuckReplacements;
        _log = start.Log;
        _supervisor = start.Supervisor;
        _publish = start.Publish;
        Scheduler = new PoolTaskScheduler(this);
        foreach (var ended in s_threads.Keys.Where(t => !t.IsAlive))
        {
            s_threads.TryRemove(ended, out _);
        }
        if (_life.Ephemeral)
        {
            // One worker per job, started by the enqueue: none waits for work.
            _emptyPlaces = start.Workers;
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
        if (Volatile.Read(ref _emptyPlaces) > 0)
        {
            if (_life.Ephemeral)
            {
                DispatchEphemeral();
                return;
            }
            Restart();
        }
        if (Counts.TryTakeOne(ref _sleepers))
        {
            _signal.Release();
            return;
        }
    }

    /// <summary>Runs a scheduler task; if the threads have already ended, the .NET ThreadPool runs it.</summary>
    internal void EnqueueTask(IWorkItem item)
    {
        if (Volatile.Read(ref _live) == 0 && Volatile.Read(ref _emptyPlaces) == 0)
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
                _publish?.Invoke(new WorkerStuck(_supervisor, Name, StuckWorkers, Replaced: true));
                StartWorker();
                return;
            }
            Interlocked.Decrement(ref _replacements);
            _publish?.Invoke(new WorkerStuck(_supervisor, Name, StuckWorkers, Replaced: false));
            if (_log is not null)
            {
                Diagnostics.Log.StuckWorkerNotReplaced(_log, Name, _stuckAllowance);
            }
            return;
        }
        if (Counts.TryTakeOne(ref _replacements))
        {
            Interlocked.Increment(ref _leaving);
            WakeAll();
            return;
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

    private void StartWorker(IWorkItem? first = null)
    {
        Interlocked.Increment(ref _live);
        var generation = Volatile.Read(ref _generation);
        // Background threads: a pool left running must not keep the process alive.
        var thread = new Thread(() => Work(generation, first)) { IsBackground = true, Name = $"{_threadNamePrefix}-worker-{Interlocked.Increment(ref _named)}" };
        _publish?.Invoke(new WorkerStarted(_supervisor, Name, thread.Name));
        thread.Start();
        // Registered once started: a thread not yet started is not alive, and would be pruned.
        s_threads[thread] = 0;
    }
}
