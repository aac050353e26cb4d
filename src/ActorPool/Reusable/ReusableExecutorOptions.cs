namespace ActorPool;

/// <summary>
/// What <see cref="ActorPools.ReusableExecutor(ReusableExecutorOptions)"/> is asked for, as loky's
/// <c>get_reusable_executor</c> arguments. Executors are kept by <see cref="Key"/>: asking again
/// with the same options returns the same executor.
/// </summary>
public sealed record ReusableExecutorOptions
{
    /// <summary>
    /// The name the executor is kept under; letters, digits, '-' and '_' (it names the supervisor
    /// actor, <c>reusable-&lt;key&gt;-&lt;n&gt;</c>).
    /// </summary>
    /// <value>The default value is <c>default</c>.</value>
    public string Key { get; init; } = "default";

    /// <summary>How many jobs run at once (its workers). A different count resizes the executor in place.</summary>
    /// <value>The default value is <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>How long a worker waits for a job before it ends; the next job starts one again. Null keeps idle workers.</summary>
    /// <value>The default value is 300 seconds, loky's.</value>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Replace every worker of a reused executor before it is returned (loky's <c>kill_workers</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool KillWorkers { get; init; }

    /// <summary>Runs once on each worker before its first job (loky's <c>initializer</c>); null for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IWorkerInitializer? Initializer { get; init; }

    /// <summary>The timeout of a job submitted without one; null for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? JobTimeout { get; init; }

    /// <summary>Where the workers run: threads, or child processes with the ActorPool.Process package.</summary>
    /// <value>The default value is <see cref="WorkerBackend.Thread"/>.</value>
    public WorkerBackend Backend { get; init; } = WorkerBackend.Thread;

    /// <summary>The backend's settings given in code (see <see cref="WorkerSettings.BackendSettings"/>);
    /// compared by value, so equal settings reuse the executor and different ones replace it.</summary>
    internal object? BackendSettings { get; init; }

    /// <summary>The same options but for the worker count and kill request: equal ones reuse an executor.</summary>
    internal ReusableExecutorOptions Identity => this with { MaxWorkers = 0, KillWorkers = false };
}
