using System.Collections.Concurrent;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// The shared job path of one supervisor, run on the caller's thread: admission against
/// <c>max-queued-jobs</c>, least-busy pick from the published <see cref="PoolTable"/>, enqueue on
/// that pool. No actor message per job: counters are interlocked and live, so admission is never
/// stale.
/// </summary>
/// <remarks>
/// Admission counts jobs in flight (admitted, not ended) against the shared pools' workers plus
/// <c>max-queued-jobs</c>: with every worker busy, exactly <c>max-queued-jobs</c> more are
/// accepted. Jobs on a pool that started draining still count until they end, which errs on the
/// side of refusing. When no pool takes shared jobs (all leased, or none yet), admitted jobs wait
/// in an overflow queue that the supervisor hands out when it publishes a table with pools.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "Lives as long as its supervisor; a token source without linked tokens or wait handles holds no unmanaged resource.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "As above.")]
internal sealed class DataPlane : IJobOwner
{
    private readonly ConcurrentQueue<IJobItem> _overflow = new();
    private readonly CancellationTokenSource _stopped = new();
    private readonly int _maxQueued;
    private readonly IActorRef _supervisor;
    private PoolTable _table = PoolTable.Empty;
    private Exception? _stopReason;
    private int _inFlight;

    public DataPlane(int maxQueued, IActorRef supervisor)
    {
        _maxQueued = maxQueued;
        _supervisor = supervisor;
    }

    /// <summary>Shared jobs admitted and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public int Overflowing => _overflow.Count;

    public PoolTable Table => Volatile.Read(ref _table);

    public CancellationToken Token => _stopped.Token;

    public Task<T> Submit<T>(Func<T> job)
    {
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            return Task.FromException<T>(stopped);
        }
        if (!TryAdmit(out var rejected))
        {
            return Task.FromException<T>(rejected);
        }
        var item = new SyncJob<T>(job, this);
        Route(item);
        return item.Task;
    }

    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job)
    {
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            return Task.FromException<T>(stopped);
        }
        if (!TryAdmit(out var rejected))
        {
            return Task.FromException<T>(rejected);
        }
        var item = new AsyncJob<T>(job, this);
        Route(item);
        return item.Task;
    }

    /// <summary>A <see cref="ActorPool.Submit"/> message, entered from inside the supervisor.</summary>
    public void Submit(Submit submit, IActorRef replyTo)
    {
        if (!TryAdmit(out var rejected))
        {
            replyTo.Tell(new Status.Failure(rejected));
            return;
        }
        Route(new ReplyJob(submit, replyTo, this));
    }

    /// <summary>Called by the supervisor only: the shared pools changed.</summary>
    public void Publish(PoolTable table)
    {
        Volatile.Write(ref _table, table);
        DrainOverflow();
    }

    /// <summary>Hands jobs that waited for a pool to the shared pools, if there are any now.</summary>
    public void DrainOverflow()
    {
        while (!_overflow.IsEmpty && Table.Pools.Length > 0)
        {
            var pool = Pick();
            if (pool is null)
            {
                return;
            }
            if (!_overflow.TryDequeue(out var item))
            {
                pool.JobEnded();
                return;
            }
            item.Pool = pool;
            pool.Enqueue(item);
        }
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

    private void DropOverflow(Exception reason)
    {
        while (_overflow.TryDequeue(out var item))
        {
            item.Drop(reason);
        }
    }

    Exception IJobOwner.Translate(Exception error) => error;

    void IJobOwner.JobEnded() => Interlocked.Decrement(ref _inFlight);

    private bool TryAdmit(out JobRejectedException rejected)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        var capacity = Table.Capacity;
        if (inFlight <= capacity + _maxQueued)
        {
            rejected = null!;
            return true;
        }
        Interlocked.Decrement(ref _inFlight);
        rejected = new JobRejectedException(
            $"Job rejected: {inFlight - 1 - capacity} jobs already wait for a worker " +
            $"(actor-pool.max-queued-jobs = {_maxQueued}, {capacity} shared workers busy).");
        return false;
    }

    /// <summary>Admits one job on the least busy shared pool; a pool that left the table meanwhile refuses, and the next is tried.</summary>
    private WorkerPool? Pick()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var pool = Table.LeastBusy();
            if (pool is null)
            {
                return null;
            }
            if (pool.TryAdmit(PoolMode.Shared))
            {
                return pool;
            }
            Thread.Yield();
        }
        return null;
    }

    private void Route(IJobItem item)
    {
        var pool = Pick();
        if (pool is not null)
        {
            item.Pool = pool;
            pool.Enqueue(item);
            return;
        }
        _overflow.Enqueue(item);
        if (Volatile.Read(ref _stopReason) is { } stopped)
        {
            DropOverflow(stopped);
            return;
        }
        // A table with pools may have been published between the pick and the enqueue.
        if (Table.Pools.Length > 0)
        {
            _supervisor.Tell(Supervision.DrainOverflow.Instance);
        }
    }
}
