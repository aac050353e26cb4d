using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>
/// The status a supervisor publishes for readers on other threads (meters, health checks, the top
/// view): read without an Ask, as fresh as a <see cref="GetPoolStatus"/> answer.
/// </summary>
public sealed class StatusSnapshotTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private static readonly PoolSettings s_settings = new() { MinPools = 1, MaxPools = 4, UnitsPerPool = 10, WorkersPerPool = 1, LoggingInterval = null };

    [Fact]
    public async Task StatusOf_FollowsScaleChanged_WithoutAnAsk_AndAgreesWithGetPoolStatus()
    {
        var pools = StartSupervisor(s_settings);
        var extension = ActorPools.Get(Sys);

        pools.Tell(new ScaleChanged(31));
        await UntilAsync(() => extension.StatusOf(pools) is { Desired: 4, Total: 4, Settled: true });

        var published = extension.StatusOf(pools)!;
        var asked = await StatusAsync(pools);
        Assert.Equal(pools.Path.ToStringWithoutAddress(), published.Supervisor);
        Assert.Equal(Sys.Name, published.System);
        Assert.Null(published.Group);
        Assert.Equal(31, published.Units);
        Assert.Equal((asked.Desired, asked.Total, asked.Idle, asked.Units), (published.Desired, published.Total, published.Idle, published.Units));
        Assert.Equal(asked.Pools.Select(p => p.Name), published.Pools.Select(p => p.Name));
        Assert.Equal(published.Supervisor, ActorPools.Get(Sys).Client(pools).Status!.Supervisor);
    }

    [Fact]
    public async Task AnAsyncJobAwaiting_CountsAsRunning_AndItsPoolAsBusy()
    {
        var pools = StartSupervisor(s_settings);
        var client = ActorPools.Get(Sys).Client(pools);
        await SettledAsync(pools);
        var awaited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var job = client.SubmitAsync(async _ => await awaited.Task);

        await UntilAsync(() => client.Status is { RunningJobs: 1, Busy: 1, Queued: 0 });
        Assert.Equal(1, client.Status!.Pools.Single().RunningJobs);
        awaited.SetResult(7);
        Assert.Equal(7, await Within(job));
        await UntilAsync(() => client.Status is { RunningJobs: 0, Idle: 1 } s && s.Jobs.Succeeded == 1);
    }

    [Fact]
    public async Task JobTotals_KeepTheEndedPoolsJobs_AndCountRejections()
    {
        var pools = StartSupervisor(s_settings with { MaxQueuedJobs = 0 });
        var client = ActorPools.Get(Sys).Client(pools);
        pools.Tell(new ScaleChanged(40));
        await SettledAsync(pools);
        using (var gate = new Gate())
        {
            var held = Enumerable.Range(0, 4).Select(_ => client.SubmitAsync(() => { gate.Pass(); return 0; })).ToList();
            await UntilAsync(() => client.Status is { RunningJobs: 4 });
            await Assert.ThrowsAsync<JobRejectedException>(() => client.SubmitAsync(() => 0));
            gate.Open();
            await Within(Task.WhenAll(held));
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitAsync<int>(() => throw new InvalidOperationException("deliberate")));

        pools.Tell(new ScaleChanged(0));
        await UntilAsync(() => client.Status is { Total: 1, Settled: true });

        var status = client.Status!;
        Assert.Equal(4, status.Jobs.Succeeded);
        Assert.Equal(1, status.Jobs.Failed);
        Assert.Equal(1, status.JobsRejected);
    }

    [Fact]
    public async Task Statuses_ListThisSystemsSupervisors_AndAStoppedOneIsGone()
    {
        var first = StartSupervisor(s_settings);
        var second = Sys.ActorOf(PoolSupervisor.Props(s_settings), "second");
        var extension = ActorPools.Get(Sys);
        var secondClient = extension.Client(second);
        await UntilAsync(() => extension.Statuses.Count == 2 && secondClient.Status is not null);
        Assert.Equal([first.Path.ToStringWithoutAddress(), "/user/second"], extension.Statuses.Select(s => s.Supervisor).Order(StringComparer.Ordinal));

        await WatchAsync(second, () => second.Tell(PoisonPill.Instance));

        Assert.Null(extension.StatusOf(second));
        Assert.Null(secondClient.Status);
        Assert.Equal([first.Path.ToStringWithoutAddress()], extension.Statuses.Select(s => s.Supervisor));
        Assert.Null(extension.StatusOf(ActorRefs.Nobody));
        Assert.NotNull(extension.StatusOf(first));
    }

    private async Task WatchAsync(IActorRef actor, Action act)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        act();
        await probe.ExpectTerminatedAsync(actor, Wait);
    }
}
