using System.Collections.Concurrent;
using System.Globalization;
using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.Workers;
using ActorPool.Tests.Support;
using Akka.Event;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ActorPool.Tests.Leasing;

/// <summary>The lease desk on a fake clock: soft and hard expiry, renewal, a released lease cut off at its hard expiry, stop.</summary>
public sealed class LeaseDeskExpiryTests(ITestOutputHelper output) : LeaseDeskFixture(output)
{
    [Fact]
    public async Task SoftExpiry_WarnsAtLeaseForAndNotBefore_AndTheLeaseGoesOn()
    {
        var pool = AddPool();
        var lease = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);

        _clock.Advance(s_leaseFor - s_oneTick);
        Assert.Equal(new[] { LeaseStep.Granted }, Steps(lease.LeaseId));

        _clock.Advance(s_oneTick);

        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Expiring }, Steps(lease.LeaseId));
        Assert.StartsWith("expired; revoked in 10 s unless renewed", Changes(lease.LeaseId)[^1].Detail, StringComparison.Ordinal);
        Assert.True(lease.IsActive, "soft expiry only warns");
        Assert.Equal(PoolMode.Leased, pool.Mode);
        Assert.Equal(1, await lease.SubmitAsync(() => 1).WaitAsync(s_wait));

        _clock.Advance(s_grace - s_oneTick);
        Assert.True(lease.IsActive, "revoked before the grace was over");
        Assert.Equal(0, _book.Closed);
    }

    [Fact]
    public async Task TimerLatePastBothDeadlines_StillWarnsBeforeItRevokes()
    {
        AddPool();
        var lease = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);

        // One step past soft and hard expiry, as a timer starved on a busy machine fires.
        _clock.Advance(s_leaseFor + s_grace + s_oneTick);

        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Expiring, LeaseStep.Revoked }, Steps(lease.LeaseId));
        Assert.StartsWith("expired; revoked in 0 ms unless renewed", Changes(lease.LeaseId)[1].Detail, StringComparison.Ordinal);
        Assert.False(lease.IsActive);
    }

    [Fact]
    public async Task HardExpiry_RevokesTheLease_FailsQueuedAndNewWork_CancelsRunningWork_AndClosesThePool()
    {
        var pool = AddPool();
        var lease = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var tokenCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asyncStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = lease.SubmitAsync<int>(async token =>
        {
            var stopped = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = token.Register(() =>
            {
                tokenCancelled.TrySetResult();
                stopped.TrySetCanceled(token);
            });
            asyncStarted.SetResult();
            return await stopped.Task;
        });
        await asyncStarted.Task.WaitAsync(s_wait);
        // The async job awaits, so its worker is free: hold it with a sync job, and queue one behind.
        using var gate = new Gate();
        var blockerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = lease.SubmitAsync(() =>
        {
            blockerStarted.SetResult();
            gate.Pass();
            return "blocker";
        });
        await blockerStarted.Task.WaitAsync(s_wait);
        var queuedRan = false;
        var queued = lease.SubmitAsync(() => queuedRan = true);

        _clock.Advance(s_leaseFor + s_grace - s_oneTick);
        Assert.True(lease.IsActive);
        Assert.False(tokenCancelled.Task.IsCompleted);
        Assert.False(queued.IsCompleted);

        _clock.Advance(s_oneTick);

        Assert.False(lease.IsActive);
        Assert.True(queued.IsFaulted, "queued work fails at the hard expiry");
        await Assert.ThrowsAsync<LeaseExpiredException>(() => queued);
        Assert.True(tokenCancelled.Task.IsCompleted, "the running job's token is cancelled at the hard expiry");
        await Assert.ThrowsAsync<LeaseExpiredException>(() => lease.SubmitAsync(() => 0));
        await Assert.ThrowsAsync<LeaseExpiredException>(() => lease.RenewAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Expiring, LeaseStep.Revoked }, Steps(lease.LeaseId));
        Assert.Equal(PoolMode.Closed, pool.Mode);
        Assert.Equal((Taken: 1, Waiting: 0, Returned: 0, Closed: 1), _book.Counts);

        gate.Open();
        // A sync job that has started runs to its end; the cancelled async job fails as expired.
        Assert.Equal("blocker", await blocker.WaitAsync(s_wait));
        await Assert.ThrowsAsync<LeaseExpiredException>(() => running.WaitAsync(s_wait));
        await pool.Terminated.WaitAsync(s_wait);
        Assert.False(queuedRan);
    }

    [Fact]
    public async Task RenewalDuringTheGrace_SavesTheLease_AndItsNewDeadlineIsKeptLikeTheFirst()
    {
        var pool = AddPool();
        var lease = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        _clock.Advance(s_leaseFor);
        _clock.Advance(s_grace / 2);
        var extra = TimeSpan.FromSeconds(30);

        var renewed = await lease.RenewAsync(extra);

        Assert.False(renewed.Capped);
        Assert.Equal(extra, renewed.UntilSoftExpiry);
        Assert.Equal(extra + s_grace, renewed.UntilHardExpiry);
        _clock.Advance(s_grace);
        Assert.True(lease.IsActive, "a lease renewed in its grace was revoked at its old hard expiry");
        Assert.Equal(PoolMode.Leased, pool.Mode);
        Assert.Equal(1, await lease.SubmitAsync(() => 1).WaitAsync(s_wait));

        // One grace has passed since the renewal: warned again at its new soft expiry, revoked a grace later.
        _clock.Advance(extra - s_grace - s_oneTick);
        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Expiring, LeaseStep.Renewed }, Steps(lease.LeaseId));
        _clock.Advance(s_oneTick);
        Assert.Equal(LeaseStep.Expiring, Steps(lease.LeaseId)[^1]);
        _clock.Advance(s_grace);
        Assert.False(lease.IsActive);
        Assert.Equal(LeaseStep.Revoked, Steps(lease.LeaseId)[^1]);
    }

    [Fact]
    public async Task RenewByTimeSpanMaxValue_RenewsUpToMaxTotalAndSaysCapped_AndARenewalAtTheCapFails()
    {
        AddPool();
        var lease = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var elapsed = TimeSpan.FromSeconds(20);
        _clock.Advance(elapsed);

        var renewed = await lease.RenewAsync(TimeSpan.MaxValue);

        Assert.True(renewed.Capped);
        Assert.Equal(s_maxTotal - elapsed, renewed.UntilSoftExpiry);
        Assert.Equal(s_maxTotal - elapsed + s_grace, renewed.UntilHardExpiry);
        Assert.Contains("capped by actor-pool.lease.max-total", Changes(lease.LeaseId)[^1].Detail, StringComparison.Ordinal);
        var atCap = lease.RenewAsync(TimeSpan.FromSeconds(1));
        Assert.Contains("max-total", (await Assert.ThrowsAsync<InvalidOperationException>(() => atCap)).Message, StringComparison.Ordinal);
        Assert.True(lease.IsActive);

        // Past its first deadline (where the timer was armed) and up to the cap: still active, not even warned.
        _clock.Advance(s_maxTotal - elapsed - s_oneTick);
        Assert.True(lease.IsActive);
        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Renewed }, Steps(lease.LeaseId));
        _clock.Advance(s_oneTick);
        Assert.Equal(LeaseStep.Expiring, Steps(lease.LeaseId)[^1]);
        _clock.Advance(s_grace);
        Assert.Equal(LeaseStep.Revoked, Steps(lease.LeaseId)[^1]);
    }

    [Fact]
    public async Task ReleasedLease_WhoseJobIgnoresItsToken_IsCutOffAtTheHardExpiry_ThenReportedStuck_NeverRevoked()
    {
        var pool = AddPool();
        var lease = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var tokenCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new Gate();
        var stubborn = lease.SubmitAsync(token =>
        {
            using var registration = token.Register(() => tokenCancelled.TrySetResult());
            started.SetResult();
            // Blocks its worker whatever the token says.
            gate.Pass();
            return Task.FromResult("ignored its token");
        });
        await started.Task.WaitAsync(s_wait);
        _clock.Advance(TimeSpan.FromSeconds(10));

        var release = lease.ReleaseAsync();

        Assert.False(release.IsCompleted, "a release waits for the lease's work");
        Assert.False(lease.IsActive);
        _clock.Advance(s_leaseFor + s_grace - TimeSpan.FromSeconds(10) - s_oneTick);
        Assert.False(release.IsCompleted, "the work was cut off before the hard expiry");
        Assert.False(tokenCancelled.Task.IsCompleted);
        Assert.Equal(new[] { LeaseStep.Granted }, Steps(lease.LeaseId));

        _clock.Advance(s_oneTick);

        Assert.True(release.IsCompletedSuccessfully, "the release completes at the hard expiry");
        Assert.True(tokenCancelled.Task.IsCompleted, "the job's token is cancelled at the cut-off");
        var released = Changes(lease.LeaseId)[^1];
        Assert.Equal(LeaseStep.Released, released.Step);
        Assert.Contains("its work outlived the hard expiry", released.Detail, StringComparison.Ordinal);
        Assert.Equal(PoolMode.Closed, pool.Mode);
        Assert.Equal((Taken: 1, Waiting: 0, Returned: 0, Closed: 1), _book.Counts);
        Assert.False(pool.Stuck);

        _clock.Advance(s_revokeTimeout - s_oneTick);
        Assert.False(pool.Stuck, "reported stuck before revoke-timeout was over");
        _clock.Advance(s_oneTick);

        Assert.True(pool.Stuck);
        var stuck = Changes(lease.LeaseId)[^1];
        Assert.Equal(LeaseStep.Stuck, stuck.Step);
        Assert.StartsWith("1 job still running 5 s after the lease ended", stuck.Detail, StringComparison.Ordinal);
        Assert.Equal(2, _book.Closed);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Released, LeaseStep.Stuck }, Steps(lease.LeaseId));

        gate.Open();
        Assert.Equal("ignored its token", await stubborn.WaitAsync(s_wait));
        await pool.Terminated.WaitAsync(s_wait);
    }

    [Fact]
    public async Task Stop_RefusesWaiters_EndsLeases_AndTheirErrorsNameTheStoppedSupervisor()
    {
        AddPool();
        AddPool();
        var active = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var releasing = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        using var gate = new Gate();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = releasing.SubmitAsync(() =>
        {
            started.SetResult();
            gate.Pass();
            return "finished";
        });
        await started.Task.WaitAsync(s_wait);
        var release = releasing.ReleaseAsync();
        var waiting = _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None);
        Assert.False(release.IsCompleted);
        Assert.False(waiting.IsCompleted);

        _desk.Stop();

        var stopped = $"the pool supervisor {SupervisorPath} stopped";
        var refused = await Assert.ThrowsAsync<LeaseUnavailableException>(() => waiting);
        Assert.Contains(stopped, refused.Message, StringComparison.Ordinal);
        Assert.True(release.IsCompletedSuccessfully, "a release in progress ends with the supervisor");
        Assert.False(active.IsActive);
        foreach (var lease in new[] { active, releasing })
        {
            var submit = await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.SubmitAsync(() => 0));
            Assert.Contains(stopped, submit.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("was released", submit.Message, StringComparison.Ordinal);
            var renew = await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.RenewAsync(TimeSpan.FromSeconds(1)));
            Assert.Contains(stopped, renew.Message, StringComparison.Ordinal);
        }
        await active.ReleaseAsync().WaitAsync(s_wait);
        var late = await Assert.ThrowsAsync<OperationCanceledException>(() => _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None));
        Assert.Contains(SupervisorPath, late.Message, StringComparison.Ordinal);

        gate.Open();
        Assert.Equal("finished", await work.WaitAsync(s_wait));
    }
}
