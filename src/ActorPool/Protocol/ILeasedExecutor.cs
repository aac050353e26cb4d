namespace ActorPool;

/// <summary>
/// Exclusive use of one whole pool, for as long as its lease lasts.
/// </summary>
/// <remarks>
/// Work goes straight to the pool's worker threads, with no actor in between, and only this
/// lease's work runs on that pool while it is held. Jobs beyond the pool's <c>workers-per-pool</c>
/// wait in the pool's own queue. The lease ends by <see cref="ReleaseAsync()"/> (or
/// <see cref="IAsyncDisposable.DisposeAsync"/>); by expiry (<c>leaseFor</c>, then <c>lease.grace</c>,
/// after which new and queued work fails with <see cref="LeaseExpiredException"/> and running work
/// sees its <see cref="CancellationToken"/> cancelled); by the death of its holder actor (running
/// work finishes, queued work fails with <see cref="LeaseReleasedException"/>); or when the
/// supervisor stops. Every member is thread-safe.
/// </remarks>
public interface ILeasedExecutor : IAsyncDisposable
{
    /// <summary>The lease's id, unique within its supervisor, for <see cref="RenewLease"/> and <see cref="ReleaseLease"/>.</summary>
    string LeaseId { get; }

    /// <summary>The leased pool's name, as in <see cref="PoolInfo.Name"/>.</summary>
    string PoolName { get; }

    /// <summary>
    /// A <see cref="System.Threading.Tasks.TaskScheduler"/> that runs tasks on the leased pool's
    /// workers. Tasks started on it are not lease jobs: they are neither counted nor refused when
    /// the lease ends, so prefer <see cref="SubmitAsync{T}(Func{CancellationToken, Task{T}})"/>.
    /// </summary>
    TaskScheduler Scheduler { get; }

    /// <summary>Whether work may still be submitted: not released, not revoked.</summary>
    bool IsActive { get; }

    /// <summary>Time left until soft expiry, negative once past it.</summary>
    TimeSpan TimeLeft { get; }

    /// <summary>Runs <paramref name="job"/> on a worker of the leased pool.</summary>
    /// <returns>Its result or exception; <see cref="LeaseExpiredException"/> or
    /// <see cref="LeaseReleasedException"/> when the lease ended before the job ran.</returns>
    Task<T> SubmitAsync<T>(Func<T> job);

    /// <summary>
    /// Runs an asynchronous <paramref name="job"/> on the leased pool: it starts on a worker and its
    /// continuations stay on the pool's <see cref="Scheduler"/>. The token is cancelled when the
    /// lease is revoked or the supervisor stops.
    /// </summary>
    Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job);

    /// <summary>Runs <paramref name="job"/> on a worker of the leased pool, unless
    /// <paramref name="cancellationToken"/> is cancelled before a worker starts it.</summary>
    /// <returns>As <see cref="SubmitAsync{T}(Func{T})"/>; a cancelled task when the token fired
    /// before the job started (it never runs). A job that has started runs to its end.</returns>
    Task<T> SubmitAsync<T>(Func<T> job, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SubmitAsync{T}(Func{CancellationToken, Task{T}})"/>; cancelled before it starts,
    /// the job never runs; once started, the job's token is cancelled by
    /// <paramref name="cancellationToken"/> too.
    /// </summary>
    Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job, CancellationToken cancellationToken);

    /// <summary>Moves the expiry later by <paramref name="extra"/>, never past <c>lease.max-total</c> from the grant.</summary>
    /// <returns>The new deadlines. Fails with <see cref="ArgumentOutOfRangeException"/> for a
    /// non-positive <paramref name="extra"/>, <see cref="InvalidOperationException"/> when the lease
    /// already runs to its max-total, and <see cref="LeaseExpiredException"/> (also once the hard
    /// expiry has passed, before the revocation has run) or <see cref="LeaseReleasedException"/>
    /// when it has ended.</returns>
    Task<LeaseRenewed> RenewAsync(TimeSpan extra);

    /// <summary>As <see cref="RenewAsync(TimeSpan)"/>; a token cancelled before the call ends it Canceled.
    /// An <paramref name="extra"/> past <c>lease.max-total</c> (even <see cref="TimeSpan.MaxValue"/>)
    /// renews up to the cap and says <see cref="LeaseRenewed.Capped"/>.</summary>
    Task<LeaseRenewed> RenewAsync(TimeSpan extra, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the lease: new submits are refused at once, work already submitted finishes, then the
    /// pool goes back to the supervisor (straight to the first lease waiter, if one waits).
    /// Submitted work may run until the lease's hard expiry at most: then queued work fails, running
    /// work sees its token cancelled, and the release completes; a job that still runs
    /// <c>lease.revoke-timeout</c> later is reported stuck, its pool counted until it returns.
    /// Idempotent.
    /// </summary>
    /// <returns>Completes when the pool has been given back or the work was cut off (at once if the lease had already ended).</returns>
    Task ReleaseAsync();

    /// <summary>As <see cref="ReleaseAsync()"/>; when <paramref name="cancellationToken"/> fires before
    /// the work has finished, the work is cut off at once (queued work fails, running work is
    /// cancelled) and the task ends Canceled.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
