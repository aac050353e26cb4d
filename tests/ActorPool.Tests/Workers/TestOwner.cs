using ActorPool.Internal.Workers;

namespace ActorPool.Tests.Workers;

/// <summary>Admits jobs straight onto one runtime, as the data plane does, and counts what ended.</summary>
internal sealed class TestOwner(TimeProvider? clock = null) : IJobOwner
{
    private int _ended;

    public CancellationToken Token => default;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public int Ended => Volatile.Read(ref _ended);

    public Exception Translate(Exception error) => error;

    public void JobEnded() => Interlocked.Increment(ref _ended);

    /// <summary>Admits <paramref name="job"/> on <paramref name="runtime"/> and hands it over.</summary>
    public static Task<T> Run<T>(IPoolRuntime runtime, Job<T> job)
    {
        if (!runtime.TryAdmit(PoolMode.Shared))
        {
            throw new InvalidOperationException($"{runtime.Name} takes no shared jobs");
        }
        job.Pool = runtime;
        runtime.Enqueue(job);
        return job.Task;
    }
}
