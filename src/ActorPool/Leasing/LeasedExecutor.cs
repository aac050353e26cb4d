using ActorPool.Internal.Supervision;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// The holder's side of a lease: jobs go straight onto the leased pool's queue (no actor in
/// between); the lease's actor keeps its deadlines; the supervisor books its end.
/// </summary>
/// <remarks>
/// The state moves once from Active to Releasing (release or holder death: submitted work
/// finishes, then the pool is returned) or to Revoked (hard expiry), and once from Releasing to
/// Returned, so every lease ends exactly once; a released lease is never revoked. A submit admits on the pool first and checks the
/// state second, while an ending lease sets the state first and counts the pool's pending jobs
/// second: whichever runs later sees the other, so no job slips onto a returned pool.
/// </remarks>
internal sealed class LeasedExecutor : ILeasedExecutor, IJobOwner
{
    private const int Active = 0;
    private const int Releasing = 1;
    private const int Revoked = 2;
    private const int Returned = 3;

    private readonly WorkerPool _pool;
    private readonly IActorRef _supervisor;
    private readonly CancellationTokenSource _revoked;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;
    private LeaseStep _endStep;

    public LeasedExecutor(string leaseId, WorkerPool pool, LeaseTerms terms, string holder, IActorRef supervisor)
    {
        LeaseId = leaseId;
        _pool = pool;
        Terms = terms;
        Holder = holder;
        _supervisor = supervisor;
        _revoked = CancellationTokenSource.CreateLinkedTokenSource(pool.ShutdownToken);
    }

    public string LeaseId { get; }

    public string PoolName => _pool.Name;

    public string Holder { get; }

    public LeaseTerms Terms { get; }

    /// <summary>The lease's actor, which keeps its deadlines; set right after the grant.</summary>
    public IActorRef LeaseActor { get; set; } = ActorRefs.Nobody;

    public TaskScheduler Scheduler => _pool.Scheduler;

    public bool IsActive => Volatile.Read(ref _state) == Active;

    /// <summary>Released or its holder stopped, and finishing submitted work.</summary>
    public bool IsReleasing => Volatile.Read(ref _state) == Releasing;

    public TimeSpan TimeLeft => Terms.UntilSoftExpiry;

    public CancellationToken Token => _revoked.Token;

