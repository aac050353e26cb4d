using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>The supervisor under <c>sizing.policy = capability</c>: pools per capability set for the jobs that require them, back to plain pools when idle.</summary>
public sealed class CapabilitySizingTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private static readonly PoolSettings s_capability = new()
    {
        MinPools = 1,
        MaxPools = 6,
        WorkersPerPool = 2,
        LoggingInterval = null,
        Sizing = new SizingSettings { Policy = "capability", DecisionInterval = TimeSpan.FromMilliseconds(50) },
    };

    private readonly ManualResetEventSlim _release = new();

    [Fact]
    public async Task GpuJobs_StartAGpuPool_RunOnIt_AndItGoesWhenTheyAreDone()
    {
        var decisions = CreateTestProbe();
        Sys.EventStream.Subscribe(decisions, typeof(ScalingDecision));
        var pools = StartSupervisor(s_capability);
        var client = ActorPools.Get(Sys).Client(pools);
        Assert.Equal(1, (await client.AwaitSettledAsync()).Total);

        var gpuJobs = Enumerable.Range(0, 3).Select(_ => client.SubmitAsync(() =>
        {
            _release.Wait(Wait);
            return Thread.CurrentThread.Name!;
        }, ["gpu"])).ToList();

        var grown = await decisions.FishForMessageAsync<ScalingDecision>(d => d.PoolsByCapabilities?.GetValueOrDefault("gpu") > 0, Wait);
        Assert.Equal("capability", grown.Policy);
        await AwaitAssertAsync(async () =>
        {
            var status = await client.GetStatusAsync();
            var gpu = Assert.Single(status.Pools, p => p.Capabilities.SequenceEqual(["gpu"]));
            Assert.Equal(2, gpu.RunningJobs);
        }, Wait);
        var plain = Assert.Single((await client.GetStatusAsync()).Pools, p => p.Capabilities.Count == 0);
        Assert.Equal(0, plain.RunningJobs);

        _release.Set();
        var ranOn = await Task.WhenAll(gpuJobs);
        var gpuPool = (await client.GetStatusAsync()).Pools.Where(p => p.Capabilities.Count > 0).Select(p => p.Name).ToList();
        Assert.All(ranOn, name => Assert.Contains(name, gpuPool.Select(p => $"{pools.Path.Name}-{p}-worker-1").Concat(gpuPool.Select(p => $"{pools.Path.Name}-{p}-worker-2"))));

        await AwaitAssertAsync(async () =>
        {
            var status = await client.GetStatusAsync();
            var only = Assert.Single(status.Pools);
            Assert.Empty(only.Capabilities);
        }, Wait);
    }

    [Fact]
    public async Task PlainJobs_StillRunOnPlainPools()
    {
        var client = ActorPools.Get(Sys).Client(StartSupervisor(s_capability));

        Assert.Equal(42, await client.SubmitAsync(() => 42));
    }

    [Fact]
    public async Task UnderAnotherPolicy_ARequiringJobIsRefused_NamingThePolicy()
    {
        var client = ActorPools.Get(Sys).Client(StartSupervisor(s_capability with { Sizing = new SizingSettings() }));

        var refused = await Assert.ThrowsAsync<JobRejectedException>(() => client.SubmitAsync(() => 1, ["gpu"]));

        Assert.Contains("requires [gpu]", refused.Message, StringComparison.Ordinal);
        Assert.Contains("this supervisor's is units", refused.Message, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        _release.Set();
        base.Dispose(disposing);
        if (disposing)
        {
            _release.Dispose();
        }
    }
}
