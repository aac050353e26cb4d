using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>Pool actors that crash or are stopped from outside, and stopping the supervisor.</summary>
public sealed class PoolLifecycleTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task PoolCrash_IsRestartedWithItsThreadsAndRunningJob_AndTheSupervisorSurvives()
    {
        var crashes = Events(typeof(PoolCrashed));
        var pools = StartSupervisor(SeedSettings);
        Watch(pools);
        await SettledAsync(pools);
        using var gate = new Gate();
        pools.Tell(new Submit(() => { gate.Pass(); return $"survived on {Thread.CurrentThread.Name}"; }), TestActor);
        await UntilAsync(() => gate.Entered == 1);
        var threadsBefore = WorkerThreadsOf(pools);

        Sys.ActorSelection(pools.Path / "pool-1").Tell(Kill.Instance);
        var crashed = await crashes.ExpectMsgAsync<PoolCrashed>();
        Assert.Equal("pool-1", crashed.Pool);
        Assert.Contains(nameof(ActorKilledException), crashed.Cause, StringComparison.Ordinal);

        gate.Open();
        Assert.StartsWith("survived on " + pools.Path.Name + "-pool-1-worker-", await ExpectMsgAsync<string>(), StringComparison.Ordinal);
        pools.Tell(new Submit(() => "after crash"), TestActor);
        await ExpectMsgAsync("after crash");
        var status = await SettledAsync(pools);
        Assert.Equal(["pool-1"], status.Pools.Select(p => p.Name));
        Assert.Equal(2, status.Pools[0].LiveWorkers);
        // The same threads, not new ones: the runtime outlived its actor's crash.
        Assert.Equal(threadsBefore.Order(), WorkerThreadsOf(pools).Order());
    }

    [Fact]
    public async Task PoolActorStoppedFromOutside_IsReplaced_AndNotLeftCounted()
    {
        var events = Events(typeof(PoolStopped), typeof(PoolStarted));
        var pools = StartSupervisor(SeedSettings);
        pools.Tell(new ScaleChanged(20));
        Assert.Equal(2, (await SettledAsync(pools)).Total);
        await events.ExpectMsgAsync<PoolStarted>();
        await events.ExpectMsgAsync<PoolStarted>();

        var pool2 = await Sys.ActorSelection(pools.Path / "pool-2").ResolveOne(Wait);
        Sys.Stop(pool2);

        // The replacement starts as soon as pool-2 drains (below max-pools); pool-2 stops when its threads end.
        var next = new List<PoolEvent> { await events.ExpectMsgAsync<PoolEvent>(), await events.ExpectMsgAsync<PoolEvent>() };
        Assert.Contains(new PoolStopped(pools.Path.ToStringWithoutAddress(), "pool-2"), next);
        Assert.Contains(new PoolStarted(pools.Path.ToStringWithoutAddress(), "pool-3"), next);
        var status = await SettledAsync(pools);
        Assert.Equal(["pool-1", "pool-3"], status.Pools.Select(p => p.Name));
        Assert.All(status.Pools, p => Assert.Equal(2, p.LiveWorkers));
    }

    [Fact]
    public async Task PoolActorStoppedFromOutside_WhileBusy_CountsUntilItsJobEnds()
    {
        var pools = StartSupervisor(SeedSettings with { MaxPools = 1 });
        await SettledAsync(pools);
        using var gate = new Gate();
        pools.Tell(new Submit(() => { gate.Pass(); return "finished"; }), TestActor);
        await UntilAsync(() => gate.Entered == 1);

        Sys.Stop(await Sys.ActorSelection(pools.Path / "pool-1").ResolveOne(Wait));
        await EventuallyAsync(
            async () =>
            {
                var status = await StatusAsync(pools);
                Assert.True(status.Total == 1 && status.Draining == 1, $"the stopped pool still runs its job and holds the only slot: {status}");
            });

        gate.Open();
        await ExpectMsgAsync("finished");
        var settled = await SettledAsync(pools);
        Assert.Equal(["pool-2"], settled.Pools.Select(p => p.Name));
        pools.Tell(new Submit(() => "served by the new pool"), TestActor);
        await ExpectMsgAsync("served by the new pool");
    }

    [Fact]
    public async Task LeasedPoolActorStoppedFromOutside_EndsItsLease_AndIsReplaced()
    {
        var leaseEvents = Events(typeof(LeaseChanged));
        var pools = StartSupervisor(SeedSettings with { MaxPools = 2 });
        await SettledAsync(pools);
        var holder = CreateTestProbe();
        var lease = (await pools.Ask<LeaseGranted>(new AcquireLease(TimeSpan.FromMinutes(1), TimeSpan.Zero, holder.Ref), Wait)).Executor;
        Assert.Equal(LeaseStep.Granted, (await leaseEvents.ExpectMsgAsync<LeaseChanged>()).Step);
        Assert.Equal(1, await lease.SubmitAsync(() => 1));

        Sys.Stop(await Sys.ActorSelection(pools.Path / lease.PoolName).ResolveOne(Wait));

        var ended = await leaseEvents.ExpectMsgAsync<LeaseChanged>();
        Assert.Equal((lease.LeaseId, LeaseStep.Revoked), (ended.LeaseId, ended.Step));
        Assert.Equal(lease.LeaseId, (await holder.ExpectMsgAsync<LeaseRevoked>(Wait)).LeaseId);
        Assert.False(lease.IsActive);
        await Assert.ThrowsAnyAsync<LeaseException>(() => lease.SubmitAsync(() => 2));
        var settled = await SettledAsync(pools);
        Assert.Equal((1, 0), (settled.Total, settled.Leased));
        Assert.DoesNotContain(settled.Pools, p => p.Name == lease.PoolName);
    }

    [Fact]
    public async Task StoppingTheSupervisor_LeavesNoWorkerThreadBehind()
    {
        var pools = StartSupervisor(SeedSettings);
        pools.Tell(new ScaleChanged(50));
        await SettledAsync(pools);
        for (var i = 0; i < 10; i++)
        {
            pools.Tell(new Submit(() => "warm"), TestActor);
        }
        await foreach (var _ in ReceiveNAsync(10, Wait))
        {
        }
        Assert.Equal(10, WorkerThreadsOf(pools).Count);

        Watch(pools);
        Sys.Stop(pools);
        await ExpectTerminatedAsync(pools, Wait);
        await EventuallyAsync(() => Assert.Empty(WorkerThreadsOf(pools)));
    }
}
