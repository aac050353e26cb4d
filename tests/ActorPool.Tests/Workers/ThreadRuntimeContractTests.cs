using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using Xunit.Abstractions;

namespace ActorPool.Tests.Workers;

/// <summary>The runtime contract, on dedicated threads.</summary>
public sealed class ThreadRuntimeContractTests(ITestOutputHelper output) : RuntimeContract(output)
{
    private static int s_pools;

    protected override Type ThrownType => typeof(InvalidOperationException);

    private protected override IPoolRuntime Start(int workers, WorkerSettings settings)
    {
        var name = $"contract-{Interlocked.Increment(ref s_pools)}";
        return new ThreadRuntime(new PoolStart(name, name, workers, PoolMode.Shared, null, Internal.Dispatch.Requirement.None, settings, TimeProvider.System, null, null));
    }

    private protected override Job<int> Echo(int value, TimeSpan? timeout = null) => new SyncJob<int>(() => value, Owner, timeout);

    private protected override Job<int> Throw(string message) => new SyncJob<int>(() => throw new InvalidOperationException(message), Owner);

    private protected override Job<int> Sleep(TimeSpan duration, bool cooperative, TimeSpan? timeout = null) =>
        cooperative
            ? new AsyncJob<int>(async token => { await Task.Delay(duration, token); return 1; }, Owner, timeout)
            : new SyncJob<int>(() => { Thread.Sleep(duration); return 1; }, Owner, timeout);
}
