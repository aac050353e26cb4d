using System.Threading.Channels;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using ActorPool.Process;
using Akka.Event;

namespace ActorPool.Internal.Process.Pool;

/// <summary>
/// The process backend of one pool: <c>workers-per-pool</c> worker places, each a
/// <see cref="ProcessWorker"/> with one child running one job at a time (loky's model: a crash, a
/// kill or a retirement touches exactly one job), fed from one queue. Admission, mode, idle notices
/// and tallies are the base's (<see cref="PoolRuntime"/>).
/// </summary>
/// <remarks>
/// <para>Only portable jobs run here: any other job is dropped at once with
/// <see cref="NotPortableJobException"/>, and <see cref="Scheduler"/> refuses tasks with it.</para>
/// <para>A place counts as a live worker from its child's start until that child has exited, so
/// the pool's capacity is counted until its children are really gone; <see cref="PoolRuntime.Terminated"/>
/// completes once every place has stopped its child.</para>
/// <para>Recycling (the <c>workers</c> block): after <c>max-jobs-per-worker</c> jobs or past
/// <c>max-lifetime</c> a child is stopped after its job and a fresh one started; after
/// <c>idle-timeout</c> without work it is stopped and the next job starts one; in ephemeral mode
/// every job gets a fresh child. Each child gets <see cref="ProcessSettings.Env"/> and runs
/// <see cref="ProcessSettings.Initializer"/> once before its first job; <c>workers.initializer</c>
/// is refused with this backend by the settings' validator.</para>
/// </remarks>
internal sealed partial class ProcessRuntime : PoolRuntime
{
    // How long an idle place waits at most before it looks at its child's lifetime again.
    private static readonly TimeSpan s_lookAgain = TimeSpan.FromMinutes(1);

    private readonly Channel<IWorkItem> _queue = Channel.CreateUnbounded<IWorkItem>();
    private readonly PoolStart _start;
    private readonly ProcessSettings _settings;
    private readonly WorkerLife _life;
    private readonly ILoggingAdapter _log;
    private readonly Lock _placesGate = new();
    private List<ProcessSlot> _places = [];
    private int _loops;
    private int _live;
    private int _named;

    public ProcessRuntime(PoolStart start, ProcessSettings settings)
        : base(start.Name, start.Workers, start.Mode, start.Shared, start.Capabilities, start.Meter)
    {
        _start = start;
        _settings = settings.Validate();
        var workers = start.Settings;
        _life = new WorkerLife(workers.MaxJobsPerWorker, workers.MaxLifetime, workers.MaxLifetimeVariance, workers.IdleTimeout, start.Clock,
            ephemeral: workers.Mode == WorkerMode.Ephemeral);
        _log = start.Log ?? NoLogger.Instance;
        lock (_placesGate)
        {
            for (var k = 0; k < start.Workers; k++)
            {
                StartPlace();
            }
        }
    }

    public override TaskScheduler Scheduler => RefusingScheduler.Instance;

    public override int Queued => _queue.Reader.Count;

    /// <summary>Children alive, starting or stopping: each counts until it has exited.</summary>
    public override int LiveWorkers => Volatile.Read(ref _live);

    /// <summary>The pids of the pool's ready children (tests and diagnostics).</summary>
    public IReadOnlyList<int> ChildPids
    {
        get
        {
            lock (_placesGate)
            {
                return [.. _places.Select(p => p.Worker?.ChildPid).OfType<int>()];
            }
        }
    }

    public override void Enqueue(IWorkItem item)
    {
        if (item is not IPortableItem)
        {
            item.Drop(RefusingScheduler.NotPortable("A delegate job"));
            return;
        }
        if (!_queue.Writer.TryWrite(item))
        {
            // Only once closed and drained, when nothing can be admitted: a guard, not a path.
            item.Drop(new InvalidOperationException($"{Name} has ended"));
        }
    }

    public override int DropQueued(Exception reason)
    {
        var dropped = 0;
        while (_queue.Reader.TryRead(out var item))
        {
            item.Drop(reason);
            dropped++;
        }
        return dropped;
    }

    /// <summary>
    /// loky's <c>kill_workers</c>: every child is killed now and fresh ones take their places.
    /// A running job fails with <see cref="WorkerCrashedException"/> and is not retried (the kill was
    /// asked for; it says nothing about the job); queued jobs run on the fresh children.
    /// </summary>
    public override void KillWorkers()
    {
        List<ProcessSlot> old;
        lock (_placesGate)
        {
            old = _places;
            _places = [];
            for (var k = 0; k < Workers; k++)
            {
                StartPlace();
            }
        }
        foreach (var place in old)
        {
            place.Kill();
        }
    }

    /// <summary>Grows by starting places; shrinks by asking the newest places to leave after their current job.</summary>
    protected override void Resized(int before, int after)
    {
        lock (_placesGate)
        {
            while (_places.Count < after)
            {
                StartPlace();
            }
            while (_places.Count > after)
            {
                var leaving = _places[^1];
                _places.RemoveAt(_places.Count - 1);
                leaving.StopReason = "resized";
                leaving.Leave();
            }
        }
    }

    protected override void WakeAll()
    {
        if (!Drained)
        {
            return;
        }
        // Closed with nothing pending: nothing can be admitted again, so the queue ends, and each
        // place stops its child once it sees the end.
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _loops) == 0)
        {
            AllWorkersEnded();
        }
    }

    private void StartPlace()
    {
        var place = new ProcessSlot($"{_start.Prefix}-worker-{Interlocked.Increment(ref _named)}", _start.Settings.MaxJobCrashes, _log);
        _places.Add(place);
        Interlocked.Increment(ref _loops);
        _ = Task.Run(() => ServeAsync(place));
    }
}
