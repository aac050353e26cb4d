using ActorPool.Internal.Process.Pool;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using ActorPool.Process.TestApp;
using ActorPool.Tests.Support;
using ActorPool.Tests.Workers;
using Xunit.Abstractions;
using static ActorPool.Process.Tests.Pool.ProcessRuntimeContractTests;

namespace ActorPool.Process.Tests.Pool;

/// <summary>What only a process pool does: refuse delegates, retry and quarantine crashing jobs,
/// kill children that ignore their timeout, recycle children, learn job types as they come.</summary>
public sealed class ProcessRuntimeTests(ITestOutputHelper output) : PoolTestKit(output), IAsyncLifetime
{
    private readonly TestOwner _owner = new();
    private readonly List<ProcessRuntime> _started = [];
    private readonly WorkerFixture _files = new();

    [Fact]
    public async Task ADelegateJob_FailsAtOnce_WithNotPortableJobException_AndTheSchedulerRefusesTasks()
    {
        var runtime = Started(workers: 1);

        var error = await Assert.ThrowsAsync<NotPortableJobException>(() => Within(TestOwner.Run(runtime, new SyncJob<int>(() => 1, _owner))));
        Assert.Contains("IProcessJob", error.Message, StringComparison.Ordinal);
        var refused = Assert.Throws<TaskSchedulerException>(() => new Task(() => { }).Start(runtime.Scheduler));
        Assert.IsType<NotPortableJobException>(refused.InnerException);
        Assert.Equal((1, 0), (runtime.Tally.Dropped, runtime.Pending));
    }

    [Fact]
    public async Task AJobThatKillsItsChild_IsRetriedOnAFreshOne_WithinMaxJobCrashes()
    {
        var runtime = Started(workers: 1, new WorkerSettings { MaxJobCrashes = 2 });

        var pid = await Within(TestOwner.Run(runtime, PortableJobItem<int>.For<CrashOnceJob, string>(_files.Marker())(_owner, null, default)));

        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Equal(1, runtime.Tally.Succeeded);
        await EventuallyAsync(() => Assert.Equal((1, 2L), (runtime.LiveWorkers, runtime.WorkersStarted)));
    }

    [Fact]
    public async Task APoisonJob_FailsWithTheCrashCount_AndTheNextJobRunsOnAFreshChild()
    {
        var runtime = Started(workers: 1, new WorkerSettings { MaxJobCrashes = 2 });

        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() =>
            Within(TestOwner.Run(runtime, PortableJobItem<int>.For<ExitJob, int>(5)(_owner, null, default))));

