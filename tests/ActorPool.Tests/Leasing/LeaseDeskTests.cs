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

/// <summary>
/// <see cref="LeaseDesk"/> as a plain class: real worker pools, a clock the test moves, and a
/// stand-in for the supervisor's pool set that counts the notices the desk sends it.
/// </summary>
/// <remarks>
/// The fake clock fires the desk's timer inside <see cref="FakeTimeProvider.Advance"/>, on the
/// test's thread, so what a deadline does is visible right after the advance. Jobs run on the
/// pools' own threads, so their results are awaited (generously).
/// </remarks>
public sealed class LeaseDeskTests : IDisposable
{
    private const string SupervisorPath = "/user/desk-test";

    private static readonly TimeSpan s_wait = PoolTestKit.Wait;
    private static readonly TimeSpan s_oneTick = TimeSpan.FromTicks(1);
    private static readonly TimeSpan s_leaseFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_revokeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_maxTotal = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_longWait = TimeSpan.FromMinutes(30);

    private static readonly LeaseSettings s_settings = new()
    {
        Grace = s_grace,
        RevokeTimeout = s_revokeTimeout,
        MaxTotal = s_maxTotal,
    };

    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _clock = new();
    private readonly SharedWorkers _sharedWorkers = new();
    private readonly List<WorkerPool> _pools = [];
    private readonly PoolsStandIn _book = new();
    private readonly ConcurrentQueue<PoolEvent> _events = new();
    private readonly LeaseDesk _desk;

    public LeaseDeskTests(ITestOutputHelper output)
    {
        _output = output;
        _desk = new LeaseDesk(s_settings, _clock, _book, _events.Enqueue, NoLogger.Instance, SupervisorPath);
    }

    public void Dispose()
    {
        _desk.Dispose();
        foreach (var pool in _pools)
        {
            pool.Shutdown(new OperationCanceledException("test over"));
        }
    }

    [Fact]
    public async Task Uncontended_IsGrantedBeforeAcquireReturns_FromAnIdleSharedPool_AndAnIdleReleaseReturnsItAtOnce()
    {
        var pool = AddPool();
        Assert.Equal(1, _sharedWorkers.Count);

        var acquiring = _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);

        Assert.True(acquiring.IsCompletedSuccessfully, "an idle shared pool with nobody waiting is granted on the caller's thread");
        var lease = await acquiring;
        Assert.Equal(pool.Name, lease.PoolName);
        Assert.True(lease.IsActive);
        Assert.Equal(PoolMode.Leased, pool.Mode);
        Assert.Equal(0, _sharedWorkers.Count);
        Assert.Equal((Taken: 1, Waiting: 0, Returned: 0, Closed: 0), _book.Counts);
        Assert.Equal(new[] { LeaseStep.Granted }, Steps(lease.LeaseId));

        var release = lease.ReleaseAsync();

        Assert.True(release.IsCompletedSuccessfully, "a lease with no work is returned before ReleaseAsync returns");
        Assert.False(lease.IsActive);
        Assert.Equal(PoolMode.Shared, pool.Mode);
        Assert.Equal(1, _sharedWorkers.Count);
        Assert.Equal((Taken: 1, Waiting: 0, Returned: 1, Closed: 0), _book.Counts);
        Assert.Equal(new[] { LeaseStep.Granted, LeaseStep.Released }, Steps(lease.LeaseId));
        await Assert.ThrowsAsync<LeaseReleasedException>(() => lease.SubmitAsync(() => 0));

