using System.Diagnostics;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.TestKit;

namespace ActorPool.Tests.Leasing;

/// <summary>Granting, waiting in line and refusing leases; what a leased pool runs.</summary>
public sealed class LeaseGrantTests : PoolTestKit
{
    [Fact]
    public async Task Acquire_IdlePool_GrantsItAndListsTheLeaseWithItsDeadlines()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 2));

        var lease = await AcquireAsync(holder, pools, TimeSpan.FromSeconds(30));

        Assert.Equal("pool-1", lease.PoolName);
        Assert.Equal(42, await Within(lease.SubmitAsync(() => 42)));
        var status = await StatusAsync(pools);
        Assert.Equal(1, status.Leased);
        var info = Assert.Single(status.Leases);
        Assert.Equal(lease.LeaseId, info.LeaseId);
        Assert.Equal("pool-1", info.Pool);
        Assert.Equal(holder.Ref.Path.ToString(), info.Holder);
        Assert.False(info.Released);
        Assert.InRange(info.UntilSoftExpiry, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        // Both read from one clock reading, so exactly one grace apart.
        Assert.Equal(info.UntilSoftExpiry + ShortGrace, info.UntilHardExpiry);
    }

    [Fact]
    public async Task Acquire_NoIdlePoolBelowMaxPools_StartsANewPool()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 3, workers: 1));
        await SettledAsync(pools);
        // The only shared pool is busy: no pool is idle.
        using var gate = new ManualResetEventSlim();
        var busy = ActorPools.Get(Sys).Client(pools).SubmitAsync(() => gate.Wait(Wait));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusAsync(pools)).Busy), Wait);

        // Even a zero wait gets the pool the supervisor starts for it.
        var lease = await AcquireAsync(holder, pools, LongLease);

        Assert.Equal("pool-2", lease.PoolName);
        var status = await StatusAsync(pools);
        Assert.Equal(2, status.Total);
        Assert.Equal(1, status.Leased);
        Assert.Equal(1, status.Busy);
        gate.Set();
        Assert.True(await Within(busy));
    }

    [Fact]
    public async Task Acquire_TheLastSharedPool_StartsAnotherForSharedWork()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 3, workers: 1));
        await SettledAsync(pools);

        var first = await AcquireAsync(holder, pools, LongLease);
        var afterFirst = await SettledAsync(pools);
        var second = await AcquireAsync(holder, pools, LongLease);
        var afterSecond = await SettledAsync(pools);

        // The target (min-pools 1) counts shared pools: each lease on top of it, within max-pools.
        Assert.NotEqual(first.PoolName, second.PoolName);
        Assert.Equal((2, 1, 1), (afterFirst.Total, afterFirst.Leased, afterFirst.Idle));
        Assert.Equal((3, 2, 1), (afterSecond.Total, afterSecond.Leased, afterSecond.Idle));
        var client = ActorPools.Get(Sys).Client(pools);
        Assert.StartsWith($"{pools.Path.Name}-pool-3-", await Within(client.SubmitAsync(() => Thread.CurrentThread.Name ?? "?")), StringComparison.Ordinal);

        // At max-pools, the last shared pool may be leased: shared work then waits for a pool.
        var third = await AcquireAsync(holder, pools, LongLease);
        Assert.Equal("pool-3", third.PoolName);
        var shared = client.SubmitAsync(() => 3);
        Assert.False(shared.IsCompleted);
        await Within(first.ReleaseAsync());
        Assert.Equal(3, await Within(shared));
    }

    [Fact]
    public async Task Acquire_ZeroWaitAtMaxPools_FailsAtOnceAndLeavesNoWaiter()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        await AcquireAsync(holder, pools, LongLease);

        pools.Tell(new AcquireLease(LongLease, TimeSpan.Zero), holder.Ref);

        var e = await FailureAsync<LeaseUnavailableException>(holder);
        Assert.Contains("1 leased", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.max-pools = 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await StatusAsync(pools)).LeaseWaiters);
    }

    [Fact]
    public async Task Acquire_TimedWaitAtMaxPools_FailsNeverBeforeTheWait()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        await AcquireAsync(holder, pools, LongLease);
        var wait = TimeSpan.FromMilliseconds(300);

        var clock = Stopwatch.StartNew();
        pools.Tell(new AcquireLease(LongLease, wait), holder.Ref);
        var e = await FailureAsync<LeaseUnavailableException>(holder);
        var took = clock.Elapsed;

        Assert.True(took >= wait, $"failed early, after {took}");
        Assert.NotNull(e.Waited);
        Assert.True(e.Waited >= wait, $"the supervisor refused early, after {e.Waited}");
        // Only a generous bound: a loaded machine may deliver the timer late, never early.
        Assert.True(e.Waited < wait + Wait, $"refused far too late, after {e.Waited}");
        Assert.Equal(0, (await StatusAsync(pools)).LeaseWaiters);
    }

    [Fact]
    public async Task Acquire_ThreeWaiters_AreServedInArrivalOrder()
    {
        var first = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var held = await AcquireAsync(first, pools, LongLease);
        List<TestProbe> waiters = [CreateTestProbe(), CreateTestProbe(), CreateTestProbe()];
        for (var i = 0; i < waiters.Count; i++)
        {
            pools.Tell(new AcquireLease(LongLease, Wait), waiters[i].Ref);
            // Each request is queued before the next one is sent, so arrival order is known.
            Assert.Equal(i + 1, (await StatusAsync(pools)).LeaseWaiters);
        }

        await Within(held.ReleaseAsync());
        for (var i = 0; i < waiters.Count; i++)
        {
            var next = (await waiters[i].ExpectMsgAsync<LeaseGranted>(Wait)).Executor;
            Assert.Equal(held.PoolName, next.PoolName);
            for (var later = i + 1; later < waiters.Count; later++)
            {
                await waiters[later].ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
            }
            await Within(next.ReleaseAsync());
        }
        var after = await StatusAsync(pools);
        Assert.Equal(0, after.Leased);
        Assert.Equal(0, after.LeaseWaiters);
    }

    [Fact]
    public async Task LeasedPool_RunsOnlyTheLeasesWork()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 2) with { MinPools = 2 });
        var lease = await AcquireAsync(holder, pools, LongLease);
        var client = ActorPools.Get(Sys).Client(pools);
        var leasePrefix = $"-{lease.PoolName}-worker-";

        var submitThreads = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            pools.Tell(new Submit(() => Thread.CurrentThread.Name), holder.Ref);
            submitThreads.Add(await holder.ExpectMsgAsync<string>(Wait));
            submitThreads.Add(await Within(client.SubmitAsync(() => Thread.CurrentThread.Name ?? "?")));
        }

        Assert.DoesNotContain(submitThreads, t => t.Contains(leasePrefix, StringComparison.Ordinal));
        var leaseThread = await Within(lease.SubmitAsync(() => Thread.CurrentThread.Name ?? "?"));
        Assert.Contains(leasePrefix, leaseThread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_AcquireLeaseAsync_GrantsAndFailsLikeTheMessage()
    {
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);

        var lease = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero);

        Assert.True(lease.TimeLeft > TimeSpan.FromMinutes(4), $"time left {lease.TimeLeft}");
        Assert.Equal("unwatched", Assert.Single((await client.GetStatusAsync()).Leases).Holder);
        await Assert.ThrowsAsync<LeaseUnavailableException>(() => client.AcquireLeaseAsync(LongLease, TimeSpan.Zero));
        await Assert.ThrowsAsync<LeaseUnavailableException>(() => client.AcquireLeaseAsync(LongLease, TimeSpan.FromMilliseconds(100)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.AcquireLeaseAsync(TimeSpan.Zero, TimeSpan.Zero));
        await Within(lease.ReleaseAsync());
        var again = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero);
        Assert.Equal(lease.PoolName, again.PoolName);
        await Within(again.ReleaseAsync());
    }

    [Fact]
    public async Task Client_AcquireLeaseAsyncCancelledWhileWaiting_LeavesNoLeaseBehind()
    {
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        var first = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero);
        using var giveUp = new CancellationTokenSource();
        var waiting = client.AcquireLeaseAsync(LongLease, TimeSpan.FromMinutes(1), giveUp.Token);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusAsync(pools)).LeaseWaiters), Wait);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(waiting));
        await Within(first.ReleaseAsync());

        // The withdrawn request was still first in line: its grant is released at once, not held
        // until it expires, so the pool is free again for anyone.
        await AwaitAssertAsync(
            async () =>
            {
                var status = await StatusAsync(pools);
                Assert.Equal((0, 0, 0), (status.Leased, status.LeaseWaiters, status.Leases.Count));
            },
            Wait);
        var next = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero);
        await Within(next.ReleaseAsync());
    }

    [Fact]
    public async Task Client_AcquireDefaultLeaseAsync_LastsTheSupervisorsDefaultDuration()
    {
        var settings = Settings(maxPools: 1, workers: 1);
        var pools = StartSupervisor(settings with { Lease = settings.Lease with { DefaultDuration = TimeSpan.FromMinutes(2) } });
        var client = ActorPools.Get(Sys).Client(pools);

        var lease = await client.AcquireDefaultLeaseAsync(TimeSpan.Zero);

        var untilSoft = Assert.Single((await StatusAsync(pools)).Leases).UntilSoftExpiry;
        Assert.InRange(untilSoft, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<LeaseUnavailableException>(() => client.AcquireDefaultLeaseAsync(TimeSpan.Zero));
        await Within(lease.ReleaseAsync());
    }
}
