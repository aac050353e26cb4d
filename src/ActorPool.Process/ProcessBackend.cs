namespace ActorPool.Process;

/// <summary>
/// Puts a pool, or a reusable executor, on the process backend with <see cref="ProcessSettings"/>
/// given in code: its children's environment, initializer, timeouts and the rest, instead of the
/// <c>actor-pool.process</c> HOCON block.
/// </summary>
/// <remarks>
/// <para>Extensions here rather than a property of the core's settings because the core does not
/// reference this package; the settings travel with the pool's <see cref="WorkerSettings"/> and
/// reach each pool as it starts. Start from <see cref="ProcessSettings.Create(Akka.Actor.ActorSystem)"/>
/// to keep the system's HOCON and change only some values:
/// <c>settings.WithProcessBackend(ProcessSettings.Create(system) with { Env = ... })</c>.</para>
/// <para>Pure functions of their arguments; safe from any thread.</para>
/// </remarks>
public static class ProcessBackend
{
    /// <summary>These pool settings with <c>workers.backend = process</c> and <paramref name="process"/>
    /// for every pool's children, for <c>PoolSupervisor.Props</c>.</summary>
    /// <param name="settings">The supervisor's settings.</param>
    /// <param name="process">The children's settings; checked here.</param>
    /// <returns>A copy of <paramref name="settings"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="process"/> has an invalid value.</exception>
    public static PoolSettings WithProcessBackend(this PoolSettings settings, ProcessSettings process)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(process);
        return settings with
        {
            Workers = settings.Workers with { Backend = WorkerBackend.Process, BackendSettings = process.Validate() },
        };
    }

    /// <summary>These options with <see cref="ReusableExecutorOptions.Backend"/> = process and
    /// <paramref name="process"/> for the executor's children (loky's <c>env</c> and
    /// <c>initializer</c>).</summary>
    /// <param name="options">The executor's options.</param>
    /// <param name="process">The children's settings; checked here. Compared by value: asking
    /// again with equal settings reuses the executor, with different ones replaces it.</param>
    /// <returns>A copy of <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="process"/> has an invalid value.</exception>
    public static ReusableExecutorOptions WithProcessBackend(this ReusableExecutorOptions options, ProcessSettings process)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(process);
        return options with { Backend = WorkerBackend.Process, BackendSettings = process.Validate() };
    }
}
