using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// One lease, whole: the holder's side (jobs go straight onto the leased pool's queue, no actor in
/// between), its deadlines, and its state. The <see cref="LeaseDesk"/> that granted it books its end.
/// </summary>
/// <remarks>
/// The state moves once from Active to Releasing (release or holder death: submitted work
/// finishes, then the pool is returned), to Revoked (hard expiry) or to Stopped (the supervisor
/// stopped); and once from Releasing to Returned (the work finished) or to CutOff (the work outlived
/// the hard expiry and was cancelled). So every lease ends exactly once, and a released lease is
/// never revoked. A submit admits on the pool first and checks the state second, while an ending
/// lease sets the state first and counts the pool's pending jobs second: whichever runs later sees
/// the other, so no job slips onto a returned pool.
/// </remarks>
internal sealed class LeasedExecutor : ILeasedExecutor, IJobOwner
{
    private const int Active = 0;
    private const int Releasing = 1;
    private const int Revoked = 2;
    private const int Returned = 3;
    private const int CutOff = 4;
    private const int Stopped = 5;

    private readonly LeaseDesk _desk;
    private CancellationTokenSource? _token;
    private TaskCompletionSource? _ended;
    private int _state;
    private string? _stopDetail;

    public LeasedExecutor(string leaseId, IPoolRuntime pool, LeaseTerms terms, IActorRef? holder, LeaseDesk desk)
    {
        LeaseId = leaseId;
        Pool = pool;
        Terms = terms;
        HolderRef = holder;
        Holder = holder?.Path.ToString() ?? "unwatched";
        _desk = desk;
    }

    public string LeaseId { get; }

    public string PoolName => Pool.Name;

    public IPoolRuntime Pool { get; }

    /// <summary>The holder actor, watched by the supervisor, or <see langword="null"/>.</summary>
    public IActorRef? HolderRef { get; }

    /// <summary>The holder's path, or <c>unwatched</c>.</summary>
    public string Holder { get; }

    public LeaseTerms Terms { get; }

    /// <summary>Whether the soft-expiry warning went out for the current deadline (the desk's, under its lock).</summary>
    internal bool Warned { get; set; }

    /// <summary>How the release ended: <see cref="LeaseStep.Released"/> or <see cref="LeaseStep.HolderStopped"/>.</summary>
    internal LeaseStep EndStep { get; private set; } = LeaseStep.Released;

    public TaskScheduler Scheduler => Pool.Scheduler;

    public bool IsActive => Volatile.Read(ref _state) == Active;

    /// <summary>Released or its holder stopped, and finishing submitted work.</summary>
    public bool IsReleasing => Volatile.Read(ref _state) == Releasing;

    public TimeSpan TimeLeft => Terms.UntilSoftExpiry;

    /// <summary>The token the lease's async jobs observe; made on first use, so a lease that runs none costs none.</summary>
    public CancellationToken Token
    {
        get
        {
            if (Volatile.Read(ref _token) is { } made)
            {
                return made.Token;
            }
            var fresh = CancellationTokenSource.CreateLinkedTokenSource(Pool.ShutdownToken);
            if (Interlocked.CompareExchange(ref _token, fresh, null) is { } other)
            {
                fresh.Dispose();
                return other.Token;
            }
            // Cut off while it was being made: the cancel below may have found no source yet.
            if (Volatile.Read(ref _state) is Revoked or CutOff)
            {
                CancelRunning();
            }
            return fresh.Token;
        }
    }

    public Task<T> SubmitAsync<T>(Func<T> job) => SubmitAsync(job, CancellationToken.None);

