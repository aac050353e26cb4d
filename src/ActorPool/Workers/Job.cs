namespace ActorPool.Internal.Workers;

/// <summary>
/// Every job, whatever answers it: the one path by which a job ends (result, failure, cancellation,
/// drop, timeout, crash), where its caller gets exactly one answer and its outcome and running time
/// are recorded once, in its pool's tally. The item is its task's completion source, so a job
/// costs the caller's delegate, this object and its task.
/// </summary>
/// <remarks>
/// <para>
/// A job without a caller's token or a timeout has nothing racing its worker: the queue hands each
/// item out once, and no interlocked write is needed. Otherwise a small <see cref="Race"/> decides
/// who goes first. Before a worker starts the job, its caller's token cancels it at once and a
/// timeout answers <see cref="JobTimeoutException"/> at once; either way the owner's admission slot
/// is freed then, and the item stays in its pool's queue, counted as pending there, until a worker
/// reaches it and skips it, so the pool's books still see every item its queue holds.
/// </para>
/// <para>
/// A timeout that fires while the job runs answers its caller at once, cancels the token an async
/// job observes, and reports the job's worker overdue to its pool: a .NET thread cannot be aborted,
/// so the worker stays counted until the job returns (see <see cref="IPoolRuntime.JobOverdue"/>).
/// </para>
/// </remarks>
internal abstract class Job<T> : TaskCompletionSource<T>, IJobItem
{
    private readonly Race? _race;
    // When a worker started it, on the coarse millisecond clock (Environment.TickCount64, a few ns
    // to read where Stopwatch costs tens): one job's time is rounded to the tick, but a difference of
    // two coarse reads is unbiased for a job whose start falls anywhere within a tick, so the pool's
    // summed run time is right over many jobs. 0 until started (the clock never reads 0).
    private long _startedAt;

    protected Job(IJobOwner owner, TimeSpan? timeout, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Owner = owner;
        if (cancellationToken.CanBeCanceled || timeout is not null)
        {
            _race = new Race(this, timeout, owner.Clock, cancellationToken);
        }
    }

    public IPoolRuntime? Pool { get; set; }

    public bool IsDroppable => true;

    protected IJobOwner Owner { get; }

    /// <summary>The caller's token.</summary>
    protected CancellationToken CancellationToken => _race?.Token ?? default;

    /// <summary>Whether the job ran past its timeout (its caller has had its answer).</summary>
    protected bool IsOverdue => _race is { State: Race.Overdue };

    public void Execute()
    {
        if (!TryStart())
        {
            // Answered while queued: its caller and owner were settled then; only the pool's count is left.
            Pool?.JobEnded(_race!.State == Race.TimedOut ? JobOutcome.TimedOut : JobOutcome.Cancelled, TimeSpan.Zero);
            return;
        }
        _startedAt = Environment.TickCount64;
        Run();
    }

    public void Drop(Exception reason)
    {
        if (!TryStart())
        {
            Pool?.JobEnded(_race!.State == Race.TimedOut ? JobOutcome.TimedOut : JobOutcome.Cancelled, TimeSpan.Zero);
            return;
        }
        Finish(JobOutcome.Dropped, default, reason);
    }

    /// <summary>Its worker died under it (a child process): the caller gets <paramref name="error"/>.</summary>
    public void Crash(Exception error) => Finish(JobOutcome.Crashed, default, error);

    /// <summary>Runs the job on this worker; ends it through <see cref="Succeed"/>, <see cref="Fail"/> or <see cref="Cancel"/> once it has ended.</summary>
    protected abstract void Run();

    /// <summary>
    /// The token a running async job observes: its owner's (a revoked lease, a stopped supervisor),
    /// linked with its caller's and its timeout's when it has them. Dispose the source, if one is
    /// returned, once the job has ended.
    /// </summary>
    protected CancellationToken RunningToken(out CancellationTokenSource? linked)
    {
        linked = null;
        if (_race is null)
        {
            return Owner.Token;
        }
        linked = CancellationTokenSource.CreateLinkedTokenSource(Owner.Token, _race.Token);
        _race.Running = linked;
        if (_race.State == Race.Overdue)
        {
            linked.Cancel();
        }
        return linked.Token;
    }

    /// <summary>Runs a synchronous <paramref name="job"/> to its end on this worker, and ends the job with its result or failure.</summary>
    protected void RunToEnd(Func<T> job)
    {
        T result;
        try
        {
            result = job();
        }
        catch (Exception e)
        {
            Fail(e);
            return;
        }
        Succeed(result);
    }

