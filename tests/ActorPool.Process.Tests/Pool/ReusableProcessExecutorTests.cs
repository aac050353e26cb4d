using ActorPool.Process.TestApp;
using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Process.Tests.Pool;

/// <summary>loky's reusable executor on the process backend: its children's settings in its
/// identity, and <c>kill_workers</c> returning an executor whose next job meets a fresh child.</summary>
public sealed class ReusableProcessExecutorTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private const string Variable = ProcessChildSetupTests.Variable;

    [Fact]
    public async Task AReusableExecutor_IsReusedForEqualProcessSettings_AndReplacedForAnotherEnv()
    {
        static ReusableExecutorOptions Options(string value) => new ReusableExecutorOptions { Key = "env", MaxWorkers = 1 }
            .WithProcessBackend(new ProcessSettings
            {
                Env = new Dictionary<string, string> { [Variable] = value },
                Initializer = typeof(CountingInitializer),
            });
        var pools = ActorPools.Get(Sys);

        var first = pools.ReusableExecutor(Options("a"));
        var same = pools.ReusableExecutor(Options("a"));
        var a = await Within(first.RunProcessJobAsync<ChildSetupJob, string, ChildSetup>(Variable));
        var other = pools.ReusableExecutor(Options("b"));
        var b = await Within(other.RunProcessJobAsync<ChildSetupJob, string, ChildSetup>(Variable));

        Assert.Same(first, same);
        Assert.NotSame(first, other);
        Assert.Equal(WorkerBackend.Process, other.Settings.Workers.Backend);
        Assert.Equal(("a", 1), (a.Variable, a.InitializerRuns));
        Assert.Equal(("b", 1), (b.Variable, b.InitializerRuns));
        await other.ShutdownAsync().WaitAsync(Wait);
    }

    [Fact]
    public async Task KillWorkers_TheNextJob_RunsOnAFreshChild_AndSucceeds()
    {
        var options = new ReusableExecutorOptions { Key = "kill", MaxWorkers = 1 }.WithProcessBackend(new ProcessSettings());
        var pools = ActorPools.Get(Sys);
        var executor = pools.ReusableExecutor(options);
        var before = await Within(executor.RunProcessJobAsync<ChildSetupJob, string, ChildSetup>(Variable));

        var killed = pools.ReusableExecutor(options with { KillWorkers = true });
        // Asked for at once: it waits for the replacement instead of meeting the child being killed.
        var after = await Within(killed.RunProcessJobAsync<ChildSetupJob, string, ChildSetup>(Variable));

        Assert.Same(executor, killed);
        Assert.NotEqual(before.Pid, after.Pid);
    }
}
