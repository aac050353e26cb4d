namespace ActorPool;

/// <summary>
/// The <c>actor-pool.workers</c> block: where a pool's workers run, and how they live, are recycled
/// and are limited (loky's reusable executor, HikariCP's max-lifetime, task-driven workers). Each
/// property is described, with an example, above its key in <c>HOCON/reference.conf</c>.
/// Immutable; change it with <c>with { ... }</c>.
/// </summary>
public sealed record WorkerSettings
{
    /// <summary>
    /// Where a pool's workers run (HOCON <c>actor-pool.workers.backend</c>: <c>thread</c> or
    /// <c>process</c>). The process backend needs the ActorPool.Process package.
    /// </summary>
    /// <value>The default value is <see cref="WorkerBackend.Thread"/>.</value>
    public WorkerBackend Backend { get; init; } = WorkerBackend.Thread;

    /// <summary>
    /// Reuse workers job after job, or start one per job (HOCON <c>actor-pool.workers.mode</c>:
    /// <c>reuse</c> or <c>ephemeral</c>).
    /// </summary>
    /// <value>The default value is <see cref="WorkerMode.Reuse"/>.</value>
    public WorkerMode Mode { get; init; } = WorkerMode.Reuse;

    /// <summary>
    /// Jobs after which a worker is replaced by a fresh one; 0 for never (HOCON
    /// <c>actor-pool.workers.max-jobs-per-worker</c>, <c>off</c>). Must be zero or more.
    /// </summary>
    /// <value>The default value is 0 (off).</value>
    public int MaxJobsPerWorker { get; init; }

    /// <summary>
    /// Age after which a worker is replaced after its current job; <see langword="null"/> for
    /// never (HOCON <c>actor-pool.workers.max-lifetime</c>, <c>off</c>). Must be positive.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (off).</value>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>
    /// The largest share by which each worker's lifetime is shortened at random, so workers
    /// started together do not retire together (HOCON <c>actor-pool.workers.max-lifetime-variance</c>).
    /// Must be within [0, 0.5].
    /// </summary>
    /// <value>The default value is 0.025 (HikariCP's 2.5%).</value>
    public double MaxLifetimeVariance { get; init; } = 0.025;

    /// <summary>
    /// How long a worker waits for a job before it stops; the next job starts one again, unseen by
    /// its caller. <see langword="null"/> keeps idle workers (HOCON
    /// <c>actor-pool.workers.idle-timeout</c>, <c>off</c>). Must be positive.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (off).</value>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// The timeout of a job submitted without one, counted from its submission; its caller then
    /// gets <see cref="JobTimeoutException"/>. <see langword="null"/> for none (HOCON
    /// <c>actor-pool.workers.job-timeout</c>, <c>off</c>). Must be positive.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (off).</value>
    public TimeSpan? JobTimeout { get; init; }

    /// <summary>
    /// How many workers of a pool may be held by jobs that outlived their timeout before the pool
    /// stops starting replacements for them (HOCON <c>actor-pool.workers.stuck-replacements</c>).
    /// Each replacement is a new thread: the allowance bounds how many threads stuck jobs can cost.
    /// Must be zero or more.
    /// </summary>
    /// <value>The default value is 4.</value>
    public int StuckReplacements { get; init; } = 4;

    /// <summary>
    /// How many workers a job may crash (a child process dying under it) before it fails with
    /// <see cref="WorkerCrashedException"/> instead of running again (HOCON
    /// <c>actor-pool.workers.max-job-crashes</c>). Must be at least 1.
    /// </summary>
    /// <value>The default value is 2 (one retry).</value>
    public int MaxJobCrashes { get; init; } = 2;

    /// <summary>
    /// Runs once on each worker before its first job, like loky's initializer; null for none. In
    /// HOCON, <c>actor-pool.workers.initializer</c> names a type implementing
    /// <see cref="IWorkerInitializer"/> with a public parameterless constructor.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IWorkerInitializer? Initializer { get; init; }

    /// <summary>
    /// The backend's own settings given in code (the process backend's <c>ProcessSettings</c>, set by
    /// its <c>WithProcessBackend</c> extensions); null reads the backend's HOCON block as a pool starts.
    /// Opaque here because the core does not reference the process package.
    /// </summary>
    internal object? BackendSettings { get; init; }
}

/// <summary>Where a pool's workers run (<c>actor-pool.workers.backend</c>).</summary>
public enum WorkerBackend
{
    /// <summary>Dedicated threads of this process.</summary>
    Thread,

    /// <summary>One child process per pool (the ActorPool.Process package).</summary>
    Process,
}

/// <summary>How workers are used (<c>actor-pool.workers.mode</c>).</summary>
public enum WorkerMode
{
    /// <summary>Workers take job after job.</summary>
    Reuse,

    /// <summary>A worker per job, started for it and gone when it ends (task-driven workers).</summary>
    Ephemeral,
}

/// <summary>Runs once on each new worker, before its first job (loky's initializer).</summary>
public interface IWorkerInitializer
{
    /// <summary>
    /// Prepares the worker. If it throws, the worker takes no job of its own: the next job it is
    /// handed fails with <see cref="WorkerInitializationException"/> (the error inside), and a fresh
    /// worker, which runs the initializer again, takes its place.
    /// </summary>
    /// <param name="worker">Which worker starts: its pool's name and its own number.</param>
    void Initialize(WorkerStart worker);
}

/// <summary>What an <see cref="IWorkerInitializer"/> learns about the worker it prepares.</summary>
/// <param name="Pool">The pool's name, e.g. <c>pool-2</c>.</param>
/// <param name="Worker">The worker's number within its pool, from 1, replacements counting on.</param>
public sealed record WorkerStart(string Pool, long Worker);
