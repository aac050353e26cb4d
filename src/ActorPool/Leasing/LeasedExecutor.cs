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
/// Returned, so every lease ends exactly once. A submit admits on the pool first and checks the
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
        return reply.Task;
    }

    public Task ReleaseAsync() => StartEnding(LeaseStep.Released);

    public ValueTask DisposeAsync() => new(ReleaseAsync());

    /// <summary>The holder actor stopped: queued work is cancelled, running work finishes.</summary>
    public void HolderStopped()
    {
        StartEnding(LeaseStep.HolderStopped);
        _pool.DropQueued(new LeaseReleasedException($"{LeaseId} ended: its holder {Holder} stopped"));
    }

    /// <summary>Hard expiry: new and queued work fails, running work sees its token cancelled.</summary>
    public bool Revoke()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state is Revoked or Returned)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _state, Revoked, state) == state)
            {
                break;
            }
        }
        _revoked.Cancel();
        _pool.DropQueued(new LeaseExpiredException($"{LeaseId} was revoked at hard expiry before the job started"));
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

    private Exception? EndedError() => Volatile.Read(ref _state) switch
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
