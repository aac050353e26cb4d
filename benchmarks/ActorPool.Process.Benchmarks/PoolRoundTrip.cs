using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Process.Benchmarks;

/// <summary>
/// What the pool adds to a job's round trip to a child: the same echo job through
/// <see cref="PoolClient"/> to a one-worker process pool, straight through a
/// <see cref="ProcessWorker"/>, and as a delegate through <see cref="PoolClient"/> to a one-worker
/// thread pool. The three run in interleaved rounds (the order turning each round), so drifting
/// load on shared cores falls on all three alike; each reports the median of its round medians.
/// </summary>
internal static class PoolRoundTrip
{
    public static async Task<(Stats Pool, Stats Direct, Stats Thread, Stats[] Samples)> MeasureAsync(int rounds, int perRound)
    {
        using var system = ActorSystem.Create("pool-round-trip", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var one = new PoolSettings { MinPools = 1, MaxPools = 1, WorkersPerPool = 1, LoggingInterval = null };
        var pools = ActorPools.Get(system);
        var processClient = pools.Client(system.ActorOf(PoolSupervisor.Props(one.WithProcessBackend(ProcessSettings.Create(system))), "process"));
        var threadClient = pools.Client(system.ActorOf(PoolSupervisor.Props(one), "threads"));
        await using var worker = new ProcessWorker(new ProcessWorkerOptions
        {
            Name = "direct",
            Jobs = new ProcessJobRegistry().Register<EchoJob>(),
        });

        (string Name, Func<Task> Trip)[] variants =
        [
            ("job round trip through `PoolClient.RunProcessJobAsync` to a one-worker process pool",
                () => processClient.RunProcessJobAsync<EchoJob, string, string>("ping")),
            ("the same job straight through `ProcessWorker.RunJobAsync` (no pool)",
                () => worker.RunJobAsync<EchoJob, string, string>("ping")),
            ("a delegate through `PoolClient.SubmitAsync` to a one-worker thread pool",
                () => threadClient.SubmitAsync(() => "ping")),
        ];
        var medians = variants.Select(v => new Stats(v.Name)).ToArray();
        var samples = variants.Select(v => new Stats(v.Name)).ToArray();
        // Round 0 warms every path up (the children start, the JIT runs) and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var at = (round + k) % variants.Length;
                var roundSamples = new Stats("");
                for (var i = 0; i < perRound; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await variants[at].Trip();
                    roundSamples.Add(Stopwatch.GetElapsedTime(started));
                }
                if (round > 0)
                {
                    medians[at].Add(TimeSpan.FromMicroseconds(roundSamples.Median));
                    samples[at].AddAll(roundSamples);
                }
            }
        }

        await system.Terminate();
        return (medians[0], medians[1], medians[2], samples);
    }
}
