using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using ActorPool.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ActorPool.Tests.Workers;

/// <summary>How thread workers live, are recycled and end: the <c>workers</c> block on the thread backend.</summary>
public sealed class WorkerLifecycleTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private static int s_pools;
    private readonly List<ThreadRuntime> _started = [];
    private readonly TestOwner _owner = new();

    [Fact]
    public async Task MaxJobsPerWorker_ReplacesAWorkerAfterItsLastJob()
    {
        var runtime = Start(1, new WorkerSettings { MaxJobsPerWorker = 2 });

        var threads = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            threads.Add(await Within(Run(runtime, () => Thread.CurrentThread.Name!)));
        }

        Assert.Equal(3, threads.Distinct().Count());
        Assert.Equal(threads[0], threads[1]);
        Assert.NotEqual(threads[1], threads[2]);
        Assert.Equal(threads[2], threads[3]);
        // 1 at the start, and one after each second job.
        await EventuallyAsync(() => Assert.Equal((4, 1), (runtime.WorkersStarted, runtime.LiveWorkers)));
    }

    [Fact]
    public async Task Ephemeral_StartsOneWorkerPerJob_AndReapsThemAll()
    {
        var runtime = Start(4, new WorkerSettings { Mode = WorkerMode.Ephemeral });
        Assert.Equal(0, runtime.LiveWorkers);

        var jobs = Enumerable.Range(0, 1000).Select(i => Run(runtime, () => i)).ToList();

        Assert.Equal(Enumerable.Range(0, 1000), await Within(Task.WhenAll(jobs)));
        await EventuallyAsync(() => Assert.Equal((1000, 0), (runtime.WorkersStarted, runtime.LiveWorkers)));
        // A thread stops counting just before it returns.
        await EventuallyAsync(() => Assert.DoesNotContain(ThreadRuntime.LiveThreadNames, n => n.StartsWith(runtime.Name + "-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Ephemeral_RunsAtMostWorkersJobsAtOnce()
    {
        using var gate = new Gate();
        var runtime = Start(2, new WorkerSettings { Mode = WorkerMode.Ephemeral });

        var jobs = Enumerable.Range(0, 5).Select(i => Run(runtime, () => { gate.Pass(); return i; })).ToList();
        await UntilAsync(() => gate.Entered == 2);
        Assert.Equal((2, 3), (runtime.LiveWorkers, runtime.Queued));

        gate.Open();
        Assert.Equal(Enumerable.Range(0, 5), await Within(Task.WhenAll(jobs)));
        await EventuallyAsync(() => Assert.Equal((5, 0), (runtime.WorkersStarted, runtime.LiveWorkers)));
    }

    [Fact]
    public async Task IdleTimeout_EndsIdleWorkers_AndTheNextJobStartsOneAgain()
    {
        var runtime = Start(2, new WorkerSettings { IdleTimeout = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(1, await Within(Run(runtime, () => 1)));

        await EventuallyAsync(() => Assert.Equal(0, runtime.LiveWorkers));

        Assert.Equal(2, await Within(Run(runtime, () => 2)));
        Assert.True(runtime.WorkersStarted >= 3, $"{runtime.WorkersStarted} workers started");
        Assert.False(runtime.Terminated.IsCompleted, "idle workers ending is not the pool ending");
        runtime.Close();
        await Within(runtime.Terminated);
    }

    [Fact]
    public async Task MaxLifetime_ReplacesAWorkerPastItsAge_AfterItsCurrentJob()
    {
        var clock = new FakeTimeProvider();
        var runtime = Start(1, new WorkerSettings { MaxLifetime = TimeSpan.FromHours(1), MaxLifetimeVariance = 0 }, clock);
        var first = await Within(Run(runtime, () => Thread.CurrentThread.Name!));
        Assert.Equal(first, await Within(Run(runtime, () => Thread.CurrentThread.Name!)));

        clock.Advance(TimeSpan.FromHours(2));
        // The old worker takes this job, then retires after it.
        Assert.Equal(first, await Within(Run(runtime, () => Thread.CurrentThread.Name!)));

        Assert.NotEqual(first, await Within(Run(runtime, () => Thread.CurrentThread.Name!)));
        await EventuallyAsync(() => Assert.Equal((2, 1), (runtime.WorkersStarted, runtime.LiveWorkers)));
    }

    [Fact]
    public void MaxLifetimeVariance_ShortensEachWorkersLifetimeWithinItsShare()
    {
        var clock = new FakeTimeProvider();
        var life = new WorkerLife(0, TimeSpan.FromMinutes(30), 0.025, null, clock);

        var lifetimes = Enumerable.Range(0, 200).Select(_ => life.Start().Deadline - clock.GetTimestamp()).Select(t => TimeSpan.FromSeconds(t / (double)clock.TimestampFrequency)).ToList();

        Assert.All(lifetimes, t => Assert.InRange(t, TimeSpan.FromMinutes(30) * 0.975, TimeSpan.FromMinutes(30)));
        Assert.True(lifetimes.Distinct().Count() > 100, "workers started together must not all retire together");
    }

    [Fact]
    public async Task Initializer_RunsOnceOnEachWorker_BeforeItsFirstJob()
    {
        var initializer = new CountingInitializer();
        var runtime = Start(2, new WorkerSettings { Initializer = initializer, MaxJobsPerWorker = 3 });

        var seen = await Within(Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Run(runtime, () => CountingInitializer.Current))));

        Assert.All(seen, s => Assert.StartsWith(runtime.Name, s, StringComparison.Ordinal));
        await EventuallyAsync(() => Assert.Equal(runtime.WorkersStarted, initializer.Calls));
    }

    [Fact]
    public async Task AThrowingInitializer_FailsTheJobItMeets_AndAFreshWorkerTriesAgain()
    {
        var initializer = new CountingInitializer { FailFirst = 1 };
        var runtime = Start(1, new WorkerSettings { Initializer = initializer });

        var error = await Assert.ThrowsAsync<WorkerInitializationException>(() => Within(Run(runtime, () => 1)));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains(nameof(CountingInitializer), error.Message, StringComparison.Ordinal);

        Assert.Equal(2, await Within(Run(runtime, () => 2)));
        Assert.Equal(1, runtime.Tally.Crashed);
    }

    [Fact]
    public async Task AStuckJob_KeepsItsWorkerCounted_AndAReplacementServesMeanwhile()
    {
        using var gate = new Gate();
        var runtime = Start(1, new WorkerSettings { StuckReplacements = 1 });

        var stuck = Run(runtime, () => { gate.Pass(); return 1; }, TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<JobTimeoutException>(() => Within(stuck));
        Assert.Equal(1, runtime.StuckWorkers);
        // Within the allowance: a replacement thread keeps the pool's capacity.
        Assert.Equal(2, await Within(Run(runtime, () => 2)));
        Assert.Equal(2, runtime.LiveWorkers);

        gate.Open();
        await EventuallyAsync(() => Assert.Equal((0, 1, 1), (runtime.StuckWorkers, runtime.LiveWorkers, runtime.Tally.TimedOut)));
        Assert.Equal(0, runtime.Pending);
    }

    [Fact]
    public async Task AStuckJob_PastTheAllowance_LeavesThePoolAWorkerShort()
    {
        using var gate = new Gate();
        var runtime = Start(1, new WorkerSettings { StuckReplacements = 0 });

        var stuck = Run(runtime, () => { gate.Pass(); return 1; }, TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAsync<JobTimeoutException>(() => Within(stuck));

        var next = Run(runtime, () => 2);
        Assert.Equal((1, 1), (runtime.LiveWorkers, runtime.StuckWorkers));
        Assert.False(next.IsCompleted, "no replacement: the next job waits for the stuck worker");

        gate.Open();
        Assert.Equal(2, await Within(next));
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var runtime in _started)
        {
            runtime.Shutdown(new OperationCanceledException("test ended"));
        }
        base.Dispose(disposing);
    }

    private ThreadRuntime Start(int workers, WorkerSettings settings, TimeProvider? clock = null)
    {
        var name = $"life-{Interlocked.Increment(ref s_pools)}";
        var runtime = new ThreadRuntime(new PoolStart(name, name, workers, PoolMode.Shared, null, Internal.Dispatch.Requirement.None, settings, clock ?? TimeProvider.System, null, null));
        _started.Add(runtime);
        return runtime;
    }

    private Task<T> Run<T>(IPoolRuntime runtime, Func<T> job, TimeSpan? timeout = null) =>
        TestOwner.Run(runtime, new SyncJob<T>(job, _owner, timeout));

    private sealed class CountingInitializer : IWorkerInitializer
    {
        [ThreadStatic]
        private static string? s_current;

        private int _calls;

        public static string? Current => s_current;

        public int FailFirst { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public void Initialize(WorkerStart worker)
        {
            if (Interlocked.Increment(ref _calls) <= FailFirst)
            {
                throw new InvalidOperationException("cache not reachable");
            }
            s_current = $"{worker.Pool}#{worker.Worker}";
        }
    }
}
