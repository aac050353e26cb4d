using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>
/// Steering a running supervisor by message and through <see cref="PoolClient"/>: recheck, set
/// units, set pool bounds, kill workers. An invalid change is refused whole with the reason.
/// </summary>
public sealed class LiveControlTests(ITestOutputHelper output) : PoolTestKit(output, "akka.loglevel = INFO")
{
    [Fact]
    public async Task SetPoolBounds_MovesTheTargetAndThePoolsAtOnce()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);
        await Within(client.SetUnitsAsync(45));
        Assert.Equal(5, (await SettledAsync(pools)).Total);

        await pools.Ask<Akka.Done>(new SetPoolBounds(1, 2), Wait);

        var lowered = await SettledAsync(pools);
        Assert.Equal((1, 2, 2, 2), (lowered.MinPools, lowered.MaxPools, lowered.Desired, lowered.Total));

        await Within(client.SetPoolBoundsAsync(3, 6));

        var raised = await SettledAsync(pools);
        Assert.Equal((3, 6, 5, 5), (raised.MinPools, raised.MaxPools, raised.Desired, raised.Total));
    }

    [Theory]
    [InlineData(-1, 3, "actor-pool.min-pools must be >= 0, was: [-1]")]
    [InlineData(0, 0, "actor-pool.max-pools must be >= 1, was: [0]")]
    [InlineData(5, 3, "actor-pool.min-pools must be <= actor-pool.max-pools, was: [5] > [3]")]
    public async Task SetPoolBounds_Invalid_IsRefusedWhole_NamingTheKeyAndValue_AndChangesNothing(int min, int max, string reason)
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 2 });
        var before = await SettledAsync(pools);

        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors, typeof(Akka.Event.Error));
        ArgumentException? refused = null;

        // One warning line, no error with a stack trace: the caller's input was wrong, not our code.
        await EventFilter.Warning(start: "[AP1005]").ExpectOneAsync(async () =>
            refused = await Assert.ThrowsAsync<ArgumentException>(() => pools.Ask<Akka.Done>(new SetPoolBounds(min, max), Wait)));

        // The supervisor logs before it answers, and publishing is synchronous: an error would be here by now.
        Assert.False(errors.HasMessages);

        Assert.Contains(reason, refused!.Message, StringComparison.Ordinal);
        var after = await StatusAsync(pools);
        Assert.Equal((2, 5, before.Desired, before.Total), (after.MinPools, after.MaxPools, after.Desired, after.Total));
    }

    [Fact]
    public async Task SetPoolBoundsAsync_Invalid_FailsTheCallWithTheReason()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Within(client.SetPoolBoundsAsync(4, 2)));

        Assert.Contains("actor-pool.min-pools must be <= actor-pool.max-pools, was: [4] > [2]", refused.Message, StringComparison.Ordinal);
        Assert.Equal((1, 5), ((await StatusAsync(pools)).MinPools, (await StatusAsync(pools)).MaxPools));
    }

    [Fact]
    public async Task SetPoolBounds_BelowTheLeasedPools_NeverRevokesALease()
    {
        var pools = StartSupervisor(Settings(maxPools: 3, workers: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        await using var lease = await Within(client.AcquireLeaseAsync(LongLease, Wait));
        var leaseEvents = LeaseEvents();

        await Within(client.SetPoolBoundsAsync(0, 1));

        var status = await StatusAsync(pools);
        Assert.Equal((0, 1, 1), (status.MinPools, status.MaxPools, status.Leased));
        Assert.True(lease.IsActive);
        Assert.Equal(42, await Within(lease.SubmitAsync(() => 42)));
        await leaseEvents.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task SetUnitsAsync_AnswersWithTheStatusAfterTheChange()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);

        var status = await Within(client.SetUnitsAsync(31));

        Assert.Equal((31, 4), (status.Units, status.Desired));
        Assert.Equal(4, (await SettledAsync(pools)).Total);
    }

    [Fact]
    public async Task SetUnitsAsync_Negative_IsRefusedBeforeAnythingIsSent()
    {
        var pools = StartSupervisor(SeedSettings);
        var client = ActorPools.Get(Sys).Client(pools);

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.SetUnitsAsync(-3); });

        Assert.Equal("units", refused.ParamName);
        Assert.Contains("was: [-3]", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await StatusAsync(pools)).Units);
    }

    [Fact]
    public async Task Recheck_ReadsTheSizeProviderNow()
    {
        var units = 10;
        var pools = StartSupervisor(SeedSettings, () => Volatile.Read(ref units));
        var client = ActorPools.Get(Sys).Client(pools);
        Assert.Equal(1, (await SettledAsync(pools)).Desired);

        Volatile.Write(ref units, 38);
        client.Recheck();

        await EventuallyAsync(async () => Assert.Equal((38, 4), ((await StatusAsync(pools)).Units, (await StatusAsync(pools)).Desired)));
    }

    [Fact]
    public async Task KillWorkersAsync_ReplacesEveryWorker_AndThePoolsKeepServing()
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 2 });
        var client = ActorPools.Get(Sys).Client(pools);
        var before = (await SettledAsync(pools)).Pools.ToDictionary(p => p.Name, p => p.WorkersStarted);

        await EventFilter.Info(start: "[AP1011]").ExpectOneAsync(() => Within(client.KillWorkersAsync()));

        await EventuallyAsync(async () =>
        {
            foreach (var pool in (await StatusAsync(pools)).Pools)
            {
                Assert.True(pool.WorkersStarted >= before[pool.Name] + 2, $"{pool.Name}: {pool.WorkersStarted} workers started, {before[pool.Name]} before");
            }
        });
        Assert.Equal(7, await Within(client.SubmitAsync(() => 7)));
    }
}
