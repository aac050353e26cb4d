using ActorPool.Internal.Process.Pool;
using ActorPool.Internal.Workers;
using ActorPool.Process.TestApp;
using ActorPool.Tests.Workers;
using Xunit.Abstractions;

namespace ActorPool.Process.Tests.Pool;

/// <summary>The runtime contract, on child processes: the same tests as the thread backend's.</summary>
public sealed class ProcessRuntimeContractTests(ITestOutputHelper output) : RuntimeContract(output)
{
    private static int s_pools;

    protected override Type ThrownType => typeof(ProcessJobException);

    private protected override IPoolRuntime Start(int workers, WorkerSettings settings) => ProcessPools.Start(workers, settings);

    private protected override Job<int> Echo(int value, TimeSpan? timeout = null) =>
        PortableJobItem<int>.For<IntEchoJob, int>(value)(Owner, timeout, default);

    private protected override Job<int> Throw(string message) =>
        PortableJobItem<int>.For<ThrowJob, string>(message)(Owner, null, default);

    private protected override Job<int> Sleep(TimeSpan duration, bool cooperative, TimeSpan? timeout = null) =>
        PortableJobItem<int>.For<SleepJob, SleepArgs>(new SleepArgs((int)duration.TotalMilliseconds, cooperative))(Owner, timeout, default);

    /// <summary>Process runtimes for tests: short cancel grace, no supervisor.</summary>
    internal static class ProcessPools
    {
        public static ProcessRuntime Start(int workers, WorkerSettings settings, ProcessSettings? process = null)
        {
            var name = $"process-contract-{Interlocked.Increment(ref s_pools)}";
            return new ProcessRuntime(
                new PoolStart(name, name, workers, PoolMode.Shared, null, Internal.Dispatch.Requirement.None, settings, TimeProvider.System, null, null),
                process ?? new ProcessSettings { CancelGrace = TimeSpan.FromMilliseconds(200), StopTimeout = TimeSpan.FromSeconds(2) });
        }
    }
}
