using ActorPool.Tests.Support;
using Akka.Actor;

namespace ActorPool.Tests.Leasing;

/// <summary>What the supervisor does with the waits the messages allow or refuse.</summary>
public sealed class LeaseArgumentTests : PoolTestKit
{
    [Fact]
    public async Task AcquireLease_InfiniteWait_IsGrantedLikeAnyOther()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        await SettledAsync(pools);

        pools.Tell(new AcquireLease(LongLease, Timeout.InfiniteTimeSpan), holder.Ref);

        var lease = (await holder.ExpectMsgAsync<LeaseGranted>(Wait)).Executor;
        await Within(lease.ReleaseAsync());
    }

    [Fact]
    public async Task AcquireDefaultLeaseAsync_NegativeWait_FailsWithoutRestartingTheSupervisor()
    {
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools, askTimeout: TimeSpan.FromSeconds(3));
        var held = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero);

        var error = await Record.ExceptionAsync(() => client.AcquireDefaultLeaseAsync(TimeSpan.FromMilliseconds(-2)));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal(held.LeaseId, Assert.Single((await StatusAsync(pools)).Leases).LeaseId);
        await Within(held.ReleaseAsync());
    }

    [Fact]
    public async Task ClientAcquire_WaitBeyondTheTimersRange_IsRefusedNamingTheWait_AndNothingChanges()
    {
        // Measured on the earlier client: OverflowException naming nothing.
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        var before = await SettledAsync(pools);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.AcquireLeaseAsync(TimeSpan.FromMinutes(1), TimeSpan.MaxValue));

        Assert.Equal("WaitUpTo", error.ParamName);
        Assert.Contains("waitUpTo", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.ToString(), (await StatusAsync(pools)).ToString());
        var forever = await Within(client.AcquireLeaseAsync(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan));
        await Within(forever.ReleaseAsync());
    }
}
