namespace ActorPool.Internal.Workers.Threads;

/// <summary>The thread backend: each pool's workers are dedicated threads of this process.</summary>
internal sealed class ThreadRuntimeFactory : IPoolRuntimeFactory
{
    public static readonly ThreadRuntimeFactory Instance = new();

    public IPoolRuntime Start(PoolStart start)
    {
        var workers = start.Settings;
        var life = new WorkerLife(
            workers.MaxJobsPerWorker, workers.MaxLifetime, workers.MaxLifetimeVariance, workers.IdleTimeout, start.Clock,
            ephemeral: workers.Mode == WorkerMode.Ephemeral);
        return new ThreadRuntime(start.Name, start.Prefix, start.Workers, start.Mode, start.Shared, start.Capabilities, life);
    }
}
