namespace ActorPool.Process;

/// <summary>Runs portable jobs on a <see cref="ReusableExecutor"/> whose backend is the process backend
/// (see <see cref="ProcessBackend.WithProcessBackend(ReusableExecutorOptions, ProcessSettings)"/>).</summary>
public static class ReusableExecutorProcessExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TJob"/> in one of the executor's children, as
    /// <see cref="PoolClientProcessExtensions.RunProcessJobAsync{TJob, TArgument, TResult}"/> does, but
    /// after a <see cref="ReusableExecutorOptions.KillWorkers"/> replacement in progress: a job asked
    /// for right after <c>kill_workers</c> runs on a fresh child, never on one about to be killed.
    /// </summary>
    /// <typeparam name="TJob">The job type: a public class with a public parameterless constructor.</typeparam>
    /// <typeparam name="TArgument">Its argument type; System.Text.Json must round-trip it.</typeparam>
    /// <typeparam name="TResult">Its result type; System.Text.Json must round-trip it.</typeparam>
    /// <param name="executor">The executor.</param>
    /// <param name="argument">The job's argument.</param>
    /// <param name="timeout">The job's timeout, from its submission; null for the executor's.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The job's result, or its failure (see
    /// <see cref="PoolClientProcessExtensions.RunProcessJobAsync{TJob, TArgument, TResult}"/>).</returns>
    public static Task<TResult> RunProcessJobAsync<TJob, TArgument, TResult>(
        this ReusableExecutor executor, TArgument argument, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        ArgumentNullException.ThrowIfNull(executor);
        return executor.AfterReplacement(
            () => executor.Client.RunProcessJobAsync<TJob, TArgument, TResult>(argument, timeout, cancellationToken));
    }
}
