using Akka.Actor;

namespace ActorPool.Tests.Leasing;

/// <summary>Soft expiry, grace, revocation, a stuck pool, and renewals.</summary>
public sealed class LeaseExpiryTests : LeaseTestKit
{
    [Fact]
    public async Task Expiry_SoftThenGrace_WarnsTheHolderThenRevokes()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var grace = TimeSpan.FromSeconds(1);
        var pools = Supervisor(Settings(maxPools: 2, workers: 1) with { Lease = new LeaseSettings { Grace = grace } });
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(300));

        var expiring = await holder.ExpectMsgAsync<LeaseExpiring>(Wait);
        Assert.Equal(lease.LeaseId, expiring.LeaseId);
        Assert.InRange(expiring.UntilRevoke, TimeSpan.Zero, grace);
        Assert.Equal(LeaseStep.Expiring, (await NextStepAsync(events, lease.LeaseId, LeaseStep.Expiring)).Step);
        Assert.True(lease.IsActive, "still usable during the grace");
        Assert.True(lease.TimeLeft <= TimeSpan.Zero, $"time left {lease.TimeLeft}");
        Assert.Equal("in grace", await Within(lease.SubmitAsync(() => "in grace")));

        Assert.Equal(lease.LeaseId, (await holder.ExpectMsgAsync<LeaseRevoked>(Wait)).LeaseId);
        Assert.False(lease.IsActive);
        await Assert.ThrowsAsync<LeaseExpiredException>(() => Within(lease.SubmitAsync(() => "too late")));
        await NextStepAsync(events, lease.LeaseId, LeaseStep.Revoked);
        // The revoked pool is replaced once its threads have ended.
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Total);
        Assert.Equal(0, after.Leased);
        Assert.Empty(after.Leases);
    }

    [Fact]
    public async Task Revoke_CancelsRunningJobsAndFailsQueuedAndLaterWork_BeforeAnyoneHearsOfIt()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var pools = Supervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(200));
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds the only worker until its token is cancelled, so the next job stays queued.
        var running = lease.SubmitAsync<string>(token =>
        {
            started.SetResult(token);
            token.WaitHandle.WaitOne();
            token.ThrowIfCancellationRequested();
            return Task.FromResult("never");
        });
        var queued = lease.SubmitAsync(() => "queued");
        var token = await Within(started.Task);

        await holder.ExpectMsgAsync<LeaseExpiring>(Wait);
        await holder.ExpectMsgAsync<LeaseRevoked>(Wait);
        // Told to the holder only after the work was failed and cancelled.
        Assert.True(queued.IsFaulted, "queued work fails before the holder hears of the revoke");
        Assert.True(token.IsCancellationRequested, "running work is cancelled before the holder hears of the revoke");
        await NextStepAsync(events, lease.LeaseId, LeaseStep.Revoked);

        var cancelled = await Assert.ThrowsAsync<LeaseExpiredException>(() => Within(running));
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled.InnerException);
        await Assert.ThrowsAsync<LeaseExpiredException>(() => Within(queued));
        await Assert.ThrowsAsync<LeaseExpiredException>(() => Within(lease.SubmitAsync(() => "later")));
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Total);
        Assert.Equal("pool-2", after.Pools[0].Name);
    }

    [Fact]
    public async Task Revoke_JobIgnoringCancellation_StaysCountedIsReportedStuckThenReleasedWhenItEnds()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var pools = Supervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(200));
        using var stubborn = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = lease.SubmitAsync(() =>
        {
            started.SetResult();
            stubborn.Wait(); // ignores cancellation on purpose
            return "finished anyway";
        });
        await Within(started.Task);

        await holder.ExpectMsgAsync<LeaseExpiring>(Wait);
        await holder.ExpectMsgAsync<LeaseRevoked>(Wait);
        var stuckEvent = await NextStepAsync(events, lease.LeaseId, LeaseStep.Stuck);
        Assert.Equal(lease.PoolName, stuckEvent.Pool);
        Assert.Equal(holder.Ref.Path.ToString(), stuckEvent.Holder);

        var stuck = await StatusAsync(pools);
        Assert.Equal(1, stuck.Total);
        Assert.Equal(1, stuck.Stuck);
        Assert.Equal(1, stuck.Draining);
        Assert.Equal(PoolState.Stuck, stuck.Pools[0].State);
        // No replacement while it is stuck: that would exceed max-pools.
        pools.Tell(new AcquireLease(LongLease, TimeSpan.Zero), holder.Ref);
        await FailureAsync<LeaseUnavailableException>(holder);

        stubborn.Set();
        Assert.Equal("finished anyway", await Within(job));
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Total);
        Assert.Equal(0, after.Stuck);
        Assert.Equal(PoolState.Idle, after.Pools[0].State);
        Assert.NotEqual(lease.PoolName, after.Pools[0].Name);
    }

    [Fact]
    public async Task Renew_MovesTheDeadline_UpToMaxTotal_ThenRefuses()
    {
        var holder = CreateTestProbe();
        var settings = Settings(maxPools: 1, workers: 1) with
        {
            Lease = new LeaseSettings { DefaultDuration = TimeSpan.FromSeconds(10), MaxTotal = TimeSpan.FromSeconds(20), Grace = ShortGrace },
        };
        var pools = Supervisor(settings);
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromSeconds(10));

        var renewed = await Within(lease.RenewAsync(TimeSpan.FromSeconds(5)));
        Assert.False(renewed.Capped);
        Assert.InRange(renewed.UntilSoftExpiry, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
        Assert.Equal(renewed.UntilSoftExpiry + ShortGrace, renewed.UntilHardExpiry);

        var capped = await Within(lease.RenewAsync(TimeSpan.FromMinutes(1)));
        Assert.True(capped.Capped);
        Assert.InRange(capped.UntilSoftExpiry, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));

        var atMax = await Assert.ThrowsAsync<InvalidOperationException>(() => Within(lease.RenewAsync(TimeSpan.FromSeconds(1))));
        Assert.Contains("max-total", atMax.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Within(lease.RenewAsync(TimeSpan.FromSeconds(-1))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Within(lease.RenewAsync(TimeSpan.Zero)));

        // The message form answers the same way, to its sender.
        pools.Tell(new RenewLease(lease.LeaseId, TimeSpan.FromSeconds(1)), holder.Ref);
        await FailureAsync<InvalidOperationException>(holder);

        await Within(lease.ReleaseAsync());
        await Assert.ThrowsAsync<LeaseReleasedException>(() => Within(lease.RenewAsync(TimeSpan.FromSeconds(1))));
        pools.Tell(new RenewLease(lease.LeaseId, TimeSpan.FromSeconds(1)), holder.Ref);
        await FailureAsync<LeaseReleasedException>(holder);
    }

    [Fact]
    public async Task Renew_DuringGrace_SavesTheLease()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var pools = Supervisor(Settings(maxPools: 1, workers: 1) with { Lease = new LeaseSettings { Grace = TimeSpan.FromSeconds(5) } });
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(200));
        await holder.ExpectMsgAsync<LeaseExpiring>(Wait);

        var renewed = await Within(lease.RenewAsync(TimeSpan.FromSeconds(30)));

        Assert.InRange(renewed.UntilSoftExpiry, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        await NextStepAsync(events, lease.LeaseId, LeaseStep.Renewed);
        await holder.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.True(lease.IsActive);
        Assert.Equal("saved", await Within(lease.SubmitAsync(() => "saved")));
    }

    [Fact]
    public async Task Release_DuringGraceWhileWorkRuns_IsNeverRevoked()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var grace = TimeSpan.FromMilliseconds(1500);
        var pools = Supervisor(Settings(maxPools: 1, workers: 1) with { Lease = new LeaseSettings { Grace = grace } });
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(200));
        using var finish = new ManualResetEventSlim();
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = lease.SubmitAsync<string>(token =>
        {
            started.SetResult(token);
            finish.Wait(CancellationToken.None); // a released lease must not cancel it: wait regardless
            return Task.FromResult("done");
        });
        var token = await Within(started.Task);
        await holder.ExpectMsgAsync<LeaseExpiring>(Wait);

        var released = lease.ReleaseAsync();

        // Past the hard expiry the grace pointed at: a released lease is not revoked.
        await holder.ExpectNoMsgAsync(grace + TimeSpan.FromSeconds(1));
        Assert.False(token.IsCancellationRequested, "a released lease's running work is not cancelled");
        Assert.False(released.IsCompleted, "the pool comes back only when the work has finished");
        finish.Set();
        Assert.Equal("done", await Within(work));
        await Within(released);
        var end = await NextStepAsync(events, lease.LeaseId, LeaseStep.Released);
        Assert.Equal(lease.PoolName, end.Pool);
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Idle);
        Assert.Equal(lease.PoolName, after.Pools[0].Name);
        // Nothing after the end: no Revoked for this lease.
        await events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
