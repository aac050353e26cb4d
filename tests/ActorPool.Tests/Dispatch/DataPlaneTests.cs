using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;

namespace ActorPool.Tests.Dispatch;

/// <summary>The data plane as a plain class: what happens to jobs once its supervisor has stopped.</summary>
public sealed class DataPlaneTests
{
    [Fact]
    public async Task SubmitAfterStop_FailsAtOnceWithTheStopReason()
    {
        var plane = new DataPlane(10, new SharedWorkers());
        plane.Stop(new OperationCanceledException("supervisor stopped"));

        var job = plane.Submit(() => 1);
        var asyncJob = plane.SubmitAsync(_ => Task.FromResult(2));

        Assert.True(job.IsFaulted && asyncJob.IsFaulted, "a submit to a stopped plane must not wait for a pool that never comes");
        Assert.Equal("supervisor stopped", (await Assert.ThrowsAsync<OperationCanceledException>(() => job)).Message);
        await Assert.ThrowsAsync<OperationCanceledException>(() => asyncJob);
    }

    [Fact]
    public async Task JobWaitingForAPool_FailsWhenThePlaneStops()
    {
        // No pool table published yet: the job waits in the overflow queue.
        var plane = new DataPlane(10, new SharedWorkers());
        var job = plane.Submit(() => 1);
        Assert.False(job.IsCompleted);
        Assert.Equal(1, plane.Overflowing);

        plane.Stop(new OperationCanceledException("supervisor stopped"));

        await Assert.ThrowsAsync<OperationCanceledException>(() => job);
        Assert.Equal(0, plane.InFlight);
        Assert.True(plane.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task JobsStarted_CountsJobsNotTheirContinuations()
    {
        var shared = new SharedWorkers();
        var plane = new DataPlane(100, shared);
        var pool = new ThreadRuntime("counted", "counted", 2, PoolMode.Shared, shared);
        plane.Publish(new PoolTable([pool], 1, 1, 1));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(i => plane.Submit(() => i)));
            await plane.SubmitAsync(async _ =>
            {
                for (var i = 0; i < 3; i++)
                {
                    await Task.Yield(); // each resumes as a task on the pool's scheduler
                }
                return 0;
            });

            Assert.Equal(11, pool.JobsStarted);
        }
        finally
        {
            pool.Close();
        }
    }
}
