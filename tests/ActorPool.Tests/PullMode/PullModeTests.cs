using ActorPool.Tests.Support;
using Akka.Actor;

namespace ActorPool.Tests.PullMode;

/// <summary>Crawlee's AutoscaledPool on a supervisor: tasks pulled while workers are free, pause, resume, abort, failures, limits.</summary>
public sealed class PullModeTests : PoolTestKit
{
    private readonly ManualResetEventSlim _release = new();

    [Fact]
    public async Task Run_PullsWhileWorkersAreFree_AndAnswersWhenFinished()
    {
        var source = new QueueSource(50, item => _ = item * 2);

        StartSupervisor(Pull()).Tell(new Run(source), TestActor);

        var done = await ExpectMsgAsync<RunCompleted>(Wait);
        // A task may start after another took the last item (the source said ready before that
        // one ran, as in Crawlee); it finds nothing and succeeds.
        Assert.InRange(done.Started, 50, 52);
        Assert.Equal(done.Started, done.Succeeded);
        Assert.Equal(0, done.Failed);
        Assert.Equal(50, source.Starts.Count);
        Assert.InRange(source.Peak, 1, 2);
    }

    [Fact]
    public async Task Run_SharesTheWorkersWithSubmittedJobs()
    {
        var pools = StartSupervisor(Pull());
        var client = ActorPools.Get(Sys).Client(pools);
        var blocking = client.SubmitAsync(() => _release.Wait(Wait));
        await AwaitConditionAsync(async () => (await client.GetStatusAsync()).RunningJobs == 1, Wait);
        var source = new QueueSource(20, item => _ = item);

        pools.Tell(new Run(source), TestActor);

        await ExpectMsgAsync<RunCompleted>(Wait);
        Assert.Equal(20, source.Starts.Count);
        Assert.Equal(1, source.Peak);
        _release.Set();
        Assert.True(await blocking);
    }

    [Fact]
    public async Task Pause_WaitsForRunningTasks_StartsNothingNew_AndResumeFinishes()
    {
        var control = CreateTestProbe();
        var source = new QueueSource(10, _ => _release.Wait(Wait));
        var pools = StartSupervisor(Pull());
        pools.Tell(new Run(source), TestActor);
        await AwaitConditionAsync(() => Task.FromResult(source.Running == 2), Wait);

        pools.Tell(Pause.Instance, control.Ref);
        await control.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // two tasks still run
        _release.Set();
        await control.ExpectMsgAsync<Akka.Done>(Wait);
        Assert.Equal(2, source.Starts.Count);
        await control.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, source.Starts.Count);

