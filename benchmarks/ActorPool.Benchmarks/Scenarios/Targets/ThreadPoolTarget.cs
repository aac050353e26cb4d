namespace ActorPool.Benchmarks.Scenarios.Targets;

/// <summary>
/// The real .NET ThreadPool: jobs through <c>Task.Run</c>, size from <see cref="ThreadPool.ThreadCount"/>.
/// Left alone it is hill climbing plus starvation injection; with <paramref name="minThreads"/> it
/// is the oracle (<c>ThreadPool.SetMinThreads(knee)</c>: the knee's threads are there at once).
/// </summary>
internal sealed class ThreadPoolTarget : IScenarioTarget
{
    public ThreadPoolTarget(int? minThreads = null)
    {
        if (minThreads is { } min)
        {
            ThreadPool.GetMinThreads(out _, out var io);
            if (!ThreadPool.SetMinThreads(min, io))
            {
                throw new InvalidOperationException($"SetMinThreads({min}) refused");
            }
        }
    }

    public Task RunAsync(Workload job, CancellationToken cancellationToken) => Task.Run(job.Run, cancellationToken);

    public int Size() => ThreadPool.ThreadCount;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
