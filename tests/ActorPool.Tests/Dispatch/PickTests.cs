using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;

namespace ActorPool.Tests.Dispatch;

/// <summary>Where a shared job goes: the least busy of a few pools, two random choices among many, never behind a running job while a worker is free.</summary>
public sealed class PickTests : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly List<IPoolRuntime> _pools = [];

    [Fact]
    public void FewPools_TheLeastBusyIsPicked()
    {
        var table = Table(4, out _);
        Assert.True(table.Pools[0].TryAdmit(PoolMode.Shared));
        Assert.True(table.Pools[1].TryAdmit(PoolMode.Shared));
        Assert.True(table.Pools[3].TryAdmit(PoolMode.Shared));

        Assert.Same(table.Pools[2], table.Pick(freeWorkers: false));

        foreach (var pool in new[] { table.Pools[0], table.Pools[1], table.Pools[3] })
        {
            pool.Unadmit();
        }
    }

    [Fact]
    public async Task ManyPools_AJobRunsOnTheOnlyIdlePoolWhileTheOthersAreBlocked()
    {
        var table = Table(8, out var shared);
        var plane = new DataPlane(1000, shared);
        plane.Publish(table);
        var blocked = Block(plane, 7);
        var idle = Assert.Single(table.Pools, p => p.Running == 0);

        // Many times: a random pair of busy pools must never win over the idle one.
        for (var i = 0; i < 200; i++)
        {
            var ranOn = await plane.Submit(() => Thread.CurrentThread.Name).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith(idle.Name + "-worker", ranOn);
            // A job's result is set just before its worker's books free the slot: the next job
            // is submitted once the idle pool's books say it is free again.
            Assert.True(SpinWait.SpinUntil(() => idle.Pending == 0 && plane.InFlight == 7, TimeSpan.FromSeconds(30)), "the idle pool's slot was never freed");
        }

        _release.Set();
        Assert.All(await Task.WhenAll(blocked), Assert.True);
    }

    [Fact]
    public async Task ManyPoolsAllBusy_QueuesStayEven()
    {
        var table = Table(8, out var shared);
        var plane = new DataPlane(10_000, shared);
        plane.Publish(table);
        var blocked = Block(plane, 8);

        var queued = Enumerable.Range(0, 800).Select(_ => plane.Submit(() => true)).ToList();
        var pending = table.Pools.Select(p => p.Pending).ToList();

        // 101 each on average; one random choice would spread them by about +-20, two choices by a few.
        Assert.Equal(808, pending.Sum());
        Assert.True(pending.Max() - pending.Min() <= 16, $"pending per pool: {string.Join(", ", pending)}");
        _release.Set();
        await Task.WhenAll(queued.Concat(blocked));
    }

    public void Dispose()
    {
        _release.Set();
        foreach (var pool in _pools)
        {
            pool.Close();
        }
        _release.Dispose();
    }

    private PoolTable Table(int pools, out SharedWorkers shared)
    {
        shared = new SharedWorkers();
        for (var i = 1; i <= pools; i++)
        {
            _pools.Add(new ThreadRuntime($"pick-pool-{i}", $"pick-pool-{i}", 1, PoolMode.Shared, shared));
        }
        return new PoolTable([.. _pools], pools, pools, pools);
    }

    // Jobs that hold their workers until the test releases them, returned once all have started.
    private List<Task<bool>> Block(DataPlane plane, int jobs)
    {
        using var started = new CountdownEvent(jobs);
        var blocked = Enumerable.Range(0, jobs).Select(_ => plane.Submit(() =>
        {
            started.Signal();
            return _release.Wait(TimeSpan.FromMinutes(1));
        })).ToList();
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the blocking jobs did not all start");
        return blocked;
    }
}
