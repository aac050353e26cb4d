using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>KillWorkers, StopGracefully, UpdateSettings and job timeouts, as a user sends them.</summary>
public sealed class WorkerMessagesTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task KillWorkers_ReplacesEveryWorker_AndJobsRunOnTheFreshOnes()
    {
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 2));
        var client = ActorPools.Get(Sys).Client(pools);
        var before = await Within(client.SubmitAsync(() => Thread.CurrentThread.Name!));

        await pools.Ask<Akka.Done>(KillWorkers.Instance, Wait);

        var status = await StatusAsync(pools);
        Assert.Equal(4, status.Pools.Single().WorkersStarted);
        Assert.NotEqual(before, await Within(client.SubmitAsync(() => Thread.CurrentThread.Name!)));
        await EventuallyAsync(() => Assert.Equal(2, WorkerThreadsOf(pools).Count));
    }

    [Fact]
    public async Task StopGracefully_FinishesWhatRuns_RefusesWhatIsNew_ThenStops()
    {
        using var gate = new Gate();
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        await SettledAsync(pools);
        var running = client.SubmitAsync(() => { gate.Pass(); return "finished"; });
        var queued = client.SubmitAsync(() => "queued too");
        await UntilAsync(() => gate.Entered == 1);
        Watch(pools);

        var stopped = pools.Ask<Akka.Done>(StopGracefully.Instance, Wait);
        // Answered after the stop request, so the supervisor has taken it in.
        await StatusAsync(pools);

        await Assert.ThrowsAsync<JobRejectedException>(() => Within(client.SubmitAsync(() => 0)));
        await Assert.ThrowsAsync<LeaseUnavailableException>(() => client.AcquireLeaseAsync(LongLease, TimeSpan.Zero));
        Assert.False(stopped.IsCompleted, "the running job still holds its pool");
        gate.Open();
        Assert.Equal("finished", await Within(running));
        Assert.Equal("queued too", await Within(queued));
        await Within(stopped);
        await ExpectTerminatedAsync(pools, Wait);
        Assert.Empty(WorkerThreadsOf(pools));
    }

    [Fact]
    public async Task StopGracefully_LetsAnActiveLeaseRunToItsRelease()
    {
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        var lease = await Within(client.AcquireLeaseAsync(LongLease, Wait));
        Watch(pools);

        var stopped = pools.Ask<Akka.Done>(StopGracefully.Instance, Wait);

        Assert.Equal(3, await Within(lease.SubmitAsync(() => 3)));
        Assert.False(stopped.IsCompleted, "a granted lease runs to its release");
        await lease.ReleaseAsync();
        await Within(stopped);
        await ExpectTerminatedAsync(pools, Wait);
    }

    [Fact]
    public async Task UpdateSettings_Invalid_IsRefusedWhole_AndChangesNothing()
    {
        var pools = StartSupervisor(Settings(maxPools: 3, workers: 2));
        var before = await SettledAsync(pools);

        var failure = await pools.Ask<Status.Failure>(UpdateSettings.Change(s => s with { MinPools = 5, MaxPools = 4 }), Wait);

        var error = Assert.IsType<ArgumentException>(failure.Cause);
        Assert.Contains("actor-pool.min-pools must be <= actor-pool.max-pools", error.Message, StringComparison.Ordinal);
        var after = await StatusAsync(pools);
        Assert.Equal((before.Desired, before.Total), (after.Desired, after.Total));
        Assert.Equal(2, after.Pools.Single().LiveWorkers);
    }

    [Fact]
    public async Task UpdateSettings_WhoseChangeThrows_IsRefusedAsBadInput_WithOneWarning()
    {
        var pools = StartSupervisor(Settings(maxPools: 3, workers: 2));
        await SettledAsync(pools);
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Akka.Event.Error));

        var failure = await pools.Ask<Status.Failure>(UpdateSettings.Change(_ => throw new InvalidOperationException("no settings today")), Wait);

        var error = Assert.IsType<ArgumentException>(failure.Cause);
        Assert.Contains("UpdateSettings.Change threw InvalidOperationException: no settings today", error.Message, StringComparison.Ordinal);
        // Refused like invalid settings (a WARNING line), not logged as a bug of ours (an ERROR).
        await pools.Ask<PoolStatus>(GetPoolStatus.Instance, Wait);
        await errors.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task UpdateSettings_ResizesPoolsInPlace_AndAppliesTheNewBounds()
    {
        var pools = StartSupervisor(Settings(maxPools: 3, workers: 2));
        await SettledAsync(pools);

        await pools.Ask<Akka.Done>(UpdateSettings.Change(s => s with { WorkersPerPool = 4, MinPools = 2 }), Wait);

        await EventuallyAsync(async () =>
        {
            var status = await StatusAsync(pools);
            Assert.Equal(2, status.Total);
            Assert.All(status.Pools, p => Assert.Equal(4, p.LiveWorkers));
        });
        await EventuallyAsync(() => Assert.Equal(8, WorkerThreadsOf(pools).Count));
    }

    [Fact]
    public async Task UpdateSettings_AJobTimeout_AppliesToJobsSubmittedAfter()
    {
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        var settings = Settings(maxPools: 1, workers: 1) with { Workers = new WorkerSettings { JobTimeout = TimeSpan.FromMilliseconds(100) } };

        await pools.Ask<Akka.Done>(new UpdateSettings(settings), Wait);

        var error = await Assert.ThrowsAsync<JobTimeoutException>(() => Within(client.SubmitAsync(async token => { await Task.Delay(Wait, token); return 0; })));
        Assert.Equal(TimeSpan.FromMilliseconds(100), error.Timeout);
    }

    [Fact]
    public async Task ASubmitWithATimeout_IsAnsweredWithJobTimeoutException()
    {
        using var gate = new Gate();
        // No replacement for a stuck worker: the message's job can only wait in the queue.
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1) with { Workers = new WorkerSettings { StuckReplacements = 0 } });
        var client = ActorPools.Get(Sys).Client(pools);
        var stuck = client.SubmitAsync(() => { gate.Pass(); return 0; }, TimeSpan.FromMilliseconds(100));
        await UntilAsync(() => gate.Entered == 1);

        pools.Tell(new Submit(() => 1).WithTimeout(TimeSpan.FromMilliseconds(50)), TestActor);

        var failure = await ExpectMsgAsync<Status.Failure>(Wait);
        Assert.IsType<JobTimeoutException>(failure.Cause);
        await Assert.ThrowsAsync<JobTimeoutException>(() => Within(stuck));
        var pool = (await StatusAsync(pools)).Pools.Single();
        Assert.Equal(1, pool.StuckWorkers);
        gate.Open();
        await EventuallyAsync(async () => Assert.Equal(2, (await StatusAsync(pools)).Pools.Single().Jobs.TimedOut));
    }

    [Fact]
    public void ATimeout_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Submit(() => 1).WithTimeout(TimeSpan.Zero));
        var client = ActorPools.Get(Sys).Client(StartSupervisor(Settings(maxPools: 1, workers: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.SubmitAsync(() => 1, TimeSpan.FromSeconds(-1)); });
    }
}
