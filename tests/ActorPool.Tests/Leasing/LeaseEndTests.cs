using ActorPool.Tests.Support;
using Akka.Actor;

namespace ActorPool.Tests.Leasing;

/// <summary>Release, disposal, holder death, bad input and a lower target.</summary>
public sealed class LeaseEndTests : PoolTestKit
{
    [Fact]
    public async Task HolderStops_LeaseEndsAtOnce_RunningFinishesQueuedIsCancelled()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, LongLease);
        using var finish = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = lease.SubmitAsync(() =>
        {
            started.SetResult();
            finish.Wait();
            return "finished";
        });
        var queued = lease.SubmitAsync(() => "queued");
        await Within(started.Task);

        Sys.Stop(holder.Ref);

        await AwaitAssertAsync(() => Assert.False(lease.IsActive), Wait);
        await Assert.ThrowsAsync<LeaseReleasedException>(() => Within(queued));
        await Assert.ThrowsAsync<LeaseReleasedException>(() => Within(lease.SubmitAsync(() => "after")));
        Assert.False(running.IsCompleted, "running work is not cancelled");
        Assert.True((await StatusAsync(pools)).Leases[0].Released);

        finish.Set();
        Assert.Equal("finished", await Within(running));
        await Within(lease.ReleaseAsync());
        await NextStepAsync(events, lease.LeaseId, LeaseStep.HolderStopped);
        var after = await SettledAsync(pools);
        Assert.Equal(0, after.Leased);
        Assert.Equal(1, after.Idle);
        Assert.Empty(after.Leases);
    }

    [Fact]
    public async Task Release_Twice_IsIdempotentAndWaitsForSubmittedWork()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, LongLease);
        using var finish = new ManualResetEventSlim();
        var work = lease.SubmitAsync(() =>
        {
            finish.Wait();
            return "done";
        });

        var first = lease.ReleaseAsync();
        var second = lease.ReleaseAsync();

        await Assert.ThrowsAsync<LeaseReleasedException>(() => Within(lease.SubmitAsync(() => "late")));
        Assert.False(first.IsCompleted, "the pool comes back only when submitted work has finished");
        var releasing = await StatusAsync(pools);
        Assert.Equal(1, releasing.Leased);
        Assert.True(Assert.Single(releasing.Leases).Released);

        finish.Set();
        Assert.Equal("done", await Within(work));
        await Within(first);
        await Within(second);
        await Within(lease.ReleaseAsync());
        pools.Tell(new ReleaseLease(lease.LeaseId), holder.Ref);
        await holder.ExpectMsgAsync<Akka.Done>(Wait);
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Idle);
        Assert.Equal(0, after.Leased);
        await NextStepAsync(events, lease.LeaseId, LeaseStep.Released);
        // Released once, whatever the number of release calls.
        await events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task ReleaseLeaseMessage_EndsTheLeaseAndAnswersDone()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, LongLease);

        pools.Tell(new ReleaseLease(lease.LeaseId), holder.Ref);

        await holder.ExpectMsgAsync<Akka.Done>(Wait);
        Assert.False(lease.IsActive);
        Assert.Equal(0, (await StatusAsync(pools)).Leased);
    }

    [Fact]
    public async Task RenewRightAfterRelease_IsAnsweredWithLeaseReleased_NeverLost()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        for (var i = 0; i < 20; i++)
        {
            var lease = await AcquireAsync(holder, pools, LongLease);

            // The renewal reaches the lease's actor while the lease is being ended; it must still
            // get an answer, not vanish with the actor.
            pools.Tell(new ReleaseLease(lease.LeaseId), holder.Ref);
            pools.Tell(new RenewLease(lease.LeaseId, TimeSpan.FromSeconds(1)), holder.Ref);
            var renewed = lease.RenewAsync(TimeSpan.FromSeconds(1));

            var replies = new[] { await holder.ReceiveOneAsync(Wait), await holder.ReceiveOneAsync(Wait) };
            Assert.Contains(replies, r => r is Akka.Done);
            Assert.Contains(replies, r => r is Status.Failure { Cause: LeaseReleasedException });
            // Sent around the release: it may come first and succeed, or after and be refused, never hang.
            var outcome = await Within(renewed.ContinueWith(t => t, TaskScheduler.Default));
            Assert.True(
                outcome.IsCompletedSuccessfully || outcome.Exception?.InnerException is LeaseReleasedException,
                $"renewal around a release: {outcome.Exception?.InnerException}");
        }
    }

    [Fact]
    public async Task DisposeAsync_ReleasesTheLease()
    {
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        string poolName;

        await using (var lease = await client.AcquireLeaseAsync(LongLease, TimeSpan.Zero))
        {
            poolName = lease.PoolName;
            Assert.Equal(1, await Within(lease.SubmitAsync(() => 1)));
        }

        var after = await StatusAsync(pools);
        Assert.Equal(0, after.Leased);
        Assert.Equal(PoolState.Idle, after.Pools.Single(p => p.Name == poolName).State);
    }

    [Fact]
    public async Task BadInput_IsRefusedClearly_AndChangesNothing()
    {
        var probe = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1));
        var before = await SettledAsync(pools);

        // An out-of-range AcquireLease cannot be made, so it never reaches the supervisor.
        var leaseFor = Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireLease(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Contains("leaseFor must be > 0, was: [00:00:00]", leaseFor.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireLease(TimeSpan.FromSeconds(-5), TimeSpan.Zero));
        var waitUpTo = Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireLease(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(-2)));
        Assert.Contains("waitUpTo must be >= 0, was: [-00:00:00.0020000]", waitUpTo.Message, StringComparison.Ordinal);
        pools.Tell(new AcquireLease(TimeSpan.FromDays(1), TimeSpan.Zero), probe.Ref);
        Assert.Contains("actor-pool.lease.max-total", (await FailureAsync<ArgumentException>(probe)).Message, StringComparison.Ordinal);

        pools.Tell(new ReleaseLease("lease-404"), probe.Ref);
        Assert.Contains("[lease-404]", (await FailureAsync<UnknownLeaseException>(probe)).Message, StringComparison.Ordinal);
        pools.Tell(new RenewLease("lease-404", TimeSpan.FromSeconds(1)), probe.Ref);
        await FailureAsync<UnknownLeaseException>(probe);
        pools.Tell(new ReleaseLease("not-a-lease"), probe.Ref);
        await FailureAsync<UnknownLeaseException>(probe);

        var after = await StatusAsync(pools);
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Empty(after.Leases);
        Assert.Equal(0, after.LeaseWaiters);
    }

    [Fact]
    public async Task LowerTarget_NeverRevokesALease_AndItsPoolGoesWhenReturned()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 4, workers: 1) with { UnitsPerPool = 10 });
        pools.Tell(new ScaleChanged(20));
        var a = await AcquireAsync(holder, pools, LongLease);
        var b = await AcquireAsync(holder, pools, LongLease);

        pools.Tell(new ScaleChanged(0));
        var shrunk = await StatusAsync(pools);

        Assert.Equal(1, shrunk.Desired);
        Assert.Equal(2, shrunk.Leased);
        Assert.True(a.IsActive && b.IsActive, "leases survive a lower target");
        await Within(b.ReleaseAsync());
        // One shared pool for the target of 1, and a's leased pool on top of it.
        var after = await SettledAsync(pools);
        Assert.Equal(2, after.Total);
        Assert.Equal(1, after.Leased);
        Assert.Equal(PoolState.Leased, after.Pools.Single(p => p.Name == a.PoolName).State);
        Assert.True(a.IsActive);
    }

    [Fact]
    public async Task SupervisorStopped_LeaseCallsSayItStopped_NotThatTheLeaseWasReleased()
    {
        var holder = CreateTestProbe();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, LongLease);
        await WatchAsync(pools);

        Sys.Stop(pools);
        await ExpectTerminatedAsync(pools, Wait);

        var submit = await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.SubmitAsync(() => 1));
        var renew = await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.RenewAsync(TimeSpan.FromSeconds(1)));
        foreach (var error in new[] { submit, renew })
        {
            Assert.Contains($"the pool supervisor {pools.Path.ToStringWithoutAddress()} stopped", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("was released", error.Message, StringComparison.Ordinal);
        }
        Assert.False(lease.IsActive);
        await Within(lease.ReleaseAsync());
    }
}
