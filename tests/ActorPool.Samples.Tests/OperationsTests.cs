namespace ActorPool.Samples.Tests;

/// <summary>The Operations sample exports the ActorPool meter with OpenTelemetry and prints its health.</summary>
public sealed class OperationsTests
{
    private static readonly string[] s_instruments =
    [
        "actorpool.pool.count", "actorpool.pool.desired", "actorpool.pool.min", "actorpool.pool.max", "actorpool.units",
        "actorpool.job.queued", "actorpool.job.running", "actorpool.job.completed", "actorpool.job.rejected", "actorpool.job.duration",
        "actorpool.worker.count", "actorpool.worker.stuck", "actorpool.lease.count", "actorpool.lease.waiting", "actorpool.lease.changes",
        "actorpool.sizing.decisions", "actorpool.load.cpu", "actorpool.load.memory", "actorpool.load.scheduling_lag", "actorpool.load.overloaded",
    ];

    [Fact]
    public async Task Operations_ExportsEveryInstrument_AndReportsHealthy()
    {
        var text = await SampleOutput.OfAsync("Operations", TimeSpan.FromSeconds(90), "--seconds", "4");

        foreach (var name in s_instruments)
        {
            Assert.Contains($"Metric Name: {name},", text, StringComparison.Ordinal);
        }
        Assert.Contains("actorpool.job.outcome: succeeded actorpool.supervisor: /user/pools actorpool.system: ops", text, StringComparison.Ordinal);
        Assert.Contains("actorpool.lease.step: granted", text, StringComparison.Ordinal);
        // Healthy, unless this (shared, busy) machine lagged for the whole short run: then degraded by
        // overload, which is the check working; never unhealthy, never degraded for anything else.
        Assert.Matches(@"second \d: health: (Healthy \(/user/pools: \d pools? \(|Degraded \(/user/pools: overloaded over the load history: [a-z, -]+\))", text);
        Assert.DoesNotContain("health: Unhealthy", text, StringComparison.Ordinal);
        Assert.Matches(@"Done: \d+ succeeded, \d+ failed", text);
    }
}
