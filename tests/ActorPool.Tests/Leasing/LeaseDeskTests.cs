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

/// <summary>The lease desk on a fake clock: grants on the caller's thread, the line, waits and their cancellation.</summary>
public sealed class LeaseDeskTests(ITestOutputHelper output) : LeaseDeskFixture(output)
{
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
}