        // The pool is shared again, so it can be leased again at once.
        var again = _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        Assert.True(again.IsCompletedSuccessfully);
        Assert.NotEqual(lease.LeaseId, (await again).LeaseId);
    }

    [Fact]
    public async Task BusySharedPool_IsNotTaken_TheRequestWaitsAndTheSupervisorIsTold()
    {
        var pool = AddPool();
        var plane = SharedJobs();
        using var gate = new Gate();
        var shared = plane.Submit(() =>
        {
            gate.Pass();
            return "shared";
        });

        var waiting = _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None);

        Assert.False(waiting.IsCompleted, "a pool with shared work pending is not leased from under it");
        Assert.Equal(PoolMode.Shared, pool.Mode);
        Assert.Equal(1, _desk.Waiting);
        Assert.Equal((Taken: 0, Waiting: 1, Returned: 0, Closed: 0), _book.Counts);

        // As the supervisor does for a line: serve it when a shared pool runs dry.
        pool.NotifyWhenIdle(_desk.Serve);
        gate.Open();

        Assert.Equal("shared", await shared.WaitAsync(s_wait));
        var lease = await waiting.WaitAsync(s_wait);
        Assert.Equal(pool.Name, lease.PoolName);
        Assert.Equal(PoolMode.Leased, pool.Mode);
        Assert.Equal(0, _desk.Waiting);
    }

    [Fact]
    public async Task ZeroWait_WithEveryPoolLeasedAndNoneToStart_IsRefusedAtOnce()
    {
        AddPool();
        var holder = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);

        var refused = _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);

        Assert.True(refused.IsFaulted, "a zero wait at max-pools is refused before AcquireAsync returns");
        Assert.Equal(TimeSpan.Zero, (await Assert.ThrowsAsync<LeaseUnavailableException>(() => refused)).Waited);
        Assert.Equal(0, _desk.Waiting);
        Assert.True(holder.IsActive);
    }

    [Fact]
    public async Task Line_IsServedStrictlyFirstComeFirstServed_AsEachHolderReleases()
    {
        var pool = AddPool();
        var holder = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var line = Enumerable.Range(0, 5).Select(_ => _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None)).ToList();
        Assert.All(line, w => Assert.False(w.IsCompleted));
        Assert.Equal(5, _desk.Waiting);
        Assert.Equal(5, _book.Waiting);

        for (var i = 0; i < line.Count; i++)
        {
            await holder.ReleaseAsync().WaitAsync(s_wait);

            Assert.True(line[i].IsCompletedSuccessfully, $"waiter {i} is served when the holder before it releases");
            for (var later = i + 1; later < line.Count; later++)
            {
                Assert.False(line[later].IsCompleted, $"waiter {later} was served before waiter {i}'s turn was over");
            }
            holder = await line[i];
            Assert.Equal(pool.Name, holder.PoolName);
            // Handed straight to the next in line, never shared in between.
            Assert.Equal(PoolMode.Leased, pool.Mode);
            Assert.Equal(line.Count - 1 - i, _desk.Waiting);
        }

        await holder.ReleaseAsync().WaitAsync(s_wait);
        Assert.Equal(PoolMode.Shared, pool.Mode);
        Assert.Equal((Taken: 6, Waiting: 5, Returned: 1, Closed: 0), _book.Counts);
    }

    [Theory]
    [InlineData("00:00:00.001")]
    [InlineData("00:00:10")]
    [InlineData("00:01:30")] // after the holder's soft expiry, revocation and revoke-timeout, each met on the way
    [InlineData("20.00:00:00")]
    public async Task TimedWait_NeverEndsEarly_AndIsRefusedAtItsDeadline_HavingWaitedExactlyWaitUpTo(string wait)
    {
        var waitUpTo = TimeSpan.Parse(wait, CultureInfo.InvariantCulture);
        AddPool();
        await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var waiting = _desk.AcquireAsync(s_leaseFor, waitUpTo, CancellationToken.None);

        // The holder's own deadlines come first, each on its own timer tick (the fake clock fires a
        // timer once per advance, with the clock already at the end of it).
        var passed = TimeSpan.Zero;
        foreach (var deadline in new[] { s_leaseFor, s_leaseFor + s_grace, s_leaseFor + s_grace + s_revokeTimeout }.Where(d => d < waitUpTo))
        {
            _clock.Advance(deadline - passed);
            passed = deadline;
            Assert.False(waiting.IsCompleted, $"a wait of {waitUpTo} ended at the holder's deadline {deadline}");
        }
        _clock.Advance(waitUpTo - passed - s_oneTick);

        Assert.False(waiting.IsCompleted, $"a wait of {waitUpTo} ended one tick early");
        Assert.Equal(1, _desk.Waiting);

        _clock.Advance(s_oneTick);

        Assert.True(waiting.IsFaulted, $"a wait of {waitUpTo} did not end at its deadline");
        var refused = await Assert.ThrowsAsync<LeaseUnavailableException>(() => waiting);
        Assert.Equal(waitUpTo, refused.Waited);
        Assert.Equal(0, _desk.Waiting);
        // Told when it joined and when it left, so a pool set aside for it may be shared again.
        Assert.Equal(2, _book.Waiting);
    }

    [Fact]
    public async Task InfiniteWait_OutlastsThirtyDaysAndOtherDeadlines_AndIsGrantedWhenThePoolComesBack()
    {
        var pool = AddPool();
        var plane = SharedJobs();
        using var gate = new Gate();
        var shared = plane.Submit(() =>
        {
            gate.Pass();
            return "shared";
        });
        var forever = _desk.AcquireAsync(s_leaseFor, Timeout.InfiniteTimeSpan, CancellationToken.None);
        var oneDay = _desk.AcquireAsync(s_leaseFor, TimeSpan.FromDays(1), CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TimeSpan.FromDays(1), (await Assert.ThrowsAsync<LeaseUnavailableException>(() => oneDay)).Waited);
        _clock.Advance(TimeSpan.FromDays(29));

        Assert.False(forever.IsCompleted, "Timeout.InfiniteTimeSpan waits for ever");
        Assert.Equal(1, _desk.Waiting);

        pool.NotifyWhenIdle(_desk.Serve);
        gate.Open();

        Assert.Equal("shared", await shared.WaitAsync(s_wait));
        var lease = await forever.WaitAsync(s_wait);
        Assert.Equal(pool.Name, lease.PoolName);
        Assert.Equal(PoolMode.Leased, pool.Mode);
        Assert.Equal(0, _desk.Waiting);
    }

    [Fact]
    public async Task CancelledWaiter_LeavesTheLineAtOnce_AndTheNextIsServedFirst()
    {
        var pool = AddPool();
        var holder = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        using var leaving = new CancellationTokenSource();
        var first = _desk.AcquireAsync(s_leaseFor, s_longWait, leaving.Token);
        var second = _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None);
        var third = _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None);
        Assert.Equal(3, _desk.Waiting);
        Assert.Equal(3, _book.Waiting);

        await leaving.CancelAsync();

        Assert.True(first.IsCanceled, "a waiter whose token is cancelled ends Canceled at once");
        Assert.Equal(leaving.Token, (await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first)).CancellationToken);
        Assert.Equal(2, _desk.Waiting);
        Assert.Equal(4, _book.Waiting);

        await holder.ReleaseAsync().WaitAsync(s_wait);

        Assert.True(second.IsCompletedSuccessfully, "the waiter behind the cancelled one is served first");
        Assert.False(third.IsCompleted);
        Assert.Equal(pool.Name, (await second).PoolName);
        Assert.Equal(1, _desk.Waiting);
    }

    [Fact]
    public async Task GrantThatComesAfterTheCallerGaveUp_IsReleasedAtOnce_NotLeftHeld()
    {
        var pool = AddPool();
        var lease = (LeasedExecutor)await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
        var waiter = new TaskWaiter(s_leaseFor, s_longWait, _clock.GetTimestamp(), long.MaxValue);
        waiter.Cancelled(new CancellationToken(canceled: true));

        waiter.Grant(lease);

        Assert.True(waiter.Task.IsCanceled);
        Assert.False(lease.IsActive);
        Assert.Equal(PoolMode.Shared, pool.Mode);
        Assert.Equal(1, _book.Returned);
        Assert.Empty(_desk.Snapshot().Leases);
    }

    [Fact]
    public async Task GrantRacingCancellation_EitherHandsTheCallerTheLeaseOrLeavesThePoolFree_NeverBoth()
    {
        var pool = AddPool();
        int cancelled = 0, granted = 0;
        for (var round = 0; round < 300; round++)
        {
            var holder = await _desk.AcquireAsync(s_leaseFor, TimeSpan.Zero, CancellationToken.None);
            using var giveUp = new CancellationTokenSource();
            var waiting = _desk.AcquireAsync(s_leaseFor, s_longWait, giveUp.Token);
            using var start = new Barrier(2);
            var releaser = new Thread(() =>
            {
                start.SignalAndWait(s_wait);
                _ = holder.ReleaseAsync();
            });
            var canceller = new Thread(() =>
            {
                start.SignalAndWait(s_wait);
                giveUp.Cancel();
            });
            releaser.Start();
            canceller.Start();
            Assert.True(releaser.Join(s_wait) && canceller.Join(s_wait), $"round {round}: a racing thread hung");

            Assert.True(waiting.IsCompleted, $"round {round}: the waiter was neither granted nor cancelled");
            Assert.Equal(0, _desk.Waiting);
            var held = _desk.Snapshot().Leases;
            if (waiting.IsCanceled)
            {
                cancelled++;
                Assert.Empty(held);
                Assert.Equal(PoolMode.Shared, pool.Mode);
            }
            else
            {
                granted++;
                var lease = await waiting;
                Assert.True(lease.IsActive, $"round {round}: the caller was handed an ended lease");
                Assert.Equal(lease.LeaseId, Assert.Single(held).LeaseId);
                await lease.ReleaseAsync().WaitAsync(s_wait);
                Assert.Equal(PoolMode.Shared, pool.Mode);
            }
        }
        _output.WriteLine($"{cancelled} rounds ended cancelled, {granted} granted");
    }

    [Fact]
    public async Task TokenFiredAfterTheDeskTookTheWaiterButBeforeTheGrantReachedIt_TheGrantIsReleased_AndTheWaiterEndsCanceled()
    {
        var first = AddPool();
        var second = AddPool();
        var plane = SharedJobs();
        using var gate = new Gate();
        var firstIdle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondIdle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Least-busy routing puts one on each pool; the line forms behind them.
        var shared = new[] { plane.Submit(() => Pass(gate)), plane.Submit(() => Pass(gate)) };
        first.NotifyWhenIdle(() => firstIdle.TrySetResult());
        second.NotifyWhenIdle(() => secondIdle.TrySetResult());
        using var giveUp = new CancellationTokenSource();
        var leaving = _desk.AcquireAsync(s_leaseFor, s_longWait, giveUp.Token);
        var staying = _desk.AcquireAsync(s_leaseFor, s_longWait, CancellationToken.None);
        gate.Open();
        await Task.WhenAll(firstIdle.Task, secondIdle.Task).WaitAsync(s_wait);
        await Task.WhenAll(shared).WaitAsync(s_wait);

        // Serve takes the first waiter from the line, then reads the table again for the second:
        // the first waiter's token fires there, after it left the line and before its grant is delivered.
        var reads = 0;
        _book.OnTableRead = () =>
        {
            if (++reads == 2)
            {
                giveUp.Cancel();
            }
        };
        _desk.Serve();
        _book.OnTableRead = null;

        Assert.Equal(2, reads);
        Assert.True(staying.IsCompletedSuccessfully);
        // PoolClient.AcquireLeaseAsync: "Gives up the wait; a grant that still comes is released at once."
        Assert.True(leaving.IsCanceled, $"the waiter gave up before its grant came, yet its task ended {leaving.Status}");
        Assert.Equal((await staying).LeaseId, Assert.Single(_desk.Snapshot().Leases).LeaseId);
        Assert.Equal(1, _book.Returned);
    }

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

    private WorkerPool AddPool()
    {
        var n = _pools.Count + 1;
        var pool = new WorkerPool($"pool-{n}", $"desk-test-pool-{n}", workers: 1, PoolMode.Shared, _sharedWorkers);
        _pools.Add(pool);
        _book.Table = new PoolTable([.. _pools], _pools.Count, maxPools: _pools.Count, desired: _pools.Count);
        return pool;
    }

    // Shared jobs on the same pools, as PoolClient submits them.
    private DataPlane SharedJobs()
    {
        var plane = new DataPlane(maxQueued: 10, _sharedWorkers);
        plane.Publish(_book.Table);
        return plane;
    }

    private static bool Pass(Gate gate)
    {
        gate.Pass();
        return true;
    }

    private List<LeaseChanged> Changes(string leaseId) =>
        [.. _events.OfType<LeaseChanged>().Where(e => e.LeaseId == leaseId)];

    private List<LeaseStep> Steps(string leaseId) => [.. Changes(leaseId).Select(e => e.Step)];

    /// <summary>The supervisor's pool set as the desk sees it: a table the test sets, and the notices counted.</summary>
    private sealed class PoolsStandIn : ILeasePools
    {
        private PoolTable _table = PoolTable.Empty;
        private int _taken;
        private int _waiting;
        private int _returned;
        private int _closed;

        public PoolTable Table
        {
            get
            {
                OnTableRead?.Invoke();
                return Volatile.Read(ref _table);
            }

            set => Volatile.Write(ref _table, value);
        }

        /// <summary>Called on every read of <see cref="Table"/>, inside the desk's lock: a test's way into a grant in progress.</summary>
        public Action? OnTableRead { get; set; }

        public int Waiting => Volatile.Read(ref _waiting);

        public int Returned => Volatile.Read(ref _returned);

        public int Closed => Volatile.Read(ref _closed);

        public (int Taken, int Waiting, int Returned, int Closed) Counts =>
            (Volatile.Read(ref _taken), Waiting, Returned, Closed);

        void ILeasePools.Taken() => Interlocked.Increment(ref _taken);

        void ILeasePools.Waiting() => Interlocked.Increment(ref _waiting);

        void ILeasePools.Returned() => Interlocked.Increment(ref _returned);

        void ILeasePools.Closed() => Interlocked.Increment(ref _closed);
    }
}
