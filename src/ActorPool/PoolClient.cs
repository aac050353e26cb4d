using ActorPool.Internal.Supervision;
using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Submits jobs to a pool supervisor's pools, leases whole pools and reads status.
/// </summary>
/// <remarks>
/// A job never passes through the supervisor's mailbox, and neither does a lease: both are taken
/// on the calling thread (a job is admitted and enqueued on the least busy pool; a lease takes an
/// idle pool, or waits in line), and a worker completes the returned task. Only the first call of a
/// client whose supervisor has not started yet asks the supervisor for its books; a client made
/// for a supervisor that is still to come (<see cref="Create(Task{IActorRef}, TimeSpan?)"/>) waits
/// for it. Once the supervisor has stopped, submits fail promptly with
/// <see cref="OperationCanceledException"/>. Thread-safe; create one per supervisor and share it.
/// </remarks>
public sealed partial class PoolClient
{
    private readonly Task<IActorRef> _supervisor;
    private readonly TimeSpan _askTimeout;
    private SupervisorBooks? _books;
    private Task<SupervisorBooks>? _resolving;

    internal PoolClient(Task<IActorRef> supervisor, TimeSpan askTimeout)
    {
        _supervisor = supervisor;
        _askTimeout = askTimeout;
    }

    /// <summary>The supervisor this client talks to; <see cref="ActorRefs.Nobody"/> while it is still to come.</summary>
    public IActorRef Supervisor => _supervisor.IsCompletedSuccessfully ? _supervisor.Result : ActorRefs.Nobody;

    /// <summary>
    /// A client of a supervisor that may not exist yet, such as Akka.Hosting's
    /// <c>IRequiredActor&lt;PoolSupervisor&gt;.GetAsync()</c>: calls made before it is there wait for it.
    /// </summary>
    /// <param name="supervisor">Completes with the supervisor actor.</param>
    /// <param name="askTimeout">How long status requests wait for the supervisor's answer when no
    /// cancellable token is given. <value>The default value is 30 seconds.</value></param>
    public static PoolClient Create(Task<IActorRef> supervisor, TimeSpan? askTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return new PoolClient(supervisor, CheckedAskTimeout(askTimeout));
    }

    /// <summary>Runs <paramref name="job"/> on a worker thread of the least busy pool.</summary>
    /// <returns>The job's result or exception; <see cref="JobRejectedException"/> when
    /// <c>max-queued-jobs</c> jobs already wait.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job) => SubmitAsync(job, CancellationToken.None);

