namespace ActorPool;

/// <summary>
/// The <c>actor-pool.pull</c> block: how a pull-mode run asks its <see cref="ITaskSource"/> for
/// work, as Crawlee's <c>AutoscaledPool</c> does. Each property is described, with an example,
/// above its key in <c>HOCON/reference.conf</c>. Immutable; change it with <c>with { ... }</c>.
/// </summary>
public sealed record PullSettings
{
    /// <summary>
    /// When nothing was ready and tasks still run, how soon to ask again (Crawlee's
    /// <c>maybeRunIntervalSecs</c>); a task that ends, a resume, or a worker set free asks at once
    /// (HOCON <c>actor-pool.pull.maybe-run-interval</c>). Must be positive.
    /// </summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan MaybeRunInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long one task may run before its token is cancelled and it counts as failed with a
    /// <see cref="TimeoutException"/> (Crawlee's <c>taskTimeoutSecs</c>); <see langword="null"/>
    /// for no limit (HOCON <c>actor-pool.pull.task-timeout</c>, <c>off</c>). Must be positive.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (off).</value>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>
    /// At most this many tasks start per minute, evenly spaced; 0 for no limit (HOCON
    /// <c>actor-pool.pull.max-tasks-per-minute</c>, <c>off</c>). Must be zero or more.
    /// </summary>
    /// <value>The default value is 0 (off).</value>
    public int MaxTasksPerMinute { get; init; }

    /// <summary>
    /// Whether a failed task leaves the run going (counted in <see cref="RunCompleted.Failed"/>);
    /// off, the first failure ends the run with it, as Crawlee does (HOCON
    /// <c>actor-pool.pull.continue-on-error</c>).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ContinueOnError { get; init; }

    /// <summary>
    /// How often an active run logs its state; <see langword="null"/> for never (HOCON
    /// <c>actor-pool.pull.logging-interval</c>, <c>off</c>). Must be positive.
    /// </summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan? LoggingInterval { get; init; } = TimeSpan.FromSeconds(60);
}
