using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Sizing;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using static ActorPool.Tests.Sizing.PolicyFixtures;

namespace ActorPool.Tests.Sizing;

/// <summary>Whose heap pressure it is: the workers' allocation totals, and the share the pipeline reads from them.</summary>
public sealed class HeapAttributionTests
{
    [Fact]
    public async Task Workers_CountWhatTheirJobsAllocate_NotWhatOtherThreadsDo()
    {
        // Allocated on the test's thread, before any continuation could run on a worker.
        var elsewhere = new byte[64 << 20];
        var shared = new SharedWorkers();
        var plane = new DataPlane(100, shared);
        var pool = new ThreadRuntime("heap", "heap", 1, PoolMode.Shared, shared);
        plane.Publish(new PoolTable([pool], 1, 1, 1));
        try
        {
            await plane.Submit(() => new byte[4 << 20].Length);
            // One worker, which publishes its total every so many items (and before it parks):
            // the job after them starts once a total that includes the first one is published.
            for (var i = 0; i < TallySlot.AllocationsPublishedEvery; i++)
            {
                await plane.Submit(() => 0);
            }

            Assert.InRange(pool.AllocatedBytes, 4 << 20, 32 << 20);
            GC.KeepAlive(elsewhere);
        }
        finally
        {
            pool.Close();
        }
    }

    [Fact]
    public void Share_IsOurBytesOverTheProcesssBytes_SinceTheLastTick()
    {
        var heap = new HeapAttribution();
        Assert.True(double.IsNaN(heap.Update(Obs(0, 8) with { AllocatedBytes = 100, ProcessAllocatedBytes = 1_000 })));
        Assert.Equal(0.25, heap.Update(Obs(1, 8) with { AllocatedBytes = 350, ProcessAllocatedBytes = 2_000 }));
        // Nothing allocated: no share to read.
        Assert.True(double.IsNaN(heap.Update(Obs(2, 8) with { AllocatedBytes = 350, ProcessAllocatedBytes = 2_000 })));
        // The imprecise process total may lag ours: never above 1.
        Assert.Equal(1, heap.Update(Obs(3, 8) with { AllocatedBytes = 1_400, ProcessAllocatedBytes = 3_000 }));
        Assert.True(double.IsNaN(new HeapAttribution().Update(Obs(0, 8))), "no counters: unknown");
    }
}