    protected void Succeed(T result) => Finish(JobOutcome.Succeeded, result, null);

    protected void Fail(Exception error) => Finish(JobOutcome.Failed, default, Owner.Translate(error));

    /// <summary>The caller's own token stopped it: the caller sees a cancelled task, as from any async API.</summary>
    protected void Cancel() => Finish(JobOutcome.Cancelled, default, null);

    /// <summary>Gives the caller its one answer; a job answered through something else than its task overrides it.</summary>
    protected virtual void Answer(JobOutcome outcome, T? result, Exception? error)
    {
        switch (outcome)
        {
            case JobOutcome.Succeeded:
                TrySetResult(result!);
                break;
            case JobOutcome.Cancelled when error is null:
                TrySetCanceled(CancellationToken);
                break;
            default:
                TrySetException(error!);
                break;
        }
    }

    private bool TryStart() => _race is null || _race.TryStart();

    private void Finish(JobOutcome outcome, T? result, Exception? error)
    {
        if (_race is not null && !_race.TryEnd())
        {
            // It ran past its timeout: its caller has had its answer, and its worker is free again.
            outcome = JobOutcome.TimedOut;
            Pool?.JobOverdue(false);
        }
        else
        {
            Answer(outcome, result, error);
        }
        var ran = _startedAt == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - _startedAt);
        // Null only for a job dropped before any pool took it.
        Pool?.JobEnded(outcome, ran);
        Owner.JobEnded();
    }

    /// <summary>A job's race between its worker, its caller's token and its timeout.</summary>
    private sealed class Race
    {
        public const int Queued = 0;
        public const int Started = 1;
        public const int Cancelled = 2;
        public const int TimedOut = 3;
        public const int Overdue = 4;
        public const int Ended = 5;

        private readonly Job<T> _job;
        private readonly CancellationTokenRegistration _registration;
        private readonly ITimer? _timer;
        private readonly TimeSpan _timeout;
        private int _state;

        public Race(Job<T> job, TimeSpan? timeout, TimeProvider clock, CancellationToken token)
        {
            _job = job;
            Token = token;
            if (token.CanBeCanceled)
            {
                _registration = token.UnsafeRegister(static race => ((Race)race!).CallerCancelled(), this);
            }
            if (timeout is { } after)
            {
                _timeout = after;
                _timer = clock.CreateTimer(static race => ((Race)race!).TimeUp(), this, after, Timeout.InfiniteTimeSpan);
            }
        }

        public CancellationToken Token { get; }

        public int State => Volatile.Read(ref _state);

        /// <summary>The running async job's token source, cancelled if the job runs overdue.</summary>
        public CancellationTokenSource? Running { get; set; }

        public bool TryStart()
        {
            if (Interlocked.CompareExchange(ref _state, Started, Queued) != Queued)
            {
                return false;
            }
            _registration.Dispose();
            return true;
        }

        /// <summary>False if the job already ran overdue (and was answered then).</summary>
        public bool TryEnd()
        {
            _registration.Dispose();
            _timer?.Dispose();
            if (Interlocked.CompareExchange(ref _state, Ended, Started) == Started)
            {
                return true;
            }
            // A job that was never started (dropped on a caller's thread) ends from Queued.
            return Interlocked.CompareExchange(ref _state, Ended, Queued) == Queued;
        }

        private void CallerCancelled()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                _timer?.Dispose();
                _job.TrySetCanceled(Token);
                _job.Owner.JobEnded();
            }
        }

        private void TimeUp()
        {
            _timer?.Dispose();
            var error = new JobTimeoutException(_timeout);
            if (Interlocked.CompareExchange(ref _state, TimedOut, Queued) == Queued)
            {
                _registration.Dispose();
                _job.Answer(JobOutcome.TimedOut, default, error);
                _job.Owner.JobEnded();
                return;
            }
            if (Interlocked.CompareExchange(ref _state, Overdue, Started) == Started)
            {
                // Counted stuck before the caller hears: whoever sees the timeout sees its worker held.
                _job.Pool?.JobOverdue(true);
                _job.Answer(JobOutcome.TimedOut, default, error);
                try
                {
                    Running?.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The job ended between the state change and the cancel.
                }
            }
        }
    }
}
