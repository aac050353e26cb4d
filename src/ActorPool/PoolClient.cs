using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Supervision;
using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Submits jobs to a pool supervisor's pools, leases whole pools and reads status.
/// </summary>
/// <remarks>
/// A job never passes through the supervisor's mailbox: it is admitted and enqueued on the calling
/// thread, on the least busy pool, and the worker completes the returned task. Only the first
/// submit of a client whose supervisor has not started yet asks the supervisor for its pools.
/// Once the supervisor has stopped, submits fail promptly with <see cref="OperationCanceledException"/>.
/// Thread-safe; create one per supervisor and share it.
/// </remarks>
public sealed class PoolClient
{
    private readonly TimeSpan _askTimeout;
    private DataPlane? _plane;

    internal PoolClient(IActorRef supervisor, TimeSpan askTimeout)
    {
        Supervisor = supervisor;
        _askTimeout = askTimeout;
    }

    /// <summary>The supervisor this client talks to.</summary>
    public IActorRef Supervisor { get; }

    /// <summary>Runs <paramref name="job"/> on a worker thread of the least busy pool.</summary>
    /// <returns>The job's result or exception; <see cref="JobRejectedException"/> when
    /// <c>max-queued-jobs</c> jobs already wait.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Plane() is { } plane ? plane.Submit(job) : SubmitLaterAsync(p => p.Submit(job));
    }

    /// <summary>
    /// Runs an asynchronous <paramref name="job"/>: it starts on a worker of the least busy pool and
    /// its continuations run on that pool's <see cref="TaskScheduler"/>. The token is cancelled
    /// when the supervisor stops.
    /// </summary>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Plane() is { } plane ? plane.SubmitAsync(job) : SubmitLaterAsync(p => p.SubmitAsync(job));
    }

    /// <summary>Leases one whole pool for <paramref name="leaseFor"/>, waiting up to <paramref name="waitUpTo"/> for one.</summary>
    /// <remarks>No actor holds the lease: it ends by release, <see cref="IAsyncDisposable.DisposeAsync"/> or expiry.
    /// Send <see cref="AcquireLease"/> from an actor to have the lease end when that actor stops.</remarks>
    /// <exception cref="LeaseUnavailableException">No pool was free within <paramref name="waitUpTo"/>.</exception>
    public Task<ILeasedExecutor> AcquireLeaseAsync(TimeSpan leaseFor, TimeSpan waitUpTo, CancellationToken cancellationToken = default) =>
        LeaseAsync(new AcquireLease(leaseFor, waitUpTo), waitUpTo, cancellationToken);

    /// <summary>Leases one whole pool for the supervisor's <c>lease.default-duration</c>, waiting up to <paramref name="waitUpTo"/> for one.</summary>
    /// <remarks>As <see cref="AcquireLeaseAsync(TimeSpan, TimeSpan, CancellationToken)"/>, with the duration the supervisor's settings give.</remarks>
    /// <exception cref="LeaseUnavailableException">No pool was free within <paramref name="waitUpTo"/>.</exception>
    public Task<ILeasedExecutor> AcquireDefaultLeaseAsync(TimeSpan waitUpTo, CancellationToken cancellationToken = default) =>
        LeaseAsync(new AcquireDefaultLease(waitUpTo), waitUpTo, cancellationToken);

    /// <summary>The supervisor's status now.</summary>
    /// <exception cref="OperationCanceledException">The supervisor has stopped.</exception>
    public Task<PoolStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        AskAsync<PoolStatus>(GetPoolStatus.Instance, _askTimeout, "it has no status", cancellationToken);

    /// <summary>The supervisor's status as soon as it is settled (as many pools as desired, none draining).</summary>
    public Task<PoolStatus> AwaitSettledAsync(CancellationToken cancellationToken = default) =>
        AskAsync<PoolStatus>(AwaitSettled.Instance, _askTimeout, "it will not settle", cancellationToken);

    /// <summary>Sets the unit count, as <c>new ScaleChanged(units)</c> does.</summary>
    public void ScaleChanged(int units) => Supervisor.Tell(new ScaleChanged(units));

    /// <summary>Makes the supervisor re-read its size provider now, as <see cref="ActorPool.ScaleChanged.Recheck"/> does.</summary>
    public void Recheck() => Supervisor.Tell(ActorPool.ScaleChanged.Recheck);

    private DataPlane? Plane()
    {
        var plane = Volatile.Read(ref _plane);
        if (plane is not null && !plane.Token.IsCancellationRequested)
        {
            return plane;
        }
        // First use, or the supervisor stopped (or was restarted with a new data plane): without a
        // registered plane the submit asks the supervisor, watching it, so a stopped supervisor
        // fails the submit at once and a restarted one serves it.
        plane = DataPlanes.Find(Supervisor);
        Volatile.Write(ref _plane, plane);
        return plane;
    }

    private async Task<T> SubmitLaterAsync<T>(Func<DataPlane, Task<T>> submit)
    {
        var reply = await AskAsync<DataPlaneOf>(GetDataPlane.Instance, _askTimeout, "the job was not run", CancellationToken.None)
            .ConfigureAwait(false);
        Volatile.Write(ref _plane, reply.Plane);
        return await submit(reply.Plane).ConfigureAwait(false);
    }

    private async Task<ILeasedExecutor> LeaseAsync(object request, TimeSpan waitUpTo, CancellationToken cancellationToken)
    {
        var timeout = (waitUpTo > TimeSpan.Zero ? waitUpTo : TimeSpan.Zero) + _askTimeout;
        // The ask is not cancelled with the caller: a request given up while it waits in line is
        // still answered, and a grant nobody wants any more is released at once instead of
        // holding its pool until it expires.
        var reply = Supervisor.Ask<LeaseGranted>(request, timeout, CancellationToken.None);
        try
        {
            return (await WhileAliveAsync(reply, "no lease was granted", cancellationToken).ConfigureAwait(false)).Executor;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = reply.ContinueWith(
                granted => granted.Result.Executor.ReleaseAsync(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            throw;
        }
    }

    private Task<TReply> AskAsync<TReply>(object message, TimeSpan timeout, string consequence, CancellationToken cancellationToken) =>
        WhileAliveAsync(Supervisor.Ask<TReply>(message, timeout, cancellationToken), consequence, cancellationToken);

    /// <summary>
    /// Waits for <paramref name="ask"/> while watching the supervisor: a stopped supervisor never
    /// answers, so the wait fails as soon as it is gone instead of running out the ask timeout.
    /// </summary>
    private async Task<TReply> WhileAliveAsync<TReply>(Task<TReply> ask, string consequence, CancellationToken cancellationToken)
    {
        using var watching = new CancellationTokenSource();
        var answered = ask.WaitAsync(cancellationToken);
        var stopped = Supervisor.WatchAsync(watching.Token);
        var first = await Task.WhenAny(answered, stopped).ConfigureAwait(false);
        await watching.CancelAsync().ConfigureAwait(false);
        if (first != answered && !ask.IsCompletedSuccessfully)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException($"the pool supervisor {Supervisor.Path} has stopped; {consequence}");
        }
        return await answered.ConfigureAwait(false);
    }
}
