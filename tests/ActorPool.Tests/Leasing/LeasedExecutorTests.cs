using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.Supervision;
using ActorPool.Internal.Workers;
using Akka.TestKit;

namespace ActorPool.Tests.Leasing;

/// <summary>
/// How a lease ends, on a real pool and a probe standing in for the supervisor, so that orderings
/// that depend on timing at the actor level are checked step by step.
/// </summary>
public sealed class LeasedExecutorTests : LeaseTestKit
{
    private readonly WorkerPool _pool = new("pool-1", "unit-pool-1", workers: 1, PoolMode.Leased);
    private readonly TestProbe _supervisor;
    private readonly LeasedExecutor _lease;
    private readonly ManualResetEventSlim _gate = new();

    public LeasedExecutorTests()
    {
        _supervisor = CreateTestProbe();
        _lease = new LeasedExecutor("lease-1", _pool, new LeaseTerms(TimeProvider.System, LongLease, new LeaseSettings()), "holder", _supervisor.Ref);
    }

    [Fact]
    public async Task HolderStopped_DropsQueuedJobsBeforeThePoolIsReturned()
    {
        var running = await StartBlockingJobAsync();
        var queued = _lease.SubmitAsync(() => "queued");

        _lease.HolderStopped();

        Assert.True(queued.IsFaulted, "queued work is dropped at once, before the pool can go back");
        await Assert.ThrowsAsync<LeaseReleasedException>(() => queued);
        // The running job still holds the pool: it is not returned yet.
        await _supervisor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        _gate.Set();
        Assert.Equal("done", await Within(running));
        var returned = await _supervisor.ExpectMsgAsync<LeaseReturned>(Wait);
        Assert.Equal(LeaseStep.HolderStopped, returned.Step);
    }

    [Fact]
    public async Task HolderStopped_AfterThePoolWentBack_LeavesTheNextUsersQueuedJobsAlone()
    {
        await Within(_lease.ReleaseAsync());
        await _supervisor.ExpectMsgAsync<LeaseReturned>(Wait);
        // The supervisor shares the pool again; shared jobs queue on it.
        Assert.True(_pool.TrySwitch(PoolMode.Leased, PoolMode.Shared, onlyIfIdle: false));
        var plane = new DataPlane(maxQueued: 10, _supervisor.Ref);
        plane.Publish(new PoolTable([_pool]));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = plane.Submit(() =>
        {
            started.SetResult();
            return _gate.Wait(Wait);
        });
        var queued = plane.Submit(() => "shared");
        await Within(started.Task);

        // A Terminated of the old holder that was still on its way.
        _lease.HolderStopped();

        Assert.False(queued.IsCompleted, "another user's queued job was dropped");
        _gate.Set();
        Assert.True(await Within(running));
        Assert.Equal("shared", await Within(queued));
    }

    [Fact]
    public async Task Revoke_AfterRelease_IsRefused_AndRunningWorkKeepsItsToken()
    {
        var token = CancellationToken.None;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _lease.SubmitAsync<string>(t =>
        {
            token = t;
            started.SetResult();
            _gate.Wait(CancellationToken.None);
            return Task.FromResult("done");
        });
        await Within(started.Task);
        var released = _lease.ReleaseAsync();

        Assert.False(_lease.Revoke(), "a released lease was revoked");

        Assert.False(token.IsCancellationRequested);
        _gate.Set();
        Assert.Equal("done", await Within(running));
        await Within(released);
        Assert.Equal(LeaseStep.Released, (await _supervisor.ExpectMsgAsync<LeaseReturned>(Wait)).Step);
        await _supervisor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Revoke_FailsQueuedWorkAndCancelsRunningWork_BeforeTellingTheSupervisor_Once()
    {
        var token = CancellationToken.None;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _lease.SubmitAsync<string>(t =>
        {
            token = t;
            started.SetResult();
            t.WaitHandle.WaitOne();
            t.ThrowIfCancellationRequested();
            return Task.FromResult("never");
        });
        await Within(started.Task);
        var queued = _lease.SubmitAsync(() => "queued");

        Assert.True(_lease.Revoke());

        Assert.True(queued.IsFaulted);
        Assert.True(token.IsCancellationRequested);
        await _supervisor.ExpectMsgAsync<LeaseWasRevoked>(Wait);
        await Assert.ThrowsAsync<LeaseExpiredException>(() => queued);
        await Assert.ThrowsAsync<LeaseExpiredException>(() => Within(running));
        Assert.False(_lease.Revoke());
        _lease.HolderStopped();
        await Within(_lease.ReleaseAsync());
        await Assert.ThrowsAsync<LeaseExpiredException>(() => Within(_lease.RenewAsync(TimeSpan.FromSeconds(1))));
        // Ended once: no second revoke, no return of a revoked pool.
        await _supervisor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Set();
            _pool.Shutdown(new OperationCanceledException("test over"));
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task<Task<string>> StartBlockingJobAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _lease.SubmitAsync(() =>
        {
            started.SetResult();
            _gate.Wait(CancellationToken.None);
            return "done";
        });
        await Within(started.Task);
        return running;
    }
}
