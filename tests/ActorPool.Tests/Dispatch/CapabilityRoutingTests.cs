using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;

namespace ActorPool.Tests.Dispatch;

/// <summary>Jobs that require capabilities: routed to pools that have them, one FIFO per requirement while none does.</summary>
public sealed class CapabilityRoutingTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private static int s_names;
    private readonly List<IPoolRuntime> _pools = [];
    private readonly SharedWorkers _shared = new();

    [Fact]
    public async Task RequiringJob_IsRefused_WhenNoPolicyStartsCapabilityPools()
    {
        var plane = new DataPlane(100, _shared);
        plane.Publish(Table(Pool()));

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() => plane.Submit(() => 1, Requirement.Of(["gpu"]), default));

        Assert.Contains("requires [gpu]", refused.Message);
        Assert.Contains("sizing.policy = capability", refused.Message);
        Assert.Equal(0, plane.InFlight);
    }

    [Fact]
    public async Task RequiringJob_RunsOnAPoolWithTheCapability_PlainJobsOnPlainPools()
    {
        var plane = Capable();
        var plain = Pool();
        var gpu = Pool("gpu");
        plane.Publish(Table(plain, gpu));

        for (var i = 0; i < 20; i++)
        {
            Assert.StartsWith(gpu.Name + "-worker", await plane.Submit(() => Thread.CurrentThread.Name!, Requirement.Of(["gpu"]), default).WaitAsync(s_wait));
            Assert.StartsWith(plain.Name + "-worker", await plane.Submit(() => Thread.CurrentThread.Name!).WaitAsync(s_wait));
        }
    }

    [Fact]
    public async Task RequiringJob_PrefersTheSmallestSetThatServesIt()
    {
        var plane = Capable();
        var both = Pool("fp64", "gpu");
        plane.Publish(Table(both));
        Assert.StartsWith(both.Name + "-worker", await plane.Submit(() => Thread.CurrentThread.Name!, Requirement.Of(["gpu"]), default).WaitAsync(s_wait));

        var gpu = Pool("gpu");
        plane.Publish(Table(both, gpu));

        Assert.StartsWith(gpu.Name + "-worker", await plane.Submit(() => Thread.CurrentThread.Name!, Requirement.Of(["gpu"]), default).WaitAsync(s_wait));
        Assert.StartsWith(both.Name + "-worker", await plane.Submit(() => Thread.CurrentThread.Name!, Requirement.Of(["gpu", "fp64"]), default).WaitAsync(s_wait));
    }

    [Fact]
    public async Task RequiringJobs_WaitInOrder_UntilAPoolServesThem_AndTheFirstToWaitCallsForOne()
    {
        var plane = Capable();
        var wanted = 0;
        plane.Wanted = () => Interlocked.Increment(ref wanted);
        plane.Publish(Table(Pool()));
        var order = new List<int>();
        var gpuJobs = Enumerable.Range(0, 5).Select(i => plane.Submit(() => { lock (order) { order.Add(i); } return i; }, Requirement.Of(["gpu"]), default)).ToList();

        Assert.Equal(5, plane.WaitingByRequirement()[Requirement.Of(["gpu"])]);
        Assert.Equal(1, wanted);
        Assert.Equal(42, await plane.Submit(() => 42).WaitAsync(s_wait));

        plane.Publish(Table(Pool(), Pool("gpu")));

        await Task.WhenAll(gpuJobs).WaitAsync(s_wait);
        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.Empty(plane.WaitingByRequirement());
    }

    [Theory]
    [InlineData("")]
    [InlineData("g pu")]
    [InlineData("gpu!")]
    public void BadCapabilityName_IsRefused_NamingIt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Submit.Requiring(() => 1, name));

        Assert.Contains($"[{name}]", error.Message);
    }

    [Fact]
    public void Requirements_AreSetsWhateverTheOrder()
    {
        Assert.Same(Requirement.Of(["gpu", "fp64", "gpu"]), Requirement.Of(["fp64", "gpu"]));
        Assert.Equal(["fp64", "gpu"], Submit.Requiring(() => 1, "gpu", "fp64").Requires);
        Assert.Same(Requirement.None, Requirement.Of([]));
    }

    public void Dispose()
    {
        foreach (var pool in _pools)
        {
            pool.Close();
        }
    }

    private DataPlane Capable() => new(100, _shared) { CapabilitiesRefusal = null };

    private ThreadRuntime Pool(params string[] capabilities)
    {
        var name = $"capable-{Interlocked.Increment(ref s_names)}";
        var pool = new ThreadRuntime(name, name, 1, PoolMode.Shared, _shared, Requirement.Of(capabilities));
        _pools.Add(pool);
        return pool;
    }

    private static PoolTable Table(params IPoolRuntime[] pools) => new(pools, pools.Length, 10, pools.Length);
}
