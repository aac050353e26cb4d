using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Process.Pool;

namespace ActorPool.Process;

/// <summary>Submits portable jobs through a <see cref="PoolClient"/>: the normal data plane (admission, least-busy pool pick), no actor message per job.</summary>
public static class PoolClientProcessExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TJob"/> on <paramref name="argument"/> on the least busy pool: in a
    /// child process on a process pool (<c>actor-pool.workers.backend = process</c>), in this process
    /// on a thread pool, so one job type works on both backends.
    /// </summary>
    /// <typeparam name="TJob">A public class implementing <see cref="IProcessJob{TArgument, TResult}"/>
    /// with a public parameterless constructor. Naming it here is its registration: the parent sends
    /// its allow-list entry to a child with the first job of the type.</typeparam>
    /// <typeparam name="TArgument">The argument type; System.Text.Json must round-trip it.</typeparam>
    /// <typeparam name="TResult">The result type; System.Text.Json must round-trip it.</typeparam>
    /// <param name="client">The supervisor's client.</param>
    /// <param name="argument">The argument; serialized on the calling thread, on either backend.</param>
    /// <param name="timeout">How long the job may take from now, queued or running; <see langword="null"/>
    /// for <c>actor-pool.workers.job-timeout</c>. A child still running the job after it is told to
    /// cancel is killed after <c>actor-pool.process.cancel-grace</c>, and replaced.</param>
    /// <param name="cancellationToken">Cancels the job: before it starts it never runs; once running
    /// in a child, its token there is cancelled, and the child killed after <c>cancel-grace</c>.</param>
    /// <returns>The job's result; <see cref="ProcessJobException"/> when it threw in the child;
    /// <see cref="WorkerCrashedException"/> when it crashed <c>workers.max-job-crashes</c> children;
    /// <see cref="JobTimeoutException"/>; <see cref="NotPortableJobException"/> when the argument
    /// does not serialize; <see cref="JobRejectedException"/> when <c>max-queued-jobs</c> jobs wait.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    /// <remarks>Thread-safe, as <see cref="PoolClient"/> is.</remarks>
    public static Task<TResult> RunProcessJobAsync<TJob, TArgument, TResult>(
        this PoolClient client, TArgument argument, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        ArgumentNullException.ThrowIfNull(client);
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        }
        Func<Internal.Workers.IJobOwner, TimeSpan?, CancellationToken, Internal.Workers.Job<TResult>> prepare;
        try
        {
            prepare = PortableJobItem<TResult>.For<TJob, TArgument>(argument);
        }
        catch (NotPortableJobException e)
        {
            return Task.FromException<TResult>(e);
        }
        return client.OnPlane(plane => plane.SubmitPrepared(prepare, Requirement.None, cancellationToken, timeout), cancellationToken);
    }
}
