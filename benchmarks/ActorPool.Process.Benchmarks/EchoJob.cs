using ActorPool.Process;

namespace ActorPool.Process.Benchmarks;

/// <summary>The small job of the round trip: a short string there and back.</summary>
public sealed class EchoJob : IProcessJob<string, string>
{
    public Task<string> RunAsync(string argument, CancellationToken cancellationToken) => Task.FromResult(argument);
}
