using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests.Reusable;

/// <summary>loky's reusable executor rules: reuse, resize in place, kill workers, a new executor for other options, idle timeout.</summary>
public sealed class ReusableExecutorTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private static int s_keys;
    private readonly string _key = $"k{Interlocked.Increment(ref s_keys)}";

    private ActorPools Pools => ActorPools.Get(Sys);

    [Fact]
    public async Task TheSameOptions_ReturnTheSameExecutor()
    {
        var first = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 2 });
        var again = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 2 });

        Assert.Same(first, again);
        Assert.Equal(4, await Within(again.SubmitAsync(() => 2 + 2)));
        Assert.Equal(2, (await first.GetStatusAsync()).Pools.Single().LiveWorkers);
    }

    [Fact]
    public async Task AnotherWorkerCount_ResizesTheExecutorInPlace()
    {
        var first = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 2 });
        await Within(first.SubmitAsync(() => 0));

        var resized = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 5 });

        Assert.Same(first, resized);
        Assert.Equal(5, resized.Options.MaxWorkers);
        await EventuallyAsync(async () => Assert.Equal(5, (await resized.GetStatusAsync()).Pools.Single().LiveWorkers));
    }

    [Fact]
    public async Task KillWorkers_ReplacesTheWorkersOfTheReusedExecutor()
    {
        var first = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 2 });
        var before = await Within(first.SubmitAsync(() => Thread.CurrentThread.Name!));

        var killed = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 2, KillWorkers = true });

        Assert.Same(first, killed);
        await EventuallyAsync(async () => Assert.Equal(4, (await killed.GetStatusAsync()).Pools.Single().WorkersStarted));
        Assert.NotEqual(before, await Within(killed.SubmitAsync(() => Thread.CurrentThread.Name!)));
    }

    [Fact]
    public async Task OtherOptions_LetTheOldExecutorsJobsFinish_AndMakeANewOne()
    {
        using var gate = new Gate();
        var first = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 1 });
        var running = first.SubmitAsync(() => { gate.Pass(); return "old job done"; });
        await UntilAsync(() => gate.Entered == 1);
        Watch(first.Supervisor);

        var second = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 1, Initializer = new NamedInitializer() });

        Assert.NotSame(first, second);
        Assert.True(first.IsShutdown);
        Assert.Equal("named", await Within(second.SubmitAsync(() => NamedInitializer.Name!)));
        gate.Open();
        Assert.Equal("old job done", await Within(running));
        await ExpectTerminatedAsync(first.Supervisor, Wait);
    }

    [Fact]
    public async Task Shutdown_StopsTheExecutor_AndTheNextRequestMakesANewOne()
    {
        var first = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 1 });
        Assert.Equal(1, await Within(first.SubmitAsync(() => 1)));

        await Within(first.ShutdownAsync());

        Assert.True(first.IsShutdown);
        var second = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 1 });
        Assert.NotSame(first, second);
        Assert.Equal(2, await Within(second.SubmitAsync(() => 2)));
    }

    [Fact]
    public async Task IdleWorkers_EndAfterTheIdleTimeout_AndComeBackForTheNextJob()
    {
        var executor = Pools.ReusableExecutor(new ReusableExecutorOptions { Key = _key, MaxWorkers = 2, IdleTimeout = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(1, await Within(executor.SubmitAsync(() => 1)));

        await EventuallyAsync(async () => Assert.Equal(0, (await executor.GetStatusAsync()).Pools.Single().LiveWorkers));

        Assert.Equal(2, await Within(executor.SubmitAsync(() => 2)));
    }

    [Theory]
    [InlineData("has space", 1)]
    [InlineData("ok", 0)]
    public void BadOptions_AreRefusedNamingWhatWasWrong(string key, int maxWorkers)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Pools.ReusableExecutor(new ReusableExecutorOptions { Key = key, MaxWorkers = maxWorkers }));

        Assert.Contains(maxWorkers == 0 ? "MaxWorkers" : "Key", error.Message, StringComparison.Ordinal);
    }

    private sealed class NamedInitializer : IWorkerInitializer
    {
        [ThreadStatic]
        private static string? s_name;

        public static string? Name => s_name;

        public void Initialize(WorkerStart worker) => s_name = "named";
    }
}
