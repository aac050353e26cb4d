using System.Collections.Concurrent;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// The shared job path of one supervisor, run on the caller's thread: admission against
/// <c>max-queued-jobs</c>, a pick from the published <see cref="PoolTable"/> (the least busy of a
/// few pools, two random choices among many), enqueue on that pool. No actor message per job: counters are interlocked and live, so admission is never
/// stale.
/// </summary>
/// <remarks>
/// Admission counts jobs in flight (admitted, not ended) against the shared pools' workers plus
/// <c>max-queued-jobs</c>: with every worker busy, exactly <c>max-queued-jobs</c> more are
/// accepted. The shared workers are counted by the pools themselves as they switch modes (see
/// <see cref="SharedWorkers"/>), so a lease taken on another thread is seen at once. Jobs on a pool
/// that started draining still count until they end, which errs on the side of refusing. When no
/// pool takes shared jobs (all leased, or none yet), admitted jobs wait in an overflow queue that
/// is handed out as soon as a table with a shared pool is published.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "Lives as long as its supervisor; a token source without linked tokens or wait handles holds no unmanaged resource.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "As above.")]
internal sealed class DataPlane(int maxQueued, SharedWorkers sharedWorkers, TimeProvider? clock = null, TimeSpan? jobTimeout = null) : IJobOwner
{
    private int _maxQueued = maxQueued;

    private readonly WaitingJobs _overflow = new();
    private readonly CancellationTokenSource _stopped = new();
    private PoolTable _table = PoolTable.Empty;
    private Exception? _stopReason;
    private int _inFlight;
    private long _rejected;

    /// <summary>Shared jobs admitted and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public int Overflowing => _overflow.Count;

    /// <summary>Jobs refused at admission so far (the queue limit, or a capability no pool will have).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);


    public PoolTable Table => Volatile.Read(ref _table);

    public SharedWorkers SharedWorkers => sharedWorkers;

    /// <summary>The clock job timeouts run on.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The timeout of a job submitted without one (<c>workers.job-timeout</c>); null for none.</summary>
    public TimeSpan? JobTimeout { get; set; } = jobTimeout;

    /// <summary>The most jobs that may wait while every shared worker is busy (<c>max-queued-jobs</c>).</summary>
    public int MaxQueued
    {
        get => Volatile.Read(ref _maxQueued);
        set => Volatile.Write(ref _maxQueued, value);
    }

    /// <summary>Cancelled when the supervisor stops: running async jobs observe it, and clients see the stop.</summary>
    public CancellationToken Token => _stopped.Token;

    /// <summary>Why the supervisor stopped, once it has.</summary>
    public Exception? StopReason => Volatile.Read(ref _stopReason);

    /// <summary>
    /// Whether jobs may require capabilities: only a sizing policy that starts capability pools
    /// serves them, so with any other a requiring job is refused at once instead of waiting for ever.
    /// </summary>
    public string? CapabilitiesRefusal { get; set; } = "capability pools are started by sizing.policy = capability";

    /// <summary>Called (from any thread) when jobs of a requirement start waiting for a pool: the supervisor decides again.</summary>
    public Action? Wanted { get; set; }

