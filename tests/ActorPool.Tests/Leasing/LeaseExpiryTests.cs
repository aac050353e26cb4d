using ActorPool.Tests.Support;
using Akka.Actor;

namespace ActorPool.Tests.Leasing;

/// <summary>Soft expiry, grace, revocation, a stuck pool, and renewals.</summary>
public sealed class LeaseExpiryTests : PoolTestKit
{
    [Fact]
    public async Task Expiry_SoftThenGrace_WarnsTheHolderThenRevokes()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var grace = TimeSpan.FromSeconds(1);
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1) with { Lease = new LeaseSettings { Grace = grace } });
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
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
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
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
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
        var pools = StartSupervisor(settings);
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
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1) with { Lease = new LeaseSettings { Grace = TimeSpan.FromSeconds(5) } });
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
    public async Task Release_DuringGraceWhileWorkRuns_WaitsForTheWorkUntilTheHardExpiry_AndIsNeverRevoked()
    {
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var grace = TimeSpan.FromMilliseconds(1500);
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1) with { Lease = new LeaseSettings { Grace = grace } });
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(200));
        using var finish = new ManualResetEventSlim();
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = lease.SubmitAsync<string>(token =>
        {
            started.SetResult(token);
            finish.Wait(CancellationToken.None); // finishes when told, within the grace
            return Task.FromResult("done");
        });
        var token = await Within(started.Task);
        await holder.ExpectMsgAsync<LeaseExpiring>(Wait);

        var released = lease.ReleaseAsync();

        Assert.False(token.IsCancellationRequested, "a released lease's running work is not cancelled before the hard expiry");
        Assert.False(released.IsCompleted, "the pool comes back only when the work has finished");
        finish.Set();
        Assert.Equal("done", await Within(work));
        await Within(released);
        var end = await NextStepAsync(events, lease.LeaseId, LeaseStep.Released);
        Assert.Equal(lease.PoolName, end.Pool);
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Idle);
        Assert.Equal(lease.PoolName, after.Pools[0].Name);
        // Past the hard expiry the grace pointed at: nothing more for this lease, no Revoked.
        await events.ExpectNoMsgAsync(grace);
        await holder.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Release_WhileAJobIgnoresItsToken_ReturnsAtTheHardExpiry_ThenReportsItStuck_NeverRevoked()
    {
        // Measured on the earlier code: lease 1 s, grace 1 s, revoke-timeout 1 s, ReleaseAsync while a
        // job that ignores its token runs: 5 s later the release had not returned (await using hung).
        var holder = CreateTestProbe();
        var events = LeaseEvents();
        var pools = StartSupervisor(Settings(maxPools: 1, workers: 1));
        var lease = await AcquireAsync(holder, pools, TimeSpan.FromMilliseconds(300));
        using var finish = new ManualResetEventSlim();
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = lease.SubmitAsync<string>(token =>
        {
            started.SetResult(token);
            finish.Wait(CancellationToken.None); // ignores its token
            return Task.FromResult("late");
        });
        var token = await Within(started.Task);
        var queued = lease.SubmitAsync(() => "never");

        await Within(lease.ReleaseAsync());

        // Returned once the lease ended for its holder: its work cut off at the hard expiry.
        Assert.True(token.IsCancellationRequested, "the running job's token is cancelled when the release gives up on it");
        await Assert.ThrowsAsync<LeaseReleasedException>(() => Within(queued));
        await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.SubmitAsync(() => 1));
        var end = await NextStepAsync(events, lease.LeaseId, LeaseStep.Released);
        Assert.Contains("outlived the hard expiry", end.Detail, StringComparison.Ordinal);
        var stuck = await NextStepAsync(events, lease.LeaseId, LeaseStep.Stuck);
        Assert.Equal(lease.PoolName, stuck.Pool);
        var status = await StatusAsync(pools);
        Assert.Equal(1, status.Stuck);
        Assert.Equal(1, status.Total);
        Assert.Empty(status.Leases);
        await holder.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // never told LeaseRevoked

        finish.Set();
        Assert.Equal("late", await Within(work));
        var after = await SettledAsync(pools);
        Assert.Equal((1, 1, 0), (after.Total, after.Idle, after.Stuck));
        Assert.NotEqual(lease.PoolName, after.Pools[0].Name);
    }
}
