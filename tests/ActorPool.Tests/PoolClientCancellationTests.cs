using System.Runtime.CompilerServices;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests;

/// <summary>
/// <see cref="PoolClient.GetStatusAsync"/> and <see cref="PoolClient.AwaitSettledAsync"/> with a
/// cancellable token wait until the supervisor answers or the token fires, however long past the
/// client's ask timeout; without one, the ask timeout holds.
/// </summary>
/// <remarks>
/// Each test keeps the supervisor from answering while calls without a token run out their ask
/// timeout, one after another, three times: those calls are the clock, so the call with a token is
/// known to have outlived three ask timeouts whatever the machine's load.
/// </remarks>
public sealed class PoolClientCancellationTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Two single-worker pools at 20 units, one at 0.</summary>
    private static readonly PoolSettings s_settings = SeedSettings with { MinPools = 1, MaxPools = 2, UnitsPerPool = 10, WorkersPerPool = 1 };

    [Fact]
    public async Task AwaitSettled_WithACancellableToken_OutlastsTheAskTimeout_AndAnswersOnceTheDrainingPoolHasEnded()
    {
        using var gate = new Gate();
        var (client, held) = await DrainingAsync(gate);
        using var cancel = new CancellationTokenSource();

        var settling = client.AwaitSettledAsync(cancel.Token);
        await OutlastThreeAskTimeoutsAsync(() => client.AwaitSettledAsync());

        Assert.False(settling.IsCompleted, $"AwaitSettledAsync(token) ended while the supervisor was unsettled: {settling.Status}");
        gate.Open();
        var settled = await settling.WaitAsync(Wait);
        Assert.True(settled.Settled, settled.ToString());
        Assert.Equal((Total: 1, Draining: 0), (settled.Total, settled.Draining));
        Assert.Equal(new[] { 0, 0 }, await Task.WhenAll(held).WaitAsync(Wait));
    }

    [Fact]
    public async Task AwaitSettled_WithACancelledToken_EndsCanceled()
    {
        using var gate = new Gate();
        var (client, _) = await DrainingAsync(gate);
        using var cancel = new CancellationTokenSource();
        var settling = client.AwaitSettledAsync(cancel.Token);
        Assert.False(settling.IsCompleted);

        await cancel.CancelAsync();

        await Task.WhenAny(settling).WaitAsync(Wait);
        Assert.True(settling.IsCanceled, $"AwaitSettledAsync(token) ended {settling.Status} when its token was cancelled");
    }

    [Fact]
    public async Task GetStatus_WithACancellableToken_OutlastsTheAskTimeout_WhileTheSupervisorIsBusy()
    {
        using var gate = new Gate();
        var client = await BusyAsync(gate);
        using var cancel = new CancellationTokenSource();

        var status = client.GetStatusAsync(cancel.Token);
        await OutlastThreeAskTimeoutsAsync(() => client.GetStatusAsync());

        Assert.False(status.IsCompleted, $"GetStatusAsync(token) ended while the supervisor was busy: {status.Status}");
        gate.Open();
        Assert.Equal(1, (await status.WaitAsync(Wait)).Total);
    }

    [Fact]
    public async Task GetStatus_WithACancelledToken_EndsCanceled()
    {
        using var gate = new Gate();
        var client = await BusyAsync(gate);
        using var cancel = new CancellationTokenSource();
        var status = client.GetStatusAsync(cancel.Token);
        Assert.False(status.IsCompleted);

        await cancel.CancelAsync();

        await Task.WhenAny(status).WaitAsync(Wait);
        Assert.True(status.IsCanceled, $"GetStatusAsync(token) ended {status.Status} when its token was cancelled");
        gate.Open();
    }

    /// <summary>Calls <paramref name="untimed"/> (no token, so the ask timeout applies) three times in turn, each timing out.</summary>
    private static async Task OutlastThreeAskTimeoutsAsync(Func<Task<PoolStatus>> untimed)
    {
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AskTimeoutException>(untimed).WaitAsync(Wait);
        }
    }

    /// <summary>
    /// A supervisor grown to two pools, each holding a job at <paramref name="gate"/>, then shrunk
    /// to one: the surplus pool drains, and the supervisor is unsettled until the gate opens.
    /// </summary>
    private async Task<(PoolClient Client, List<Task<int>> Held)> DrainingAsync(Gate gate)
    {
        var pools = StartSupervisor(s_settings);
        var client = ActorPools.Get(Sys).Client(pools, s_askTimeout);
        client.ScaleChanged(20);
        await EventuallyAsync(
            async () =>
            {
                var grown = await StatusAsync(pools);
                Assert.True(grown.Settled && grown.Total == 2, grown.ToString());
            });
        // Least-busy routing puts one on each pool.
        var held = Enumerable.Range(0, 2).Select(_ => client.SubmitAsync(() =>
        {
            gate.Pass();
            return 0;
        })).ToList();
        await UntilAsync(() => gate.Entered == 2);
        client.ScaleChanged(0);
        await EventuallyAsync(async () => Assert.Equal(1, (await StatusAsync(pools)).Draining));
        return (client, held);
    }

    /// <summary>A supervisor whose size provider (read on its thread) is held at <paramref name="gate"/>.</summary>
    private async Task<PoolClient> BusyAsync(Gate gate)
    {
        var holding = new StrongBox<bool>();
        var pools = StartSupervisor(
            s_settings,
            () =>
            {
                if (Volatile.Read(ref holding.Value))
                {
                    gate.Pass();
                }
                return 0;
            });
        await SettledAsync(pools);
        var client = ActorPools.Get(Sys).Client(pools, s_askTimeout);
        Volatile.Write(ref holding.Value, true);
        client.Recheck();
        await UntilAsync(() => gate.Entered == 1);
        return client;
    }
}
