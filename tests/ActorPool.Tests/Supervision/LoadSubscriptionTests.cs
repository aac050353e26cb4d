using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>A supervisor whose policy reads the load subscribes to the shared SystemLoad; one whose policy does not, does not.</summary>
public sealed class LoadSubscriptionTests(ITestOutputHelper output)
    : PoolTestKit(output, "actor-pool.system-load { sample-interval = 100ms, current-window = 500ms, history = 2s }")
{
    private static readonly PoolSettings s_settings = new() { MinPools = 1, MaxPools = 2, WorkersPerPool = 1, LoggingInterval = null };

    [Fact]
    public async Task LoadPolicy_ReceivesTheSharedSystemLoadsSnapshots()
    {
        var pools = StartSupervisor(s_settings with { Sizing = new SizingSettings { Policy = "load" } });

        await AwaitAssertAsync(async () =>
        {
            var status = await StatusAsync(pools);
            Assert.Equal("load", status.Policy);
            Assert.NotEqual(default, status.Load.Timestamp);
            Assert.DoesNotContain(LoadSignal.Cpu, status.Load.UnknownSignals);
        }, Wait, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task UnitsPolicy_DoesNotSubscribe()
    {
        var pools = StartSupervisor(s_settings);
        var probe = CreateTestProbe();
        ActorPools.Get(Sys).SystemLoad.Tell(new SubscribeLoad(probe.Ref), probe.Ref);
        // Two snapshots reach a subscriber: the units supervisor has had its chance too.
        await probe.ExpectMsgAsync<LoadSnapshot>(Wait);
        await probe.ExpectMsgAsync<LoadSnapshot>(Wait);

        var status = await StatusAsync(pools);

        Assert.Equal("units", status.Policy);
        Assert.Equal(LoadSignals.All.Count, status.Load.UnknownSignals.Count);
    }
}