    public Task<T> SubmitAsync<T>(Func<T> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Admit<T>(out var refused) ? Enqueue(new SyncJob<T>(job, this)) : refused!;
    }

    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Admit<T>(out var refused) ? Enqueue(new AsyncJob<T>(job, this)) : refused!;
    }

    public Task<LeaseRenewed> RenewAsync(TimeSpan extra)
    {
        if (extra <= TimeSpan.Zero)
        {
            return Task.FromException<LeaseRenewed>(
                new ArgumentOutOfRangeException(nameof(extra), extra, $"renew extra must be > 0, was: [{extra}]"));
        }
        if (EndedError() is { } ended)
        {
            return Task.FromException<LeaseRenewed>(ended);
        }
        var reply = new TaskCompletionSource<LeaseRenewed>(TaskCreationOptions.RunContinuationsAsynchronously);
        LeaseActor.Tell(new LeaseActor.Renew(extra, reply, ActorRefs.Nobody));
        // The lease's actor stops once the lease has ended, and a renewal that reaches it only
        // then is lost: answer it from the end of the lease instead.
        _ended.Task.ContinueWith(
            static (_, state) =>
            {
                var (lease, pending) = ((LeasedExecutor, TaskCompletionSource<LeaseRenewed>))state!;
                pending.TrySetException(lease.EndedError() ?? new LeaseReleasedException($"{lease.LeaseId} has ended"));
            },
            (this, reply),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return reply.Task;
    }

    public Task ReleaseAsync() => StartEnding(LeaseStep.Released);

    public ValueTask DisposeAsync() => new(ReleaseAsync());

    /// <summary>The holder actor stopped: queued work is cancelled, running work finishes.</summary>
    /// <remarks>
    /// Only an active lease ends here: once released, its submitted work is promised to finish,
    /// and once returned, the pool's queue may hold another user's jobs. The queue is emptied
    /// before the lease waits for the pool to go idle, so the pool is never reported returned
    /// (and handed to someone else) while this lease's queued jobs are still being dropped.
    /// </remarks>
    public void HolderStopped()
    {
        if (Interlocked.CompareExchange(ref _state, Releasing, Active) != Active)
        {
            return;
        }
        _endStep = LeaseStep.HolderStopped;
        _pool.DropQueued(new LeaseReleasedException($"{LeaseId} ended: its holder {Holder} stopped"));
        _pool.NotifyWhenIdle(Drained);
    }

    /// <summary>Hard expiry: new and queued work fails, running work sees its token cancelled.</summary>
    /// <remarks>
    /// Only an active lease is revoked: a released one finishes its work and is returned. Queued
    /// jobs are failed before running ones are cancelled (so a worker freed by the cancellation
    /// cannot start one of them), and both before the supervisor hears of it.
    /// </remarks>
    public bool Revoke()
    {
        if (Interlocked.CompareExchange(ref _state, Revoked, Active) != Active)
        {
            return false;
        }
        _pool.DropQueued(new LeaseExpiredException($"{LeaseId} was revoked at hard expiry before the job started"));
        try
        {
            _revoked.Cancel();
        }
        catch (AggregateException)
        {
            // A job's own cancellation callback threw; the revocation still stands.
        }
        _ended.TrySetResult();
        _supervisor.Tell(new LeaseWasRevoked(this));
        return true;
    }

    /// <summary>The supervisor stopped: the lease ends without returning its pool.</summary>
    public void Shutdown()
    {
        Interlocked.Exchange(ref _state, Returned);
        _ended.TrySetResult();
    }

    Exception IJobOwner.Translate(Exception error) =>
        error is OperationCanceledException && Volatile.Read(ref _state) == Revoked
            ? new LeaseExpiredException($"{LeaseId} was revoked at hard expiry while the job ran", error)
            : error;

    // The pool's pending count is the lease's: a leased pool runs only the lease's jobs.
    void IJobOwner.JobEnded()
    {
    }

    private bool Admit<T>(out Task<T>? refused)
    {
        if (EndedError() is { } ended || !_pool.TryAdmit(PoolMode.Leased))
        {
            refused = Task.FromException<T>(EndedError() ?? new LeaseExpiredException($"{LeaseId} has ended"));
            return false;
        }
        if (EndedError() is { } late)
        {
            _pool.JobEnded();
            refused = Task.FromException<T>(late);
            return false;
        }
        refused = null;
        return true;
    }

    private Task<T> Enqueue<T>(TaskCompletionSource<T> job)
    {
        var item = (IJobItem)job;
        item.Pool = _pool;
        _pool.Enqueue(item);
        return job.Task;
    }

    /// <summary>Why the lease takes no more work or renewals, or <see langword="null"/> while it is active.</summary>
    public Exception? EndedError() => Volatile.Read(ref _state) switch
    {
        Active => null,
        Revoked => new LeaseExpiredException($"{LeaseId} was revoked at hard expiry"),
        _ => new LeaseReleasedException($"{LeaseId} was released"),
    };

    private Task StartEnding(LeaseStep step)
    {
        if (Interlocked.CompareExchange(ref _state, Releasing, Active) == Active)
        {
            _endStep = step;
            _pool.NotifyWhenIdle(Drained);
        }
        return _ended.Task;
    }

    private void Drained()
    {
        if (Interlocked.CompareExchange(ref _state, Returned, Releasing) == Releasing)
        {
            // Told before the task completes, so a caller that awaited the release and then asks
            // the supervisor finds the pool already back.
            _supervisor.Tell(new LeaseReturned(this, _endStep));
            _ended.TrySetResult();
        }
    }
}
