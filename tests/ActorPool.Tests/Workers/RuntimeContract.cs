using ActorPool.Internal.Workers;
using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests.Workers;

/// <summary>
/// What every pool runtime does, whatever its workers are: the same tests run against the thread
/// backend here and the process backend in ActorPool.Process.Tests. A backend supplies its runtime
/// and three portable jobs (echo a number, throw a message, sleep); everything else is the contract.
/// </summary>
public abstract class RuntimeContract(ITestOutputHelper output) : PoolTestKit(output)
{
    private readonly List<IPoolRuntime> _started = [];

    private protected TestOwner Owner { get; } = new();

    /// <summary>Starts a runtime of the backend under test, taking shared jobs.</summary>
    private protected abstract IPoolRuntime Start(int workers, WorkerSettings settings);

    /// <summary>A job that returns <paramref name="value"/>.</summary>
    private protected abstract Job<int> Echo(int value, TimeSpan? timeout = null);

    /// <summary>A job that throws an exception carrying <paramref name="message"/>.</summary>
    private protected abstract Job<int> Throw(string message);

    /// <summary>A job that sleeps <paramref name="duration"/>, giving up when cancelled if <paramref name="cooperative"/>, then returns 1.</summary>
    private protected abstract Job<int> Sleep(TimeSpan duration, bool cooperative, TimeSpan? timeout = null);

    /// <summary>The type of exception a job from <see cref="Throw"/> fails with, as the caller sees it.</summary>
    protected abstract Type ThrownType { get; }

    [Fact]
    public async Task AJob_AnswersItsCaller_AndIsCountedOnce()
    {
        var runtime = Started(workers: 2);

        Assert.Equal(42, await Within(TestOwner.Run(runtime, Echo(42))));

        await EventuallyAsync(() => Assert.Equal(1, runtime.Tally.Succeeded));
        Assert.Equal(1, runtime.JobsStarted);
        Assert.Equal(1, Owner.Ended);
        Assert.Equal(0, runtime.Pending);
    }

    [Fact]
    public async Task AFailingJob_GivesItsCallerTheError_AndThePoolRunsOn()
    {
        var runtime = Started(workers: 1);

        var error = await Assert.ThrowsAsync(ThrownType, () => Within(TestOwner.Run(runtime, Throw("boom"))));
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);

