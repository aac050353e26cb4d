using System.Collections.Frozen;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>
/// The supervisor with <c>sizing.policy = load</c>: it reads busy workers from the data plane's
/// counters on its decision ticks, grows, and holds while a <see cref="LoadSnapshot"/> it was
/// sent says the system is overloaded.
/// </summary>
public sealed class LoadSizingTests(ITestOutputHelper output)
    // The shared SystemLoad samples once a day here: these tests decide what the load is.
    : PoolTestKit(output, "actor-pool.system-load { sample-interval = 1d, current-window = 1d, history = 1d }")
{
    private static readonly PoolSettings s_load = new()
    {
        MinPools = 1,
        MaxPools = 4,
        WorkersPerPool = 2,
        CheckInterval = TimeSpan.FromSeconds(60),
        LoggingInterval = null,
        Sizing = new SizingSettings
        {
            Policy = "load",
            DecisionInterval = TimeSpan.FromMilliseconds(50),
            Load = new LoadPolicySettings { AutoscaleInterval = TimeSpan.Zero },
        },
    };

    /// <summary>Overloaded in the current window only: Crawlee's rule (on the history) would grow; the veto must not let it.</summary>
    private static LoadSnapshot CurrentlyOverloaded()
    {
        var now = DateTimeOffset.UtcNow;
        var cpu = new[] { LoadSignal.Cpu }.ToFrozenSet();
        var shares = LoadSignals.All.ToFrozenDictionary(s => s, s => s == LoadSignal.Cpu ? 1.0 : 0.0);
        var none = LoadSignals.All.ToFrozenDictionary(s => s, _ => 0.0);
        return new LoadSnapshot(now, 1.0, 0, TimeSpan.Zero, 0, shares, none, cpu, FrozenSet<LoadSignal>.Empty, FrozenSet<LoadSignal>.Empty);
    }

    private async Task<Gate> BusyAsync(IActorRef pools, int jobs)
    {
        var gate = new Gate();
        for (var i = 0; i < jobs; i++)
        {
            pools.Tell(new Submit(() => { gate.Pass(); return "done"; }), TestActor);
        }
        await UntilAsync(() => gate.Entered == jobs);
        return gate;
    }

    [Fact]
    public async Task LoadPolicy_BusyPools_Grow_OnDecisionTicks()
    {
        var decisions = Events(typeof(ScalingDecision));
        var pools = StartSupervisor(s_load);
        Assert.Equal(1, (await SettledAsync(pools)).Desired);

        // Both workers of the one pool busy: running 2 >= floor(0.9 x 2).
        using var gate = await BusyAsync(pools, 2);
        var grown = await decisions.ExpectMsgAsync<ScalingDecision>();
        Assert.Equal(("load", 1, 2, "decision-interval"), (grown.Policy, grown.Previous, grown.Desired, grown.Reason));
        // A tick may fall between the two jobs' starts: one running already meets floor(0.9 x 2) = 1.
        Assert.Matches(@"not overloaded and running [12] >= floor\(0\.9 x 2\) = 1: \+1", grown.Rationale);
        Assert.Contains(grown.Inputs, i => i.Key == "running" && i.Value is "1" or "2");
        Assert.Equal(2, (await SettledAsync(pools)).Total);
    }

    [Fact]
    public async Task LoadPolicy_OverloadedSnapshotSentAsAMessage_VetoesGrowth_UntilItClears()
    {
        var decisions = Events(typeof(ScalingDecision));
        // No overload memory, so growth resumes at the first tick after the snapshot clears
        // (the memory itself is SizingPipelineTests' business).
        var pools = StartSupervisor(s_load with { Sizing = s_load.Sizing with { OverloadMemory = TimeSpan.Zero } });
        Assert.Equal(1, (await SettledAsync(pools)).Desired);
        pools.Tell(CurrentlyOverloaded());

        using var gate = await BusyAsync(pools, 2);
        var vetoed = await decisions.ExpectMsgAsync<ScalingDecision>();
        Assert.Equal(("overload-veto", 1, 1), (vetoed.Policy, vetoed.Previous, vetoed.Desired));
        Assert.Contains("[cpu] overloaded over the current window: no growth; load proposed 2", vetoed.Rationale, StringComparison.Ordinal);
        Assert.Contains(vetoed.Inputs, i => i.Key == "load" && i.Value.Contains("overloaded: cpu", StringComparison.Ordinal));
        Assert.Equal(1, (await StatusAsync(pools)).Desired);

        pools.Tell(LoadSnapshot.Of(DateTimeOffset.UtcNow));
        var grown = await decisions.ExpectMsgAsync<ScalingDecision>();
        Assert.True(("load", 1, 2) == (grown.Policy, grown.Previous, grown.Desired), $"{grown.Policy} {grown.Previous} -> {grown.Desired}: {grown.Rationale}");
        Assert.Equal(2, (await SettledAsync(pools)).Total);
    }

    [Fact]
    public async Task UnitsPolicy_ShowsAnOverloadedSnapshot_ButGrowsOnItsUnitsAnyway()
    {
        var units = 0;
        var pools = StartSupervisor(s_load with { Sizing = new SizingSettings { Policy = "units" } }, () => units);
        Assert.Equal(1, (await SettledAsync(pools)).Desired);
        pools.Tell(CurrentlyOverloaded());
        await UntilAsync(() => ActorPools.Get(Sys).StatusOf(pools) is { } s && s.Load.OverloadedSignals.Contains(LoadSignal.Cpu));

        units = 35;
        pools.Tell(ScaleChanged.Recheck);

        var status = await SettledAsync(pools);
        Assert.Equal(4, status.Desired);
        Assert.Contains(LoadSignal.Cpu, status.Load.OverloadedSignals);
    }
}