    public Task<T> SubmitAsync<T>(Func<T> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Admit<T>(cancellationToken) ?? Enqueue(new SyncJob<T>(job, this, _desk.JobTimeout, cancellationToken));
    }

    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job) => SubmitAsync(job, CancellationToken.None);

    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Admit<T>(cancellationToken) ?? Enqueue(new AsyncJob<T>(job, this, _desk.JobTimeout, cancellationToken));
    }

    public Task<LeaseRenewed> RenewAsync(TimeSpan extra) => RenewAsync(extra, CancellationToken.None);

    public Task<LeaseRenewed> RenewAsync(TimeSpan extra, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<LeaseRenewed>(cancellationToken);
        }
        try
        {
            return Task.FromResult(_desk.Renew(this, extra));
        }
        catch (Exception e) when (e is ArgumentException or LeaseException or InvalidOperationException)
        {
            return Task.FromException<LeaseRenewed>(e);
        }
    }

    public Task ReleaseAsync() => ReleaseAsync(CancellationToken.None);

    /// <summary>
    /// Ends the lease; completes when its pool is back, or when its work was cut off at the hard
    /// expiry. A cancelled <paramref name="cancellationToken"/> cuts the work off at once.
    /// </summary>
    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        StartEnding(LeaseStep.Released);
        if (HasEnded)
        {
            return Task.CompletedTask;
        }
        var ended = Ended();
        return cancellationToken.CanBeCanceled ? ReleaseWithinAsync(ended, cancellationToken) : ended;
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());

    /// <summary>The holder actor stopped: queued work is cancelled, running work finishes.</summary>
    /// <remarks>
    /// Only an active lease ends here: once released, its submitted work is promised to finish,
    /// and once returned, the pool's queue may hold another user's jobs. The queue is emptied
    /// before the lease waits for the pool to go idle, so the pool is never returned (and handed
    /// to someone else) while this lease's queued jobs are still being dropped.
    /// </remarks>
    public void HolderStopped()
    {
        if (Interlocked.CompareExchange(ref _state, Releasing, Active) != Active)
        {
            return;
        }
        EndStep = LeaseStep.HolderStopped;
        Pool.DropQueued(new LeaseReleasedException($"{LeaseId} ended: its holder {Holder} stopped"));
        DrainThenReturn();
    }

    /// <summary>Hard expiry: new and queued work fails, running work sees its token cancelled.</summary>
    /// <remarks>
    /// Only an active lease is revoked: a released one finishes its work and is returned. Queued
    /// jobs are failed before running ones are cancelled, so a worker freed by the cancellation
    /// cannot start one of them.
    /// </remarks>
    public bool Revoke(string why)
    {
        if (Interlocked.CompareExchange(ref _state, Revoked, Active) != Active)
        {
            return false;
        }
        Pool.DropQueued(new LeaseExpiredException($"{LeaseId} was revoked ({why}) before the job started"));
        CancelRunning();
        Volatile.Read(ref _ended)?.TrySetResult();
        return true;
    }

    /// <summary>A released lease's work outlived the hard expiry (or its release was cancelled): queued work fails, running work is cancelled.</summary>
    public bool Cut(string why)
    {
        if (Interlocked.CompareExchange(ref _state, CutOff, Releasing) != Releasing)
        {
            return false;
        }
        Pool.DropQueued(new LeaseReleasedException($"{LeaseId} was released and {why} before the job started"));
        CancelRunning();
        Volatile.Read(ref _ended)?.TrySetResult();
        return true;
    }

    /// <summary>The supervisor stopped: the lease ends without returning its pool.</summary>
    public void Stop(string supervisor)
    {
        _stopDetail = $"{LeaseId} ended: the pool supervisor {supervisor} stopped";
        Interlocked.Exchange(ref _state, Stopped);
        Volatile.Read(ref _ended)?.TrySetResult();
    }

    TimeProvider IJobOwner.Clock => _desk.Clock;

    Exception IJobOwner.Translate(Exception error) =>
        error is OperationCanceledException && Volatile.Read(ref _state) == Revoked
            ? new LeaseExpiredException($"{LeaseId} was revoked at hard expiry while the job ran", error)
            : error;

    // The pool's pending count is the lease's: a leased pool runs only the lease's jobs.
    void IJobOwner.JobEnded()
    {
    }

    /// <summary>Why the lease takes no more work or renewals, or <see langword="null"/> while it is active.</summary>
    public Exception? EndedError() => Volatile.Read(ref _state) switch
    {
        Active => null,
        Revoked => new LeaseExpiredException($"{LeaseId} was revoked at hard expiry"),
        Stopped => new LeaseReleasedException(_stopDetail ?? $"{LeaseId} ended: its supervisor stopped"),
        _ when EndStep == LeaseStep.HolderStopped => new LeaseReleasedException($"{LeaseId} ended: its holder {Holder} stopped"),
        _ => new LeaseReleasedException($"{LeaseId} was released"),
    };

    private bool HasEnded => Volatile.Read(ref _state) is Revoked or Returned or CutOff or Stopped;

    private Task<T>? Admit<T>(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        if (EndedError() is { } ended || !Pool.TryAdmit(PoolMode.Leased))
        {
            return Task.FromException<T>(EndedError() ?? new LeaseExpiredException($"{LeaseId} has ended"));
        }
        if (EndedError() is { } late)
        {
            Pool.Unadmit();
            return Task.FromException<T>(late);
        }
        return null;
    }

    private Task<T> Enqueue<T>(Job<T> job)
    {
        job.Pool = Pool;
        Pool.Enqueue(job);
        return job.Task;
    }

    private void StartEnding(LeaseStep step)
    {
        if (Interlocked.CompareExchange(ref _state, Releasing, Active) == Active)
        {
            EndStep = step;
            DrainThenReturn();
        }
    }

    private Task Ended()
    {
        var ended = Volatile.Read(ref _ended);
        if (ended is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ended = Interlocked.CompareExchange(ref _ended, fresh, null) ?? fresh;
        }
        // Ended while the source was being made: nobody else will complete it.
        if (HasEnded)
        {
            ended.TrySetResult();
        }
        return ended.Task;
    }

    private async Task ReleaseWithinAsync(Task ended, CancellationToken cancellationToken)
    {
        // Giving up the wait does not leave the work running on: it is cut off now, as at the hard expiry.
        using (cancellationToken.UnsafeRegister(static lease => ((LeasedExecutor)lease!).CutOffByCaller(), this))
        {
            await ended.ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void CutOffByCaller() => _desk.CutOff(this, "its release was cancelled");

    private void CancelRunning()
    {
        try
        {
            Volatile.Read(ref _token)?.Cancel();
        }
        catch (AggregateException)
        {
            // A job's own cancellation callback threw; the lease's end still stands.
        }
    }

    // An idle pool (the common case) is returned here and now, without a notice to allocate.
    private void DrainThenReturn()
    {
        if (Pool.Pending == 0)
        {
            Drained();
        }
        else
        {
            Pool.NotifyWhenIdle(Drained);
        }
    }

    private void Drained()
    {
        if (Interlocked.CompareExchange(ref _state, Returned, Releasing) == Releasing)
        {
            // The desk books the return (and may hand the pool on) before the release completes, so a
            // caller that awaited the release and then asks for status finds the pool already back.
            _desk.Returned(this);
            Volatile.Read(ref _ended)?.TrySetResult();
        }
    }
}