        Assert.Equal(7, await Within(TestOwner.Run(runtime, Echo(7))));
        await EventuallyAsync(() => Assert.Equal((1, 1), (runtime.Tally.Failed, runtime.Tally.Succeeded)));
    }

    [Fact]
    public async Task AQueuedJob_PastItsTimeout_IsAnsweredAtOnce_AndNeverRuns()
    {
        var runtime = Started(workers: 1);
        var busy = TestOwner.Run(runtime, Sleep(TimeSpan.FromSeconds(1), cooperative: false));
        await UntilAsync(() => runtime.Running == 1);

        var queued = TestOwner.Run(runtime, Echo(1, timeout: TimeSpan.FromMilliseconds(50)));

        var timedOut = await Assert.ThrowsAsync<JobTimeoutException>(() => Within(queued));
        Assert.Equal(TimeSpan.FromMilliseconds(50), timedOut.Timeout);
        Assert.False(busy.IsCompleted, "the queued job's timeout must not wait for the worker ahead of it");
        Assert.Equal(1, await Within(busy));
        // Only the job that held the worker succeeded: the queued one was skipped when reached.
        await EventuallyAsync(() => Assert.Equal((1, 1, 0), (runtime.Tally.TimedOut, runtime.Tally.Succeeded, runtime.Pending)));
    }

    [Fact]
    public async Task ARunningJob_PastItsTimeout_IsAnsweredOnce_AndItsWorkerServesAgain()
    {
        var runtime = Started(workers: 1);

        var job = TestOwner.Run(runtime, Sleep(TimeSpan.FromSeconds(30), cooperative: true, timeout: TimeSpan.FromMilliseconds(100)));

        await Assert.ThrowsAsync<JobTimeoutException>(() => Within(job));
        Assert.Equal(5, await Within(TestOwner.Run(runtime, Echo(5))));
        await EventuallyAsync(() => Assert.Equal((1, 0), (runtime.Tally.TimedOut, runtime.StuckWorkers)));
    }

    [Fact]
    public async Task Shutdown_DropsQueuedJobsWithTheReason_AndTheWorkersEnd()
    {
        var runtime = Started(workers: 1);
        var running = TestOwner.Run(runtime, Sleep(TimeSpan.FromMilliseconds(300), cooperative: false));
        await UntilAsync(() => runtime.Running == 1);
        var queued = TestOwner.Run(runtime, Echo(2));

        runtime.Shutdown(new OperationCanceledException("pool stopped"));

        Assert.Equal("pool stopped", (await Assert.ThrowsAsync<OperationCanceledException>(() => Within(queued))).Message);
        Assert.Equal(1, await Within(running));
        await Within(runtime.Terminated);
        Assert.Equal(0, runtime.LiveWorkers);
        Assert.Equal(1, runtime.Tally.Dropped);
    }

    [Fact]
    public async Task Close_LetsPendingJobsFinish_ThenTheWorkersEnd()
    {
        var runtime = Started(workers: 2);
        var jobs = Enumerable.Range(0, 6).Select(i => TestOwner.Run(runtime, Echo(i))).ToList();

        runtime.Close();

        Assert.Equal(Enumerable.Range(0, 6), await Within(Task.WhenAll(jobs)));
        await Within(runtime.Terminated);
        Assert.False(runtime.TryAdmit(PoolMode.Shared));
    }

    [Fact]
    public async Task Resize_GrowsAndShrinksTheWorkersInPlace()
    {
        var runtime = Started(workers: 1);

        runtime.Resize(3);
        await EventuallyAsync(() => Assert.Equal(3, runtime.LiveWorkers));
        var three = Enumerable.Range(0, 3).Select(_ => TestOwner.Run(runtime, Sleep(TimeSpan.FromMilliseconds(200), cooperative: false))).ToList();
        await UntilAsync(() => runtime.Running == 3);
        await Within(Task.WhenAll(three));

        runtime.Resize(1);
        await EventuallyAsync(() => Assert.Equal(1, runtime.LiveWorkers));
        Assert.Equal(9, await Within(TestOwner.Run(runtime, Echo(9))));
    }

    [Fact]
    public async Task KillWorkers_StartsFreshWorkers_AndQueuedJobsRunOnThem()
    {
        var runtime = Started(workers: 2);
        Assert.Equal(1, await Within(TestOwner.Run(runtime, Echo(1))));
        var before = runtime.WorkersStarted;

        runtime.KillWorkers();

        Assert.Equal(2, await Within(TestOwner.Run(runtime, Echo(2))));
        Assert.True(runtime.WorkersStarted >= before + 2, $"{runtime.WorkersStarted} workers started, {before} before the kill");
        await EventuallyAsync(() => Assert.Equal(2, runtime.LiveWorkers));
    }

    [Fact]
    public async Task IdleNotices_ReachEveryoneWhoAsked()
    {
        var runtime = Started(workers: 1);
        var job = TestOwner.Run(runtime, Sleep(TimeSpan.FromMilliseconds(200), cooperative: false));
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();

        runtime.NotifyWhenIdle(() => first.TrySetResult());
        runtime.NotifyWhenIdle(() => second.TrySetResult());

        await Within(Task.WhenAll(first.Task, second.Task, job));
        Assert.Equal(0, runtime.Pending);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var runtime in _started)
        {
            runtime.Shutdown(new OperationCanceledException("test ended"));
        }
        base.Dispose(disposing);
    }

    private protected IPoolRuntime Started(int workers, WorkerSettings? settings = null)
    {
        var runtime = Start(workers, settings ?? new WorkerSettings());
        _started.Add(runtime);
        return runtime;
    }
}