        pools.Tell(Resume.Instance, control.Ref);
        await control.ExpectMsgAsync<Akka.Done>(Wait);
        await ExpectMsgAsync<RunCompleted>(Wait);
        Assert.Equal(10, source.Starts.Count);
    }

    [Fact]
    public async Task Abort_CancelsRunningTasks_AndFailsTheRun()
    {
        var cancelled = 0;
        var source = new QueueSource(10, async (_, token) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
        });
        var pools = StartSupervisor(Pull());
        pools.Tell(new Run(source), TestActor);
        await AwaitConditionAsync(() => Task.FromResult(source.Running == 2), Wait);

        var control = CreateTestProbe();
        pools.Tell(Abort.Instance, control.Ref);

        await control.ExpectMsgAsync<Akka.Done>(Wait);
        Assert.IsType<RunAbortedException>((await ExpectMsgAsync<Status.Failure>(Wait)).Cause);
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref cancelled) == 2), Wait);
        Assert.Equal(8, source.Items.Count);
    }

    [Fact]
    public async Task TaskFailure_EndsTheRunWithIt()
    {
        var source = new QueueSource(20, item =>
        {
            if (item == 5)
            {
                throw new InvalidOperationException("page 5 is broken");
            }
        });

        StartSupervisor(Pull()).Tell(new Run(source), TestActor);

        var cause = (await ExpectMsgAsync<Status.Failure>(Wait)).Cause;
        Assert.Equal("page 5 is broken", Assert.IsType<InvalidOperationException>(cause).Message);
    }

    [Fact]
    public async Task ContinueOnError_CountsFailures_AndFinishes()
    {
        var source = new QueueSource(20, item =>
        {
            if (item % 5 == 0)
            {
                throw new InvalidOperationException($"bad {item}");
            }
        });

        StartSupervisor(Pull(new PullSettings { ContinueOnError = true })).Tell(new Run(source), TestActor);

        var done = await ExpectMsgAsync<RunCompleted>(Wait);
        Assert.Equal(4, done.Failed);
        Assert.InRange(done.Succeeded, 16, 18);
    }

    [Fact]
    public async Task TaskTimeout_FailsTheRun_NamingTheKey()
    {
        var source = new QueueSource(3, (_, token) => Task.Delay(Timeout.InfiniteTimeSpan, token));

        StartSupervisor(Pull(new PullSettings { TaskTimeout = TimeSpan.FromMilliseconds(200) })).Tell(new Run(source), TestActor);

        var cause = (await ExpectMsgAsync<Status.Failure>(Wait)).Cause;
        Assert.Contains("actor-pool.pull.task-timeout", Assert.IsType<TimeoutException>(cause).Message);
    }

    [Fact]
    public async Task MaxTasksPerMinute_SpacesTaskStarts()
    {
        var source = new QueueSource(5, item => _ = item);

        StartSupervisor(Pull(new PullSettings { MaxTasksPerMinute = 600 })).Tell(new Run(source), TestActor);

        var done = await ExpectMsgAsync<RunCompleted>(Wait);
        Assert.Equal(5, source.Starts.Count);
        // 600 a minute is a start every 100 ms, the first at once: the fifth is started 400 ms in
        // at the earliest. Only starts are spaced (a task may begin on its worker later, on a busy
        // machine), so the run's length is what is never short.
        Assert.True(done.Took >= TimeSpan.FromMilliseconds(400), $"five starts in {done.Took}");
    }

    [Fact]
    public async Task FailingReadinessCheck_FailsTheRun()
    {
        var source = new QueueSource(3, _ => { }) { Ready = () => throw new InvalidOperationException("the frontier is gone") };

        StartSupervisor(Pull()).Tell(new Run(source), TestActor);

        Assert.Equal("the frontier is gone", (await ExpectMsgAsync<Status.Failure>(Wait)).Cause.Message);
    }

    [Fact]
    public async Task SecondRun_IsRefusedWhileOneIsActive_AndStartsOnceItEnded()
    {
        var pools = StartSupervisor(Pull());
        var client = ActorPools.Get(Sys).Client(pools);
        var firstSource = new QueueSource(4, _ => _release.Wait(Wait));
        var first = client.RunAsync(firstSource);
        await AwaitConditionAsync(() => Task.FromResult(firstSource.Running == 2), Wait);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RunAsync(new QueueSource(1, _ => { })));
        Assert.Contains("already has a pull-mode run in progress", refused.Message);

        _release.Set();
        Assert.InRange((await first).Succeeded, 4, 5);
        var next = new QueueSource(1, _ => { });
        await client.RunAsync(next);
        Assert.Single(next.Starts);
    }

    [Fact]
    public async Task ClientRun_CancelledByItsToken_IsAborted()
    {
        var client = ActorPools.Get(Sys).Client(StartSupervisor(Pull()));
        var source = new QueueSource(10, (_, token) => Task.Delay(Timeout.InfiniteTimeSpan, token));
        using var cancel = new CancellationTokenSource();
        var run = client.RunAsync(source, cancel.Token);
        await AwaitConditionAsync(() => Task.FromResult(source.Running == 2), Wait);

        await cancel.CancelAsync();

        Assert.Contains("aborted by its caller's token", (await Assert.ThrowsAsync<RunAbortedException>(() => run)).Message);
    }

    [Fact]
    public async Task SupervisorStop_EndsTheRun()
    {
        var pools = StartSupervisor(Pull());
        var client = ActorPools.Get(Sys).Client(pools);
        var source = new QueueSource(10, (_, token) => Task.Delay(Timeout.InfiniteTimeSpan, token));
        var run = client.RunAsync(source);
        await AwaitConditionAsync(() => Task.FromResult(source.Running == 2), Wait);

        Sys.Stop(pools);

        var stopped = await Assert.ThrowsAsync<OperationCanceledException>(() => run.WaitAsync(Wait));
        Assert.Contains("run ended: the pool supervisor stopped", stopped.Message);
    }

    protected override void Dispose(bool disposing)
    {
        _release.Set();
        base.Dispose(disposing);
        if (disposing)
        {
            _release.Dispose();
        }
    }

    // One pool of two workers; a short maybe-run-interval keeps a quiet source's tests quick.
    private static PoolSettings Pull(PullSettings? pull = null) => Settings(maxPools: 1, workers: 2) with
    {
        MaxPools = 1,
        Pull = (pull ?? new PullSettings()) with { MaybeRunInterval = TimeSpan.FromMilliseconds(50) },
    };
}
