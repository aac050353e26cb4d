using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>A failing or negative size signal is survived: held or zeroed, reported once per change.</summary>
public sealed class SignalFailureTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task Hold_KeepsTheLastGoodUnits_AndReportsOncePerChangeOfFailure()
    {
        var events = Events(typeof(SignalFailed), typeof(SignalRecovered));
        var value = 31;
        Exception? failure = null;
        var pools = StartSupervisor(SeedSettings, () => Volatile.Read(ref failure) is { } f ? throw f : Volatile.Read(ref value));
        Assert.Equal(4, (await SettledAsync(pools)).Total);

        Volatile.Write(ref failure, new InvalidOperationException("registry down"));
        for (var i = 0; i < 3; i++)
        {
            pools.Tell(ScaleChanged.Recheck);
        }
        var failed = await events.ExpectMsgAsync<SignalFailed>();
        Assert.Contains("registry down", failed.Error, StringComparison.Ordinal);
        Assert.Equal(31, failed.UnitsUsed);
        var held = await StatusAsync(pools);
        Assert.Equal((4, 4, 31), (held.Desired, held.Total, held.Units));

        // The same failure three times gave one event: the next event is the changed failure.
        Volatile.Write(ref failure, new TimeoutException("registry timed out"));
        pools.Tell(ScaleChanged.Recheck);
        Assert.Contains("timed out", (await events.ExpectMsgAsync<SignalFailed>()).Error, StringComparison.Ordinal);

        Volatile.Write(ref value, 5);
        Volatile.Write(ref failure, null);
        pools.Tell(ScaleChanged.Recheck);
        pools.Tell(ScaleChanged.Recheck);
        Assert.Equal(5, (await events.ExpectMsgAsync<SignalRecovered>()).Units);
        Assert.Equal(1, (await SettledAsync(pools)).Total);
        // Recovered once: a further healthy read publishes nothing, so the next event is a new failure.
        Volatile.Write(ref failure, new InvalidOperationException("down again"));
        pools.Tell(ScaleChanged.Recheck);
        Assert.Contains("down again", (await events.ExpectMsgAsync<SignalFailed>()).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_FallsBackToMinPools_AndTheSupervisorLivesOn()
    {
        var value = 31;
        var pools = StartSupervisor(
            SeedSettings with { OnSignalFailure = SignalFailureMode.Zero },
            () => Volatile.Read(ref value) is var v && v < 0 ? throw new IOException("no signal") : v);
        Watch(pools);
        Assert.Equal(4, (await SettledAsync(pools)).Total);

        Volatile.Write(ref value, -1);
        pools.Tell(ScaleChanged.Recheck);
        var zeroed = await SettledAsync(pools);
        Assert.Equal((0, 1, 1), (zeroed.Units, zeroed.Desired, zeroed.Total));

        // Had the supervisor died, Terminated would arrive here instead of the reply.
        pools.Tell(new Submit(() => "still serving"), TestActor);
        await ExpectMsgAsync("still serving");
    }

    [Fact]
    public async Task NegativeCount_IsTreatedAsAFailure()
    {
        var events = Events(typeof(SignalFailed));
        var value = 25;
        var pools = StartSupervisor(SeedSettings, () => Volatile.Read(ref value));
        Assert.Equal(3, (await SettledAsync(pools)).Desired);

        Volatile.Write(ref value, -7);
        pools.Tell(ScaleChanged.Recheck);
        var failed = await events.ExpectMsgAsync<SignalFailed>();
        Assert.Contains("[-7]", failed.Error, StringComparison.Ordinal);
        var status = await StatusAsync(pools);
        Assert.Equal((25, 3), (status.Units, status.Desired));
    }

    [Fact]
    public async Task FailureAtStartup_IsPublished_AndMinPoolsStart()
    {
        var events = Events(typeof(SignalFailed));
        var pools = StartSupervisor(SeedSettings with { MinPools = 2 }, () => throw new InvalidOperationException("not ready yet"));

        var failed = await events.ExpectMsgAsync<SignalFailed>();
        Assert.Contains("not ready yet", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, failed.UnitsUsed);
        Assert.Equal(pools.Path.ToStringWithoutAddress(), failed.Supervisor);
        var status = await SettledAsync(pools);
        Assert.Equal((2, 2), (status.Desired, status.Total));
    }

    [Fact]
    public async Task ThrowingProvider_OnEveryCheck_NeverKillsTheSupervisor()
    {
        var calls = 0;
        var pools = StartSupervisor(SeedSettings, () => Interlocked.Increment(ref calls) > 1 ? throw new InvalidOperationException($"failure {calls}") : 12);
        Watch(pools);
        Assert.Equal(2, (await SettledAsync(pools)).Total);

        for (var i = 0; i < 20; i++)
        {
            pools.Tell(ScaleChanged.Recheck);
        }
        var status = await StatusAsync(pools);
        Assert.Equal((12, 2, 2), (status.Units, status.Desired, status.Total));
        pools.Tell(new Submit(() => "alive"), TestActor);
        await ExpectMsgAsync("alive");
    }
}
