using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests;

/// <summary>The <see cref="PoolClient"/> facade: jobs, async jobs, status, sizing, and a stopped supervisor.</summary>
public sealed class PoolClientTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task SubmitAsync_ReturnsTheResult_NullAndTheJobsOwnException()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);

        Assert.Equal("hello", await client.SubmitAsync(() => "hello"));
        Assert.Null(await client.SubmitAsync<string?>(() => null));
        var zero = 0;
        await Assert.ThrowsAsync<DivideByZeroException>(() => client.SubmitAsync(() => 1 / zero));
        Assert.StartsWith($"{pools.Path.Name}-pool-1-worker-", await client.SubmitAsync(() => Thread.CurrentThread.Name), StringComparison.Ordinal);
        Assert.Equal(1, (await client.GetStatusAsync()).Total);
    }

    [Fact]
    public async Task SubmitAsync_AsyncJob_ResumesOnItsPoolsScheduler()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);
        var resumeFromOutside = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var job = client.SubmitAsync(async ct =>
        {
            var scheduler = TaskScheduler.Current;
            started.SetResult();
            // Completed from the test's thread: the continuation must still come back to the pool.
            var value = await resumeFromOutside.Task;
            return (value, Thread.CurrentThread.Name, SameScheduler: ReferenceEquals(scheduler, TaskScheduler.Current), Custom: scheduler != TaskScheduler.Default);
        });
        await started.Task.WaitAsync(Wait);
        resumeFromOutside.SetResult(7);
        var (value, thread, sameScheduler, custom) = await job;

        Assert.Equal(7, value);
        Assert.StartsWith($"{pools.Path.Name}-pool-1-worker-", thread, StringComparison.Ordinal);
        Assert.True(sameScheduler && custom, "the job ran on the pool's own TaskScheduler before and after its await");
        await Assert.ThrowsAsync<FormatException>(() => client.SubmitAsync<int>(async _ => { await Task.Yield(); throw new FormatException("bad"); }));
    }

    [Fact]
    public async Task ThousandConcurrentSubmitAsync_From8Threads_RunAndAnswerEachExactlyOnce()
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 4, MaxPools = 4 });
        var client = ActorPools.Get(Sys).Client(pools);
        var runs = new int[1000];
        var jobs = new Task<int>[1000];

        var clients = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 125; i++)
            {
                var id = (t * 125) + i;
                jobs[id] = client.SubmitAsync(() => { Interlocked.Increment(ref runs[id]); return id; });
            }
        })).ToList();
        clients.ForEach(c => c.Start());
        clients.ForEach(c => c.Join());

        Assert.Equal(Enumerable.Range(0, 1000), await Task.WhenAll(jobs).WaitAsync(Wait));
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public async Task ScaleChangedAndRecheck_ResizeTheSupervisor()
    {
        var units = 0;
        var pools = StartSupervisor(SeedSettings, () => Volatile.Read(ref units));
        var client = ActorPools.Get(Sys).Client(pools);

        client.ScaleChanged(31);
        var grown = await client.AwaitSettledAsync();
        Assert.Equal((31, 4, 4), (grown.Units, grown.Desired, grown.Total));

        Volatile.Write(ref units, 12);
        client.Recheck();
        var status = await client.AwaitSettledAsync();
        Assert.Equal((12, 2, 2), (status.Units, status.Desired, status.Total));
        Assert.Equal(status.Total, (await client.GetStatusAsync()).Total);
    }

    [Fact]
    public async Task SubmitAfterTheSupervisorStopped_FailsPromptly_ForAClientThatHadUsedItAndForANewOne()
    {
        var pools = StartSupervisor(SeedSettings);
        // A long ask timeout: only watching the supervisor can end these submits in time.
        var used = ActorPools.Get(Sys).Client(pools, TimeSpan.FromMinutes(5));
        Assert.Equal(1, await used.SubmitAsync(() => 1));
        Watch(pools);
        Sys.Stop(pools);
        await ExpectTerminatedAsync(pools, Wait);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => used.SubmitAsync(() => 2).WaitAsync(Wait));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => used.SubmitAsync(_ => Task.FromResult(3)).WaitAsync(Wait));
        var fresh = ActorPools.Get(Sys).Client(pools, TimeSpan.FromMinutes(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fresh.SubmitAsync(() => 4).WaitAsync(Wait));
    }

    [Fact]
    public async Task StatusAndLeaseRequestsToAStoppedSupervisor_FailPromptly_NamingIt()
    {
        var pools = StartSupervisor(SeedSettings);
        // A long ask timeout: only watching the supervisor can end these requests in time.
        var client = ActorPools.Get(Sys).Client(pools, TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await client.GetStatusAsync()).Total);
        Watch(pools);
        Sys.Stop(pools);
        await ExpectTerminatedAsync(pools, Wait);

        var status = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStatusAsync().WaitAsync(Wait));
        Assert.Contains(pools.Path.ToString(), status.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.AwaitSettledAsync().WaitAsync(Wait));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.AcquireLeaseAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)).WaitAsync(Wait));
    }

    [Fact]
    public async Task QueuedJobs_FailWhenTheSupervisorStops_InsteadOfHanging()
    {
        var pools = StartSupervisor(new PoolSettings { MinPools = 1, MaxPools = 1, WorkersPerPool = 1 });
        await SettledAsync(pools);
        var client = ActorPools.Get(Sys).Client(pools);
        using var gate = new Gate();
        var running = client.SubmitAsync(() => { gate.Pass(); return "ran"; });
        await UntilAsync(() => gate.Entered == 1);
        var queued = client.SubmitAsync(() => "never");

        Watch(pools);
        Sys.Stop(pools);
        await ExpectTerminatedAsync(pools, Wait);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Wait));
        gate.Open();
        // A running job is never cut short: it finishes and its caller gets the result.
        Assert.Equal("ran", await running.WaitAsync(Wait));
    }

    [Fact]
    public async Task SubmitsRacingTheSupervisorsStop_AllComplete_NoneHangs()
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 2, MaxPools = 2 });
        await SettledAsync(pools);
        var client = ActorPools.Get(Sys).Client(pools, TimeSpan.FromMinutes(5));
        // Outcomes: 0 run, 1 rejected, 2 cancelled because the supervisor stopped, 3 anything else.
        var outcomes = new int[4];
        var submitted = 0;
        var stopSeen = 0;
        void Count(Task<int> job)
        {
            var outcome = job.IsCompletedSuccessfully ? 0
                : job.Exception?.InnerException is JobRejectedException ? 1
                : job.IsCanceled || job.Exception?.InnerException is OperationCanceledException ? 2
                : 3;
            if (outcome == 2)
            {
                Volatile.Write(ref stopSeen, 1);
            }
            Interlocked.Increment(ref outcomes[outcome]);
        }

        // Each thread submits until one of them sees the stop (or a safety cap), keeping no task
        // alive: every outcome is counted by a continuation, so a job that never completes shows.
        var clients = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; Volatile.Read(ref stopSeen) == 0 && i < 1_000_000; i++)
            {
                Interlocked.Increment(ref submitted);
                client.SubmitAsync(() => 1).ContinueWith(Count, TaskScheduler.Default);
            }
        })).ToList();
        clients.ForEach(c => c.Start());

        await UntilAsync(() => Volatile.Read(ref outcomes[0]) > 2_000);
        Watch(pools);
        Sys.Stop(pools);
        await ExpectTerminatedAsync(pools, Wait);
        clients.ForEach(c => c.Join());

        await UntilAsync(() => outcomes.Sum() == Volatile.Read(ref submitted));
        Assert.Equal(0, outcomes[3]);
        Assert.True(outcomes[2] > 0, $"no submit saw the stop: {string.Join(", ", outcomes)}");
    }
}
