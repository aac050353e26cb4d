using System.Collections.Concurrent;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>The units rule as the supervisor applies it: grow at once, shrink idle pools, drain busy ones.</summary>
public sealed class SizingTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task SeedScenario_31DevicesThenNone_GrowsToFourAndBackToOne()
    {
        var devices = new ConcurrentDictionary<string, bool>();
        var pools = StartSupervisor(SeedSettings, () => devices.Count);

        var initial = await SettledAsync(pools);
        Assert.Equal(1, initial.Desired);
        Assert.Equal(1, initial.Total);

        for (var i = 0; i < 31; i++)
        {
            devices[$"device-{i}"] = true;
            pools.Tell(ScaleChanged.Recheck);
        }
        var grown = await SettledAsync(pools);
        Assert.Equal(4, grown.Desired);
        Assert.Equal(4, grown.Total);
        Assert.Equal(4, grown.Idle);
        Assert.Equal(31, grown.Units);

        devices.Clear();
        pools.Tell(ScaleChanged.Recheck);
        var shrunk = await SettledAsync(pools);
        Assert.Equal(1, shrunk.Desired);
        Assert.Equal(1, shrunk.Total);
        // The oldest pool is the one kept.
        Assert.Equal("pool-1", Assert.Single(shrunk.Pools).Name);
    }

    [Theory]
    [InlineData(1, 5, 10)]
    [InlineData(0, 3, 7)]
    [InlineData(2, 8, 5)]
    public async Task ScaleChanged_Units0To60_FollowsTheUnitsRuleWithinBounds(int min, int max, int perPool)
    {
        var pools = StartSupervisor(new PoolSettings { MinPools = min, MaxPools = max, UnitsPerPool = perPool, WorkersPerPool = 1 });

        for (var units = 0; units <= 60; units++)
        {
            pools.Tell(new ScaleChanged(units));
            var expected = Math.Min(max, Math.Max(min, (units + perPool - 1) / perPool));
            var status = await StatusAsync(pools);
            Assert.True(expected == status.Desired, $"min={min} max={max} per-pool={perPool} units={units}: desired {status.Desired}, expected {expected}");
            Assert.True(status.Total <= max, $"total {status.Total} above max {max}");
            if (units % 10 == 0)
            {
                Assert.Equal(expected, (await SettledAsync(pools)).Total);
            }
        }
    }

    [Fact]
    public async Task Shrink_BusyPoolsAboveTarget_DrainThenStop()
    {
        var pools = StartSupervisor(SeedSettings);
        pools.Tell(new ScaleChanged(30));
        Assert.Equal(3, (await SettledAsync(pools)).Total);

        using var gate = new Gate();
        for (var i = 0; i < 3; i++)
        {
            var id = i;
            pools.Tell(new Submit(() => { gate.Pass(); return $"job-{id}"; }), TestActor);
        }
        await UntilAsync(() => gate.Entered == 3);
        var busy = await StatusAsync(pools);
        Assert.True(busy.Busy == 3, $"one job on each pool: {busy}");

        pools.Tell(new ScaleChanged(0));
        var draining = await StatusAsync(pools);
        Assert.Equal(1, draining.Desired);
        Assert.True(draining.Total == 3, $"draining pools still count: {draining}");
        Assert.Equal(2, draining.Draining);
        Assert.Equal([PoolState.Busy, PoolState.Draining, PoolState.Draining], draining.Pools.Select(p => p.State));

        // New work goes to the pool that stays, never to a draining one.
        pools.Tell(new Submit(() => Thread.CurrentThread.Name), TestActor);
        var thread = await ExpectMsgAsync<string>();
        Assert.Contains("-pool-1-worker-", thread, StringComparison.Ordinal);

        gate.Open();
        var results = new HashSet<object>();
        await foreach (var result in ReceiveNAsync(3, Wait))
        {
            results.Add(result);
        }
        Assert.Equal(new HashSet<object> { "job-0", "job-1", "job-2" }, results);
        var after = await SettledAsync(pools);
        Assert.Equal(1, after.Total);
        Assert.Equal(0, after.Draining);
    }

    [Fact]
    public async Task DrainingPool_CountsAgainstMaxPools_UntilItsThreadsEnd()
    {
        var pools = StartSupervisor(SeedSettings);
        pools.Tell(new ScaleChanged(20));
        Assert.Equal(2, (await SettledAsync(pools)).Total);
        using var gate = new Gate();
        pools.Tell(new Submit(() => { gate.Pass(); return "held"; }), TestActor);
        pools.Tell(new Submit(() => { gate.Pass(); return "held"; }), TestActor);
        await UntilAsync(() => gate.Entered == 2);

        // pool-2 drains with its job; then the target jumps to max-pools = 5.
        pools.Tell(new ScaleChanged(10));
        pools.Tell(new ScaleChanged(50));
        var capped = await StatusAsync(pools);
        Assert.Equal(5, capped.Desired);
        Assert.True(capped.Total == 5 && capped.Draining == 1, $"the draining pool holds one of the 5 slots: {capped}");

        gate.Open();
        await ExpectMsgAsync("held");
        await ExpectMsgAsync("held");
        var settled = await SettledAsync(pools);
        Assert.Equal(5, settled.Total);
        Assert.Equal(0, settled.Draining);
        Assert.DoesNotContain(settled.Pools, p => p.Name == "pool-2");
    }

    [Fact]
    public async Task Shrink_IdlePoolsAboveTarget_StopAtOnce_AndEachStepIsPublished()
    {
        var events = Events(typeof(PoolStarted), typeof(PoolDraining), typeof(PoolStopped));
        var pools = StartSupervisor(SeedSettings);
        Assert.Equal("pool-1", (await events.ExpectMsgAsync<PoolStarted>()).Pool);

        pools.Tell(new ScaleChanged(30));
        Assert.Equal("pool-2", (await events.ExpectMsgAsync<PoolStarted>()).Pool);
        Assert.Equal("pool-3", (await events.ExpectMsgAsync<PoolStarted>()).Pool);
        Assert.Equal(3, (await SettledAsync(pools)).Total);

        pools.Tell(new ScaleChanged(10));
        var drained = new List<PoolDraining>();
        var stopped = new List<string>();
        while (stopped.Count < 2)
        {
            switch (await events.ExpectMsgAsync<PoolEvent>())
            {
                case PoolDraining d:
                    drained.Add(d);
                    break;
                case PoolStopped s:
                    Assert.Contains(drained, d => d.Pool == s.Pool);
                    stopped.Add(s.Pool);
                    break;
                case var other:
                    Assert.Fail($"unexpected {other}");
                    break;
            }
        }
        Assert.Equal(["pool-2", "pool-3"], stopped.Order());
        Assert.All(drained, d => Assert.Equal(0, d.Jobs));
        Assert.All(drained, d => Assert.Equal(pools.Path.ToStringWithoutAddress(), d.Supervisor));
        var settled = await SettledAsync(pools);
        Assert.Equal(["pool-1"], settled.Pools.Select(p => p.Name));
    }

    [Fact]
    public async Task ScalingDecision_IsPublishedWithItsInputs_OnlyWhenTheTargetChanges()
    {
        var decisions = Events(typeof(ScalingDecision));
        var pools = StartSupervisor(SeedSettings);

        pools.Tell(new ScaleChanged(31));
        var up = await decisions.ExpectMsgAsync<ScalingDecision>();
        Assert.Equal(new ScalingDecision(pools.Path.ToStringWithoutAddress(), "units", 31, 1, 4, "ScaleChanged(31)"), up);

        // 35 units keeps 4 pools: no decision; the next one published is for 0 units.
        pools.Tell(new ScaleChanged(35));
        pools.Tell(new ScaleChanged(0));
        var down = await decisions.ExpectMsgAsync<ScalingDecision>();
        Assert.Equal((0, 4, 1), (down.Units, down.Previous, down.Desired));
    }

    [Fact]
    public async Task Recheck_ReReadsTheSizeProviderAtOnce()
    {
        var units = 0;
        var pools = StartSupervisor(SeedSettings, () => Volatile.Read(ref units));
        Assert.Equal(1, (await SettledAsync(pools)).Total);

        Volatile.Write(ref units, 45);
        // The check interval is 60 s: without a recheck the supervisor still uses the old count.
        Assert.Equal(0, (await StatusAsync(pools)).Units);
        pools.Tell(ScaleChanged.Recheck);
        var status = await SettledAsync(pools);
        Assert.Equal(45, status.Units);
        Assert.Equal(5, status.Total);
    }

    [Fact]
    public void ScaleChanged_NegativeUnits_IsRefusedNamingTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScaleChanged(-1));
        Assert.Contains("[-1]", error.Message, StringComparison.Ordinal);
        var client = ActorPools.Get(Sys).Client(StartSupervisor(SeedSettings));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.ScaleChanged(-1));
    }
}
