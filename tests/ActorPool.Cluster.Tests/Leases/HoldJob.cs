using System.Collections.Concurrent;
using ActorPool.Process;

namespace ActorPool.Cluster.Tests.Leases;

/// <summary>
/// Holds its worker thread until the test opens its gate (or its token is cancelled), so a job is
/// seen running on a pool: an asynchronous job that awaits gives its worker back and is not counted.
/// </summary>
public sealed class HoldJob : IProcessJob<string, string>
{
    private static readonly ConcurrentDictionary<string, ManualResetEventSlim> s_gates = new();

    public Task<string> RunAsync(string argument, CancellationToken cancellationToken)
    {
        Gate(argument).Wait(cancellationToken);
        return Task.FromResult(argument);
    }

    public static void Open(string argument) => Gate(argument).Set();

    /// <summary>Lets every held job end, so no worker thread outlives its test.</summary>
    public static void OpenAll()
    {
        foreach (var gate in s_gates.Values)
        {
            gate.Set();
        }
    }

    private static ManualResetEventSlim Gate(string argument) => s_gates.GetOrAdd(argument, _ => new ManualResetEventSlim());
}