    /// <summary>Runs <paramref name="job"/> on a worker thread of the least busy pool, unless
    /// <paramref name="cancellationToken"/> is cancelled before a worker starts it.</summary>
    /// <returns>The job's result or exception; a cancelled task when the token fired first (the job
    /// never runs and its admission slot is freed at once); <see cref="JobRejectedException"/> when
    /// <c>max-queued-jobs</c> jobs already wait. A job that has started runs to its end.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Books() is { } books
            ? books.Plane.Submit(job, cancellationToken)
            : SubmitLaterAsync(job, cancellationToken);
    }

    /// <summary>
    /// Runs an asynchronous <paramref name="job"/>: it starts on a worker of the least busy pool and
    /// its continuations run on that pool's <see cref="TaskScheduler"/>. The token is cancelled
    /// when the supervisor stops.
    /// </summary>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job) => SubmitAsync(job, CancellationToken.None);

    /// <summary>
    /// As <see cref="SubmitAsync{T}(Func{CancellationToken, Task{T}})"/>; cancelled before it starts,
    /// the job never runs; once started, the job's token is cancelled by
    /// <paramref name="cancellationToken"/> too.
    /// </summary>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Books() is { } books
            ? books.Plane.SubmitAsync(job, cancellationToken)
            : SubmitLaterAsync(job, cancellationToken);
    }

    /// <summary>As <see cref="SubmitAsync{T}(Func{T}, TimeSpan, CancellationToken)"/>, without a token.</summary>
    /// <param name="job">The work to run on a worker thread.</param>
    /// <param name="timeout">A positive duration.</param>
    /// <returns>The job's result, or <see cref="JobTimeoutException"/> once <paramref name="timeout"/> has passed.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job, TimeSpan timeout) => SubmitAsync(job, timeout, CancellationToken.None);

    /// <summary>As <see cref="SubmitAsync{T}(Func{CancellationToken, Task{T}}, TimeSpan, CancellationToken)"/>, without a token.</summary>
    /// <param name="job">The work to start on a worker.</param>
    /// <param name="timeout">A positive duration.</param>
    /// <returns>The job's result, or <see cref="JobTimeoutException"/> once <paramref name="timeout"/> has passed.</returns>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, TimeSpan timeout) => SubmitAsync(job, timeout, CancellationToken.None);

    /// <summary>
    /// Runs <paramref name="job"/> with its own timeout, counted from now, queued or running
    /// (instead of <c>actor-pool.workers.job-timeout</c>).
    /// </summary>
    /// <param name="job">The work to run on a worker thread.</param>
    /// <param name="timeout">A positive duration.</param>
    /// <param name="cancellationToken">Cancels the job before a worker starts it.</param>
    /// <returns>
    /// As <see cref="SubmitAsync{T}(Func{T}, CancellationToken)"/>, or <see cref="JobTimeoutException"/>
    /// once <paramref name="timeout"/> has passed: a queued job is dropped then; a running one keeps
    /// its worker, reported stuck, until it returns (a thread cannot be aborted).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public Task<T> SubmitAsync<T>(Func<T> job, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var none = Internal.Dispatch.Requirement.None;
        return Books() is { } books
            ? books.Plane.Submit(job, none, cancellationToken, timeout)
            : LaterAsync(books => books.Plane.Submit(job, none, cancellationToken, timeout), cancellationToken);
    }

    /// <summary>
    /// As <see cref="SubmitAsync{T}(Func{T}, TimeSpan, CancellationToken)"/>, for an asynchronous
    /// job: on timeout its token is cancelled too.
    /// </summary>
    /// <param name="job">The work to start on a worker; its continuations run on the pool.</param>
    /// <param name="timeout">A positive duration.</param>
    /// <param name="cancellationToken">Cancels the job before it starts, and its token after.</param>
    /// <returns>The job's result, or <see cref="JobTimeoutException"/> once <paramref name="timeout"/> has passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var none = Internal.Dispatch.Requirement.None;
        return Books() is { } books
            ? books.Plane.SubmitAsync(job, none, cancellationToken, timeout)
            : LaterAsync(books => books.Plane.SubmitAsync(job, none, cancellationToken, timeout), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="job"/> only on a pool started with <paramref name="requires"/> (or
    /// more), e.g. <c>["gpu"]</c>; jobs of one requirement wait for such a pool in one FIFO.
    /// Capability pools are started by the <c>capability</c> sizing policy.
    /// </summary>
    /// <exception cref="ArgumentException">A capability name is empty or has other characters than letters, digits, '-', '_' and '.'.</exception>
    /// <returns>As <see cref="SubmitAsync{T}(Func{T}, CancellationToken)"/>; <see cref="JobRejectedException"/> under a sizing policy that starts no capability pools.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job, IEnumerable<string> requires) => SubmitAsync(job, requires, CancellationToken.None);

    /// <summary>As <see cref="SubmitAsync{T}(Func{T}, IEnumerable{string})"/>; cancelled before a worker starts it, the job never runs.</summary>
    /// <exception cref="ArgumentException">A capability name is empty or has other characters than letters, digits, '-', '_' and '.'.</exception>
    public Task<T> SubmitAsync<T>(Func<T> job, IEnumerable<string> requires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var requirement = Internal.Dispatch.Requirement.Of(requires ?? throw new ArgumentNullException(nameof(requires)));
        return Books() is { } books
            ? books.Plane.Submit(job, requirement, cancellationToken)
            : LaterAsync(books => books.Plane.Submit(job, requirement, cancellationToken), cancellationToken);
    }

    /// <summary>As <see cref="SubmitAsync{T}(Func{T}, IEnumerable{string})"/>, for an asynchronous job.</summary>
    /// <exception cref="ArgumentException">A capability name is empty or has other characters than letters, digits, '-', '_' and '.'.</exception>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, IEnumerable<string> requires) => SubmitAsync(job, requires, CancellationToken.None);

    /// <summary>As <see cref="SubmitAsync{T}(Func{CancellationToken, Task{T}}, IEnumerable{string})"/>, with the caller's token.</summary>
    /// <exception cref="ArgumentException">A capability name is empty or has other characters than letters, digits, '-', '_' and '.'.</exception>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, IEnumerable<string> requires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var requirement = Internal.Dispatch.Requirement.Of(requires ?? throw new ArgumentNullException(nameof(requires)));
        return Books() is { } books
            ? books.Plane.SubmitAsync(job, requirement, cancellationToken)
            : LaterAsync(books => books.Plane.SubmitAsync(job, requirement, cancellationToken), cancellationToken);
    }

    /// <summary>Leases one whole pool for <paramref name="leaseFor"/>, waiting up to <paramref name="waitUpTo"/> for one.</summary>
    /// <remarks>
    /// Granted on the calling thread when a shared pool is idle and nobody waits; otherwise the
    /// request waits in line, strictly first come first served. No actor holds the lease: it ends
    /// by release, <see cref="IAsyncDisposable.DisposeAsync"/> or expiry. Send
    /// <see cref="AcquireLease"/> from an actor to have the lease end when that actor stops.
    /// </remarks>
    /// <param name="leaseFor">How long the lease lasts before it expires; positive, at most <c>lease.max-total</c>.</param>
    /// <param name="waitUpTo">How long to wait for a pool: zero fails fast, <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <param name="cancellationToken">Gives up the wait; a grant that still comes is released at once.</param>
    /// <exception cref="LeaseUnavailableException">No pool was free within <paramref name="waitUpTo"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is out of its range; the message names it and its value.</exception>
    public Task<ILeasedExecutor> AcquireLeaseAsync(TimeSpan leaseFor, TimeSpan waitUpTo, CancellationToken cancellationToken = default) =>
        Books() is { } books
            ? books.Desk.AcquireAsync(leaseFor, waitUpTo, cancellationToken)
            : AcquireLaterAsync(leaseFor, waitUpTo, cancellationToken);

    /// <summary>Leases one whole pool for the supervisor's <c>lease.default-duration</c>, waiting up to <paramref name="waitUpTo"/> for one.</summary>
    /// <remarks>As <see cref="AcquireLeaseAsync(TimeSpan, TimeSpan, CancellationToken)"/>, with the duration the supervisor's settings give.</remarks>
    /// <exception cref="LeaseUnavailableException">No pool was free within <paramref name="waitUpTo"/>.</exception>
    public Task<ILeasedExecutor> AcquireDefaultLeaseAsync(TimeSpan waitUpTo, CancellationToken cancellationToken = default) =>
        Books() is { } books
            ? books.Desk.AcquireAsync(books.Settings.Lease.DefaultDuration, waitUpTo, cancellationToken)
            : AcquireLaterAsync(null, waitUpTo, cancellationToken);

    /// <summary>
    /// Runs <paramref name="source"/> in pull mode, as Crawlee's <c>AutoscaledPool</c> does: whenever
    /// a shared worker is free, asks <see cref="ITaskSource.IsTaskReadyAsync"/> and runs
    /// <see cref="ITaskSource.RunTaskAsync"/> on that worker, until the source says it is finished.
    /// The tasks take the same workers as submitted jobs, so the pools' size is the concurrency.
    /// </summary>
    /// <param name="source">Where the tasks come from.</param>
    /// <param name="cancellationToken">Aborts the run (as <see cref="AbortRun"/>).</param>
    /// <returns>The run's counts when the source said it was finished; the first task failure unless
    /// <c>pull.continue-on-error</c>; the failure of the source's questions; or
    /// <see cref="RunAbortedException"/>.</returns>
    /// <exception cref="InvalidOperationException">The supervisor already has an active run.</exception>
    public Task<RunCompleted> RunAsync(ITaskSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Books() is { } books ? StartRun(books, source, cancellationToken) : RunLaterAsync(source, cancellationToken);
    }

    /// <summary>Pauses the active run: no new task starts; completes once none runs (at once when no run is active).</summary>
    public Task PauseRunAsync() => Books() is { } books ? books.Runs.PauseAsync() : AskAsync<Akka.Done>(Pause.Instance, "it has no run", CancellationToken.None);

    /// <summary>Resumes a paused run.</summary>
    public void ResumeRun() => Tell(Resume.Instance);

    /// <summary>Aborts the active run: running tasks see their token cancelled; the run ends with <see cref="RunAbortedException"/>.</summary>
    public void AbortRun() => Tell(Abort.Instance);

    /// <summary>Runs <paramref name="call"/> on the supervisor's data plane, once the supervisor is known (another package's job kinds enter here).</summary>
    internal Task<T> OnPlane<T>(Func<Internal.Dispatch.DataPlane, Task<T>> call, CancellationToken cancellationToken) =>
        Books() is { } books ? call(books.Plane) : LaterAsync(books => call(books.Plane), cancellationToken);

    internal static TimeSpan CheckedAskTimeout(TimeSpan? askTimeout)
    {
        var timeout = askTimeout ?? TimeSpan.FromSeconds(30);
        if (timeout <= TimeSpan.Zero || timeout > Internal.Settings.DurationLimits.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(askTimeout), timeout,
                $"PoolClient askTimeout must be > 0 and <= {Internal.Settings.DurationLimits.Max}, was: [{timeout}]");
        }
        return timeout;
    }

    private void Tell(object message)
    {
        if (_supervisor.IsCompletedSuccessfully)
        {
            _supervisor.Result.Tell(message);
            return;
        }
        _ = _supervisor.ContinueWith(
            static (t, m) => t.Result.Tell(m!),
            message,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private SupervisorBooks? Books()
    {
        if (Volatile.Read(ref _books) is { } books)
        {
            return books;
        }
        return FindBooks();
    }

    /// <summary>The books of a supervisor that runs now: <see langword="null"/> once it has stopped.</summary>
    private SupervisorBooks? RunningBooks() =>
        Books() is { } books && !books.Plane.Token.IsCancellationRequested ? books : null;

    private SupervisorBooks? FindBooks()
    {
        if (!_supervisor.IsCompletedSuccessfully || LocalSupervisors.Find(_supervisor.Result) is not { } found)
        {
            return null;
        }
        Volatile.Write(ref _books, found);
        return found;
    }

    // The slow paths live in their own methods: a lambda capturing the job in the method that
    // takes the fast path would allocate its closure on every call, used or not.
    private Task<T> SubmitLaterAsync<T>(Func<T> job, CancellationToken cancellationToken) =>
        LaterAsync(books => books.Plane.Submit(job, cancellationToken), cancellationToken);

    private Task<T> SubmitLaterAsync<T>(Func<CancellationToken, Task<T>> job, CancellationToken cancellationToken) =>
        LaterAsync(books => books.Plane.SubmitAsync(job, cancellationToken), cancellationToken);

    private Task<ILeasedExecutor> AcquireLaterAsync(TimeSpan? leaseFor, TimeSpan waitUpTo, CancellationToken cancellationToken) =>
        LaterAsync(books => books.Desk.AcquireAsync(leaseFor ?? books.Settings.Lease.DefaultDuration, waitUpTo, cancellationToken), cancellationToken);

    private Task<RunCompleted> RunLaterAsync(ITaskSource source, CancellationToken cancellationToken) =>
        LaterAsync(books => StartRun(books, source, cancellationToken), cancellationToken);

    private static async Task<RunCompleted> StartRun(SupervisorBooks books, ITaskSource source, CancellationToken cancellationToken)
    {
        var run = books.Runs.Start(source);
        await using var abort = cancellationToken.UnsafeRegister(static state => ((Internal.PullMode.PullRun)state!).Abort(" by its caller's token"), run).ConfigureAwait(false);
        return await run.Completion.ConfigureAwait(false);
    }

    private async Task<T> LaterAsync<T>(Func<SupervisorBooks, Task<T>> call, CancellationToken cancellationToken)
    {
        var books = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        return await call(books).ConfigureAwait(false);
    }

    private Task<SupervisorBooks> ResolveAsync(CancellationToken cancellationToken)
    {
        if (Books() is { } books)
        {
            return Task.FromResult(books);
        }
        var resolving = Volatile.Read(ref _resolving);
        if (resolving is null || resolving.IsFaulted || resolving.IsCanceled)
        {
            var fresh = FindAsync();
            resolving = Interlocked.CompareExchange(ref _resolving, fresh, resolving) == resolving ? fresh : Volatile.Read(ref _resolving)!;
        }
        return resolving.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Finds the supervisor's books: registered once its actor has been constructed (which
    /// <c>ActorOf</c> does not wait for), else asked for while watching it, so a stopped supervisor
    /// fails the call at once instead of running out the ask timeout. Once per client.
    /// </summary>
    private async Task<SupervisorBooks> FindAsync()
    {
        var supervisor = await _supervisor.ConfigureAwait(false);
        if (LocalSupervisors.Find(supervisor) is not { } books)
        {
            using var watching = new CancellationTokenSource();
            var ask = supervisor.Ask<BooksOf>(GetBooks.Instance, _askTimeout);
            var stopped = supervisor.WatchAsync(watching.Token);
            var first = await Task.WhenAny(ask, stopped).ConfigureAwait(false);
            await watching.CancelAsync().ConfigureAwait(false);
            if (first != ask && !ask.IsCompletedSuccessfully)
            {
                throw new OperationCanceledException($"the pool supervisor {supervisor.Path} has stopped; nothing was run");
            }
            books = (await ask.ConfigureAwait(false)).Books;
        }
        Volatile.Write(ref _books, books);
        return books;
    }

    private Task<TReply> AskAsync<TReply>(object message, string consequence, CancellationToken cancellationToken) =>
        AskAsync<TReply>(null, message, consequence, cancellationToken);

    /// <summary>Asks <paramref name="message"/>, after telling <paramref name="first"/> (when given) from the same thread, so it is handled first.</summary>
    private async Task<TReply> AskAsync<TReply>(object? first, object message, string consequence, CancellationToken cancellationToken)
    {
        var books = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var supervisor = await _supervisor.ConfigureAwait(false);
        if (first is not null)
        {
            supervisor.Tell(first);
        }
        // A stopped supervisor never answers: its books' token says so at once, without a watch per call.
        var stopped = books.Plane.Token;
        var ask = supervisor.Ask<TReply>(message, cancellationToken.CanBeCanceled ? null : _askTimeout, cancellationToken);
        try
        {
            return await ask.WaitAsync(stopped).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested && !ask.IsCompletedSuccessfully)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException($"the pool supervisor {supervisor.Path} has stopped; {consequence}");
        }
    }
}
