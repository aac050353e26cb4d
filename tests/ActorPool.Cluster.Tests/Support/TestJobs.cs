using ActorPool.Process;

namespace ActorPool.Cluster.Tests.Support;

/// <summary>Squares its argument on the node that runs it, and says which node that was.</summary>
public sealed class SquareJob : IProcessJob<int, SquareResult>
{
    public static readonly AsyncLocal<string> Node = new();

    public Task<SquareResult> RunAsync(int argument, CancellationToken cancellationToken) =>
        Task.FromResult(new SquareResult(argument * argument, Environment.CurrentManagedThreadId));
}

public sealed record SquareResult(int Square, int Thread);

/// <summary>Throws, to show a job's own failure crossing back.</summary>
public sealed class FailingJob : IProcessJob<string, int>
{
    public Task<int> RunAsync(string argument, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("refused: " + argument);
}

/// <summary>Waits on a gate the test opens, so a job can be caught running.</summary>
public sealed class GateJob : IProcessJob<string, string>
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<bool>> Gates = new();

    public async Task<string> RunAsync(string argument, CancellationToken cancellationToken)
    {
        await Gates.GetOrAdd(argument, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(cancellationToken);
        return argument;
    }
}
