using ActorPool.Benchmarks.Jobs;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>How a job blocks: <c>Thread.Sleep</c> (invisible to the ThreadPool) or a sync-over-async
/// <c>Task.Delay(..).Wait()</c>, which the ThreadPool detects and answers with starvation injection.</summary>
internal enum BlockKind
{
    Sleep,
    TaskWait,
}

/// <summary>
/// A job that spins for a known CPU time (counted iterations, <see cref="Spin"/>, so an
/// oversubscribed core makes it longer in wall time, not cheaper) and blocks for a known time, so
/// the best fixed concurrency on C cores is C x (cpu + block) / cpu (the knee).
/// </summary>
/// <param name="CpuMs">CPU time per job, in ms of this machine's uncontended CPU.</param>
/// <param name="BlockMs">Blocked time per job, in ms.</param>
/// <param name="Block">How it blocks.</param>
/// <param name="Jitter">Each part is drawn uniformly within +-Jitter of its size (0.05 is +-5%).</param>
internal sealed record Workload(double CpuMs, double BlockMs, BlockKind Block = BlockKind.Sleep, double Jitter = 0)
{
    private readonly int _iterations = Spin.IterationsFor(CpuMs * 1000);

    /// <summary>The best fixed worker count for this workload on <paramref name="cores"/> cores.</summary>
    public int Knee(int cores) => (int)Math.Round(cores * (CpuMs + BlockMs) / CpuMs);

    /// <summary>Jobs per second at the knee when the cores are ours alone.</summary>
    public double IdealThroughput(int cores) => cores * 1000.0 / CpuMs;

    /// <summary>Runs one job on the calling thread; returns 1.</summary>
    public int Run()
    {
        var factor = Jitter > 0 ? 1 + (((Random.Shared.NextDouble() * 2) - 1) * Jitter) : 1;
        if (_iterations > 0)
        {
            Spin.Run((int)(_iterations * factor));
        }
        if (BlockMs > 0)
        {
            var blockFactor = Jitter > 0 ? 1 + (((Random.Shared.NextDouble() * 2) - 1) * Jitter) : 1;
            var ms = BlockMs * blockFactor;
            if (Block == BlockKind.Sleep)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(ms));
            }
            else
            {
                Task.Delay(TimeSpan.FromMilliseconds(ms)).Wait();
            }
        }
        return 1;
    }
}
