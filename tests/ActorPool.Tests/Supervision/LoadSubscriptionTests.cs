using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>Every supervisor subscribes to the shared SystemLoad, so its status shows the load; only a policy that reads the load sizes on it.</summary>
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
    public async Task UnitsPolicy_ShowsTheLoadToo_WithoutSizingOnIt()
    {
        var units = 0;
        var pools = StartSupervisor(s_settings with { MaxPools = 3, UnitsPerPool = 10 }, () => units);

        await AwaitAssertAsync(async () =>
        {
            var status = await StatusAsync(pools);
            Assert.Equal("units", status.Policy);
            Assert.DoesNotContain(LoadSignal.Cpu, status.Load.UnknownSignals);
        }, Wait, TimeSpan.FromMilliseconds(50));

        // The load does not move a units supervisor: its target is still the units' rule.
        units = 21;
        pools.Tell(ScaleChanged.Recheck, ActorRefs.NoSender);
        Assert.Equal(3, (await SettledAsync(pools)).Desired);
    }
}
