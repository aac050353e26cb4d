namespace ActorPool.Internal.Workers.Threads;

/// <summary>The thread backend: each pool's workers are dedicated threads of this process.</summary>
internal sealed class ThreadRuntimeFactory : IPoolRuntimeFactory
{
    public static readonly ThreadRuntimeFactory Instance = new();

    public IPoolRuntime Start(PoolStart start) => new ThreadRuntime(start);
}
