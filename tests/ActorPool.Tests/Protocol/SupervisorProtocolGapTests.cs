using ActorPool.Tests.Leasing;
using Akka.Actor;

namespace ActorPool.Tests.Protocol;

/// <summary>
/// Where the supervisor does not yet honour what the messages now allow or refuse. Both were run
/// and fail today; they are skipped until the code they need (in Leasing/, Supervision/ and
/// PoolClient.cs, owned by the rewrite under way) changes. Remove the Skip with that change.
/// </summary>
public sealed class SupervisorProtocolGapTests : LeaseTestKit
{
    [Fact(Skip = "LeaseDesk.Invalid still refuses waitUpTo < 0, so Timeout.InfiniteTimeSpan (-1 ms) fails with 'waitUpTo must be >= 0'")]
    public async Task AcquireLease_InfiniteWait_IsGrantedLikeAnyOther()
    {
        var holder = CreateTestProbe();
        var pools = Supervisor(Settings(maxPools: 1, workers: 1));
        await SettledAsync(pools);

        pools.Tell(new AcquireLease(LongLease, Timeout.InfiniteTimeSpan), holder.Ref);

        var lease = (await holder.ExpectMsgAsync<LeaseGranted>(Wait)).Executor;
        await Within(lease.ReleaseAsync());
    }

    [Fact(Skip = "SupervisorActor builds new AcquireLease(default-duration, waitUpTo) inside its receive: a negative wait now throws there, restarting it (its leases are lost) and the client times out")]
    public async Task AcquireDefaultLeaseAsync_NegativeWait_FailsWithoutRestartingTheSupervisor()
    {
        var pools = Supervisor(Settings(maxPools: 2, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools, askTimeout: TimeSpan.FromSeconds(3));
        var held = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero);

        var error = await Record.ExceptionAsync(() => client.AcquireDefaultLeaseAsync(TimeSpan.FromMilliseconds(-2)));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal(held.LeaseId, Assert.Single((await StatusAsync(pools)).Leases).LeaseId);
        await Within(held.ReleaseAsync());
    }
}
