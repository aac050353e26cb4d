using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorPool.Docs.Tests.Snippets;

/// <summary>README.md's quick start, run by <see cref="SnippetRunTests"/>.</summary>
public static class QuickStart
{
    public static async Task<(string Answer, string Leased)> RunAsync()
    {
        #region quick-start
        using var system = ActorSystem.Create("app");
        var devices = new ConcurrentDictionary<string, bool>();
        var settings = PoolSettings.Create(system) with { MinPools = 1, MaxPools = 5, UnitsPerPool = 10, WorkersPerPool = 2 };
        var pools = system.ActorOf(PoolSupervisor.Props(settings, () => devices.Count), "pools");
        var client = ActorPools.Get(system).Client(pools);

        devices["device-1"] = true;
        client.Recheck();                                               // or pools.Tell(new ScaleChanged(31))
        var answer = await client.SubmitAsync(() => "hello");           // runs on a pool's worker thread
        await using var lease = await client.AcquireLeaseAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
        var leased = await lease.SubmitAsync(() => "only this lease's work runs on its pool");
        #endregion
        return (answer, leased);
    }
}
