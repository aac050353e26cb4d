namespace ActorPool.Process;

/// <summary>
/// A job that can run in a child worker process: a public class with a public parameterless
/// constructor, registered with <see cref="ProcessJobRegistry.Register{TJob}"/>. The argument and
/// the result cross the process boundary as System.Text.Json payloads.
/// </summary>
/// <remarks>
/// <para>The child creates a new instance for every job, so state kept in fields does not carry over;
/// static state lives as long as the child (use it for caches, as an <see cref="IProcessInitializer"/> does).</para>
/// <para>Whatever the job writes to <c>Console.Out</c> reaches the parent's log at Info, and
/// <c>Console.Error</c> at Warning, under the worker's name.</para>
/// </remarks>
/// <typeparam name="TArgument">The argument type; System.Text.Json must round-trip it.</typeparam>
/// <typeparam name="TResult">The result type; System.Text.Json must round-trip it.</typeparam>
public interface IProcessJob<in TArgument, TResult>
{
    /// <summary>Runs the job in the child.</summary>
    /// <param name="argument">The argument, deserialized in the child.</param>
    /// <param name="cancellationToken">Cancelled when the caller cancels or the job times out. A job
    /// that ignores it is killed with its child after <c>cancel-grace</c>.</param>
    /// <returns>The result, serialized back to the parent.</returns>
    Task<TResult> RunAsync(TArgument argument, CancellationToken cancellationToken);
}

/// <summary>
/// Runs once in every child before its first job (loky's <c>initializer</c>): load a model, warm
/// a cache, set process-wide state. A public class with a public parameterless constructor,
/// named with <see cref="ProcessJobRegistry.WithInitializer{TInitializer}"/>.
/// </summary>
/// <remarks>An exception thrown here fails the child's start: the job waiting for the child fails
/// with <see cref="WorkerCrashedException"/> carrying the exception's text.</remarks>
public interface IProcessInitializer
{
    /// <summary>Runs once in the child, before any job.</summary>
    void Initialize();
}
