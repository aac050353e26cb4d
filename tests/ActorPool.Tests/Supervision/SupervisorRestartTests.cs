using ActorPool.Internal.Supervision;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>The supervisor never loses its books: a failing handler answers and changes nothing, and a restart keeps everything.</summary>
public sealed class SupervisorRestartTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task Restart_MidLeaseWithBusyPools_KeepsStatusLeaseAndRunningJobs()
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 2, MaxPools = 4, WorkersPerPool = 1 });
        var client = ActorPools.Get(Sys).Client(pools);
        pools.Tell(new ScaleChanged(25));
        await SettledAsync(pools);
        using var shared = new Gate();
        using var leased = new Gate();
        var sharedJob = client.SubmitAsync(() => { shared.Pass(); return "shared"; });
        var lease = await client.AcquireLeaseAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        var leasedJob = lease.SubmitAsync(() => { leased.Pass(); return "leased"; });
        await UntilAsync(() => shared.Entered == 1 && leased.Entered == 1);
        var before = await SettledAsync(pools);

        await EventFilter.Warning(contains: "restarted after").ExpectOneAsync(() => { pools.Tell(CrashSupervisor.Instance); return Task.CompletedTask; });

        var after = await SettledAsync(pools);
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(lease.LeaseId, Assert.Single(after.Leases).LeaseId);
        Assert.Equal((25, 3, 2, 1), (after.Units, after.Desired, after.RunningJobs, after.Leased));
        Assert.True(lease.IsActive, "the lease survives its supervisor's restart");
        shared.Open();
        leased.Open();
        Assert.Equal("shared", await sharedJob.WaitAsync(Wait));
        Assert.Equal("leased", await leasedJob.WaitAsync(Wait));
        Assert.Equal(7, await lease.SubmitAsync(() => 7).WaitAsync(Wait));
        await lease.ReleaseAsync().WaitAsync(Wait);
        Assert.Empty((await SettledAsync(pools)).Leases);
        Assert.Equal(4, await client.SubmitAsync(() => 4).WaitAsync(Wait));
    }

    [Fact]
    public async Task FailingHandler_AnswersTheSenderWithAFailure_AndChangesNothing()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);
        var lease = await client.AcquireLeaseAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        var before = await SettledAsync(pools);
        var probe = CreateTestProbe();

        pools.Tell(new FailInHandler(new InvalidOperationException("boom")), probe.Ref);

        var failure = await probe.ExpectMsgAsync<Status.Failure>(Wait);
        var error = Assert.IsType<ArgumentException>(failure.Cause);
        Assert.Contains("FailInHandler", error.Message, StringComparison.Ordinal);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        var after = await StatusAsync(pools);
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(lease.LeaseId, Assert.Single(after.Leases).LeaseId);
        Assert.True(lease.IsActive);
        await lease.ReleaseAsync().WaitAsync(Wait);
    }

    [Fact]
    public async Task KilledPoolActor_LogsOneWarningOfOurs_AndNoError()
    {
        var pools = StartSupervisor(SeedSettings);
        await SettledAsync(pools);
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(Error));
        Sys.EventStream.Subscribe(logs.Ref, typeof(Warning));
        var crashed = Events(typeof(PoolCrashed));
        var pool = await Sys.ActorSelection(pools.Path / "pool-1").ResolveOne(Wait);

        pool.Tell(Kill.Instance);

        await crashed.ExpectMsgAsync<PoolCrashed>(Wait);
        var warning = await logs.ExpectMsgAsync<Warning>(Wait);
        Assert.Contains("pool-1 crashed", warning.Message.ToString(), StringComparison.Ordinal);
        // The supervisor strategy's own ERROR line comes before the restart, if at all: none by now.
        await logs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