        Assert.Equal((2, 5), (crash.Crashes, crash.ExitCode));
        Assert.Contains("workers.max-job-crashes = 2", crash.Message, StringComparison.Ordinal);
        Assert.Contains(crash.LastStderrLines, l => l.Contains("exiting with 5", StringComparison.Ordinal));
        Assert.Equal(4, await Within(TestOwner.Run(runtime, PortableJobItem<int>.For<IntEchoJob, int>(4)(_owner, null, default))));
        await EventuallyAsync(() => Assert.Equal((1, 1, 1, 0), (runtime.Tally.Crashed, runtime.Tally.Succeeded, runtime.LiveWorkers, runtime.Pending)));
    }

    [Fact]
    public async Task AJobIgnoringItsTimeout_GetsJobTimeoutException_AndItsChildIsKilledAndReplaced()
    {
        var runtime = Started(workers: 1);
        var marker = _files.Marker();
        // A ready child first, so the job reaches it well within its timeout.
        Assert.Equal(1, await Within(TestOwner.Run(runtime, PortableJobItem<int>.For<IntEchoJob, int>(1)(_owner, null, default))));

        var late = TestOwner.Run(runtime, PortableJobItem<int>.For<HangJob, string>(marker)(_owner, TimeSpan.FromSeconds(1), default));

        await Assert.ThrowsAsync<JobTimeoutException>(() => Within(late));
        var hung = int.Parse(await File.ReadAllTextAsync(marker), System.Globalization.CultureInfo.InvariantCulture);
        await Await.UntilAsync(() => Await.IsGone(hung), "the hung child is killed");
        Assert.Equal(3, await Within(TestOwner.Run(runtime, PortableJobItem<int>.For<IntEchoJob, int>(3)(_owner, null, default))));
        await EventuallyAsync(() => Assert.Equal((1, 0, 1), (runtime.Tally.TimedOut, runtime.StuckWorkers, runtime.LiveWorkers)));
    }

    [Fact]
    public async Task KillWorkers_FailsTheRunningJobWithoutRetry_AndQueuedJobsRunOnFreshChildren()
    {
        var runtime = Started(workers: 1, new WorkerSettings { MaxJobCrashes = 3 });
        var marker = _files.Marker();
        var hanging = TestOwner.Run(runtime, PortableJobItem<int>.For<HangJob, string>(marker)(_owner, null, default));
        await Await.UntilAsync(() => File.Exists(marker) && new FileInfo(marker).Length > 0, "the job runs");
        var queued = TestOwner.Run(runtime, PortableJobItem<int>.For<IntEchoJob, int>(8)(_owner, null, default));

        runtime.KillWorkers();

        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => Within(hanging));
        Assert.Equal((1, 9), (crash.Crashes, crash.Signal));
        Assert.Equal(8, await Within(queued));
        await EventuallyAsync(() => Assert.Equal((1, 0), (runtime.LiveWorkers, runtime.Pending)));
    }

    [Fact]
    public async Task MaxJobsPerWorker_GivesEachJobAFreshChild()
    {
        var runtime = Started(workers: 1, new WorkerSettings { MaxJobsPerWorker = 1 });

        var first = await Within(TestOwner.Run(runtime, PortableJobItem<EchoReply>.For<EchoJob, string>("a")(_owner, null, default)));
        var second = await Within(TestOwner.Run(runtime, PortableJobItem<EchoReply>.For<EchoJob, string>("b")(_owner, null, default)));

        Assert.Equal(("a", "b"), (first.Text, second.Text));
        Assert.NotEqual(first.Pid, second.Pid);
        await Await.UntilAsync(() => Await.IsGone(first.Pid), "the retired child exits");
        await EventuallyAsync(() => Assert.Equal(1, runtime.LiveWorkers));
    }

    [Fact]
    public async Task IdleTimeout_StopsAnIdleChild_AndTheNextJobStartsOne()
    {
        var runtime = Started(workers: 1, new WorkerSettings { IdleTimeout = TimeSpan.FromMilliseconds(200) });

        var first = await Within(TestOwner.Run(runtime, PortableJobItem<EchoReply>.For<EchoJob, string>("a")(_owner, null, default)));
        await EventuallyAsync(() => Assert.Equal(0, runtime.LiveWorkers));
        var second = await Within(TestOwner.Run(runtime, PortableJobItem<EchoReply>.For<EchoJob, string>("b")(_owner, null, default)));

        Assert.NotEqual(first.Pid, second.Pid);
        Assert.True(Await.IsGone(first.Pid));
    }

    [Fact]
    public async Task OnAThreadPool_APortableJobRunsInThisProcess()
    {
        var runtime = new ThreadRuntime("portable-on-threads", "portable-on-threads", 1, PoolMode.Shared);
        try
        {
            var reply = await Within(TestOwner.Run(runtime, PortableJobItem<EchoReply>.For<EchoJob, string>("here")(_owner, null, default)));

            Assert.Equal(("here", Environment.ProcessId), (reply.Text, reply.Pid));
        }
        finally
        {
            runtime.Shutdown(new OperationCanceledException("test ended"));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var runtime in _started)
        {
            runtime.Shutdown(new OperationCanceledException("test ended"));
            await runtime.Terminated.WaitAsync(Wait);
        }
        await _files.DisposeAsync();
    }

    private ProcessRuntime Started(int workers, WorkerSettings? settings = null)
    {
        var runtime = ProcessPools.Start(workers, settings ?? new WorkerSettings());
        _started.Add(runtime);
        return runtime;
    }
}
