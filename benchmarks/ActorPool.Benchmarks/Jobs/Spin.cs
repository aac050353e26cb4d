using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// A job of a given size as a spin counted in iterations, not wall time: a job that waits for the
/// clock would stretch to the same length however slow the path around it, and hide the cost.
/// The iterations per microsecond are calibrated once, in the process that starts the suite, and
/// handed to BenchmarkDotNet's case processes through <see cref="EnvironmentVariable"/>, so every
/// process runs jobs of the same number of iterations.
/// </summary>
public static class Spin
{
    /// <summary>Carries the host's calibration (iterations per µs, invariant culture) to the case processes.</summary>
    public const string EnvironmentVariable = "ACTORPOOL_BENCH_SPIN_PER_US";

    private static readonly Lazy<SpinCalibration> s_calibration = new(FromEnvironmentOrMeasure);

    // Written only when a spin ends on one value in 2^32, so the loop's result is observed and the
    // JIT cannot drop it, while jobs on different threads almost never touch the same cache line.
    private static uint s_sink;

    /// <summary>The calibration this process uses: the host's, when it handed one down, else measured here.</summary>
    public static SpinCalibration Calibration => s_calibration.Value;

    /// <summary>How many iterations make a job of <paramref name="micros"/> µs on this machine.</summary>
    public static int IterationsFor(double micros) => (int)Math.Round(micros * Calibration.IterationsPerMicrosecond);

    /// <summary>
    /// Spins <paramref name="iterations"/> steps of a linear congruential generator: each step
    /// depends on the one before, so the time is the chain's latency, steady on one machine.
    /// Compiled fully optimized at once (no tiering), so the calibrated code is the code that runs.
    /// </summary>
    /// <returns>1, a job's count.</returns>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Run(int iterations)
    {
        var x = (uint)iterations;
        for (var i = 0; i < iterations; i++)
        {
            x = (x * 1_664_525u) + 1_013_904_223u;
        }
        if (x == 0x5EED_5EED)
        {
            s_sink = x;
        }
        return 1;
    }

    /// <summary>
    /// Times <paramref name="runs"/> spins of <paramref name="iterations"/> each, after a warm-up,
    /// and takes the median (a run the scheduler preempted is slow, not typical).
    /// </summary>
    public static SpinCalibration Measure(int runs = 21, int iterations = 1_000_000)
    {
        for (var i = 0; i < 3; i++)
        {
            Run(iterations);
        }
        var perMicro = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Run(iterations);
            perMicro[i] = iterations / Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(perMicro);
        return new SpinCalibration(perMicro[runs / 2], perMicro[0], perMicro[^1], runs, iterations, Measured: true);
    }

    private static SpinCalibration FromEnvironmentOrMeasure()
    {
        var handed = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return double.TryParse(handed, NumberStyles.Float, CultureInfo.InvariantCulture, out var perMicro) && perMicro > 0
            ? new SpinCalibration(perMicro, perMicro, perMicro, 0, 0, Measured: false)
            : Measure();
    }
}

/// <summary>Iterations of <see cref="Spin.Run"/> per microsecond: the median over the runs, with their slowest and fastest.</summary>
public sealed record SpinCalibration(double IterationsPerMicrosecond, double Slowest, double Fastest, int Runs, int IterationsPerRun, bool Measured)
{
    /// <summary>The value handed to the case processes.</summary>
    public string ForEnvironment => IterationsPerMicrosecond.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One line for the report.</summary>
    public string Describe() => Measured
        ? string.Create(CultureInfo.InvariantCulture,
            $"{IterationsPerMicrosecond:0.0} spin iterations per µs (median of {Runs} runs of {IterationsPerRun:N0} iterations; slowest {Slowest:0.0}, fastest {Fastest:0.0}): 1 µs = {Math.Round(IterationsPerMicrosecond):N0}, 10 µs = {Math.Round(10 * IterationsPerMicrosecond):N0}, 100 µs = {Math.Round(100 * IterationsPerMicrosecond):N0} iterations")
        : string.Create(CultureInfo.InvariantCulture, $"{IterationsPerMicrosecond:0.0} spin iterations per µs (handed down by the host)");
}