    public Task<T> Submit<T>(Func<T> job, CancellationToken cancellationToken = default) =>
        Submit(job, Requirement.None, cancellationToken);

    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, CancellationToken cancellationToken = default) =>
        SubmitAsync(job, Requirement.None, cancellationToken);

    public Task<T> Submit<T>(Func<T> job, Requirement requires, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (Refused<T>(requires, cancellationToken) is { } refused)
        {
            return refused;
        }
        var item = new SyncJob<T>(job, this, timeout ?? JobTimeout, cancellationToken);
        Route(item, requires);
        return item.Task;
    }

    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, Requirement requires, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (Refused<T>(requires, cancellationToken) is { } refused)
        {
            return refused;
        }
        var item = new AsyncJob<T>(job, this, timeout ?? JobTimeout, cancellationToken);
        Route(item, requires);
        return item.Task;
    }

    /// <summary>
    /// A job another package prepares (ActorPool.Process's portable jobs): the same refusal checks,
    /// admission and pool pick as <see cref="Submit{T}(Func{T}, Requirement, CancellationToken, TimeSpan?)"/>.
    /// <paramref name="prepare"/> builds the job once it is admitted, with this plane as its owner and
    /// its timeout (the caller's, else <c>workers.job-timeout</c>).
    /// </summary>
    public Task<T> SubmitPrepared<T>(Func<IJobOwner, TimeSpan?, CancellationToken, Job<T>> prepare, Requirement requires, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (Refused<T>(requires, cancellationToken) is { } refused)
        {
            return refused;
        }
        var item = prepare(this, timeout ?? JobTimeout, cancellationToken);
        Route(item, requires);
        return item.Task;
    }

    /// <summary>As <see cref="SubmitPrepared{T}"/>, for a job that answers an actor (a message's reply job).</summary>
    public void SubmitPrepared(Func<IJobOwner, TimeSpan?, IJobItem> prepare, TimeSpan? timeout, IActorRef replyTo)
    {
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            replyTo.Tell(new Status.Failure(stopped));
            return;
        }
        if (!TryAdmit(out var rejected))
        {
            replyTo.Tell(new Status.Failure(rejected));
            return;
        }
        Route(prepare(this, timeout ?? JobTimeout), Requirement.None);
    }

    /// <summary>A <see cref="ActorPool.Submit"/> message, entered from inside the supervisor.</summary>
    public void Submit(Submit submit, IActorRef replyTo)
    {
        var requires = Requirement.Of(submit.Requires);
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            replyTo.Tell(new Status.Failure(stopped));
            return;
        }
        if (Unserved(requires) is { } unserved)
        {
            replyTo.Tell(new Status.Failure(unserved));
            return;
        }
        if (!TryAdmit(out var rejected))
        {
            replyTo.Tell(new Status.Failure(rejected));
            return;
        }
        Route(new ReplyJob(submit, replyTo, this, submit.Timeout ?? JobTimeout), requires);
    }

    /// <summary>Jobs waiting for a pool, per requirement.</summary>
    public IReadOnlyDictionary<Requirement, int> WaitingByRequirement() => _overflow.CountByRequirement();

    /// <summary>Called by the supervisor only: its pools changed.</summary>
    public void Publish(PoolTable table)
    {
        Volatile.Write(ref _table, table);
        DrainOverflow();
    }

    /// <summary>
    /// A graceful stop: new jobs are refused with <paramref name="reason"/>; admitted ones run on,
    /// except those still waiting for a pool, which no pool will take now.
    /// </summary>
    public void Refuse(Exception reason)
    {
        Volatile.Write(ref _stopReason, reason);
        DrainOverflow();
        DropOverflow(reason);
    }

    /// <summary>The supervisor stopped: jobs still waiting for a pool fail, tokens are cancelled.</summary>
    public void Stop(Exception reason)
    {
        // The reason goes first: a submit that slips into the overflow after the drain below sees it
        // and drops its own job (see Route), so no job waits forever for a pool that never comes.
        Volatile.Write(ref _stopReason, reason);
        Volatile.Write(ref _table, PoolTable.Empty);
        DropOverflow(reason);
        _stopped.Cancel();
    }

    Exception IJobOwner.Translate(Exception error) => error;

    void IJobOwner.JobEnded()
    {
        Interlocked.Decrement(ref _inFlight);
    }

    private Task<T>? Refused<T>(Requirement requires, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            return Task.FromException<T>(stopped);
        }
        if (Unserved(requires) is { } unserved)
        {
            return Task.FromException<T>(unserved);
        }
        return TryAdmit(out var rejected) ? null : Task.FromException<T>(rejected);
    }

    private JobRejectedException? Unserved(Requirement requires)
    {
        if (requires.IsNone || CapabilitiesRefusal is not { } refusal)
        {
            return null;
        }
        Interlocked.Increment(ref _rejected);
        return new JobRejectedException($"Job rejected: it requires {requires.Label}, and no pool will have it: {refusal}.");
    }

    private bool TryAdmit(out JobRejectedException rejected)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        var capacity = sharedWorkers.Count;
        var maxQueued = MaxQueued;
        if (inFlight <= capacity + maxQueued)
        {
            rejected = null!;
            return true;
        }
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _rejected);
        var waiting = inFlight - 1 - capacity;
        rejected = new JobRejectedException(
            $"Job rejected: {Internal.Diagnostics.Readable.Count(waiting, "job")} already {(waiting == 1 ? "waits" : "wait")} for a worker " +
            $"(actor-pool.max-queued-jobs = {maxQueued}, {capacity} shared workers busy).");
        return false;
    }

    /// <summary>Hands jobs that waited for a pool to the shared pools that serve them, if there are any now. Any thread.</summary>
    public void DrainOverflow()
    {
        foreach (var (requires, queue) in _overflow.Queues())
        {
            while (!queue.IsEmpty)
            {
                var pool = Pick(requires);
                if (pool is null)
                {
                    break;
                }
                if (!queue.TryDequeue(out var item))
                {
                    pool.Unadmit();
                    break;
                }
                item.Pool = pool;
                pool.Enqueue(item);
            }
        }
    }

    private void DropOverflow(Exception reason)
    {
        foreach (var (_, queue) in _overflow.Queues())
        {
            while (queue.TryDequeue(out var item))
            {
                item.Drop(reason);
            }
        }
    }

    /// <summary>Admits one job on a shared pool that serves <paramref name="requires"/> (see <see cref="PoolTable.Pick"/>); a pool leased or closed meanwhile refuses, and the next is tried.</summary>
    private IPoolRuntime? Pick(Requirement requires)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var pool = Table.Serving(requires).Pick(freeWorkers: InFlight <= sharedWorkers.Count);
            if (pool is null)
            {
                return null;
            }
            if (pool.TryAdmit(PoolMode.Shared))
            {
                return pool;
            }
        }
        return null;
    }

    private void Route(IJobItem item, Requirement requires)
    {
        var pool = Pick(requires);
        if (pool is not null)
        {
            item.Pool = pool;
            pool.Enqueue(item);
            return;
        }
        if (_overflow.Enqueue(requires, item) && !requires.IsNone)
        {
            // The first job of its kind to wait: the supervisor may have to start a pool for it.
            Wanted?.Invoke();
        }
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            DropOverflow(stopped);
            return;
        }
        // A table with a shared pool may have been published between the pick and the enqueue:
        // hand the overflow out here, on the caller's thread, rather than asking the supervisor.
        DrainOverflow();
    }
}
