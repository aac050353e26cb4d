using System.Diagnostics;
using ActorPool.Tests.Support;
using Akka.Actor;

namespace ActorPool.Tests.Leasing;

/// <summary>A lease waiter at max-pools under shared load that never lets a pool go idle by itself.</summary>
public sealed class LeaseWaiterTests : PoolTestKit
{
    [Fact]
    public async Task Waiter_UnderContinuousSharedLoad_GetsThePoolThatRunsDry_WhileSharedWorkGoesOn()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1) with { MinPools = 2 });
        await SettledAsync(pools);
        var client = ActorPools.Get(Sys).Client(pools);
        using var stop = new CancellationTokenSource();
        var done = 0;
        var sharedThreads = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Eight chains of shared jobs, each submitting its successor before it ends: least-busy
        // routing spreads them, so each pool always has work queued and neither ever runs dry by
        // itself.
        void Chain()
        {
            if (!stop.IsCancellationRequested)
            {
                _ = client.SubmitAsync(() =>
                {
                    sharedThreads.Enqueue(Spin());
                    Interlocked.Increment(ref done);
                    Chain();
                    return 0;
                });
            }
        }
        for (var i = 0; i < 8; i++)
        {
            Chain();
        }
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref done) > 100), Wait);

        pools.Tell(new AcquireLease(LongLease, Wait), holder.Ref);

        var lease = (await holder.ExpectMsgAsync<LeaseGranted>(Wait)).Executor;
        var granted = Volatile.Read(ref done);
        var leaseThread = await Within(lease.SubmitAsync(() => Thread.CurrentThread.Name ?? "?"));
        Assert.Contains($"-{lease.PoolName}-worker-", leaseThread, StringComparison.Ordinal);
        // Shared work goes on, on the other pool only.
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref done) > granted + 100), Wait);
        sharedThreads.Clear();
        var later = Volatile.Read(ref done);
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref done) > later + 50), Wait);
        Assert.DoesNotContain(sharedThreads, t => t.Contains($"-{lease.PoolName}-worker-", StringComparison.Ordinal));
        var status = await StatusAsync(pools);
        Assert.Equal(1, status.Leased);
        Assert.Equal(0, status.LeaseWaiters);

        await Within(lease.ReleaseAsync());
        await stop.CancelAsync();
        var after = await SettledAsync(pools);
        Assert.Equal(0, after.Leased);
        Assert.Equal(2, after.Total);
    }

    [Fact]
    public async Task Waiter_ThatTimesOut_LeavesNoPoolSetAside()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1) with { MinPools = 2 });
        await SettledAsync(pools);
        var held = await AcquireAsync(holder, pools, LongLease);
        var client = ActorPools.Get(Sys).Client(pools);
        using var gate = new ManualResetEventSlim();
        var blocked = client.SubmitAsync(() => gate.Wait(Wait));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusAsync(pools)).Busy), Wait);

        pools.Tell(new AcquireLease(LongLease, TimeSpan.FromMilliseconds(200)), holder.Ref);
        await FailureAsync<LeaseUnavailableException>(holder);

        // The busy pool was set aside for the waiter; with the waiter gone it takes shared work again.
        var queued = client.SubmitAsync(() => Thread.CurrentThread.Name ?? "?");
        gate.Set();
        Assert.True(await Within(blocked));
        Assert.DoesNotContain($"-{held.PoolName}-", await Within(queued), StringComparison.Ordinal);
        var status = await StatusAsync(pools);
        Assert.Equal(1, status.Leased);
        Assert.Equal(0, status.LeaseWaiters);
        Assert.Equal(1, status.Idle);
    }

    private static string Spin()
    {
        var end = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 5000);
        while (Stopwatch.GetTimestamp() < end)
        {
            Thread.SpinWait(10);
        }
        return Thread.CurrentThread.Name ?? "?";
    }
}
