using System.Diagnostics;
using System.Globalization;

namespace ActorPool.Process.Benchmarks;

/// <summary>Samples in microseconds, and their median and 90th percentile.</summary>
internal sealed class Stats(string name)
{
    private readonly List<double> _micros = [];

    public string Name { get; } = name;

    public double Median => Percentile(0.5);

    public void Add(TimeSpan elapsed) => _micros.Add(elapsed.TotalMicroseconds);

    public void AddAll(Stats other) => _micros.AddRange(other._micros);

    public void Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        Add(Stopwatch.GetElapsedTime(started));
    }

    public async Task TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        Add(Stopwatch.GetElapsedTime(started));
    }

    public double Percentile(double p)
    {
        var sorted = _micros.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }

    /// <param name="baseline">What the ratio divides by; null for none.</param>
    /// <param name="spread">Where the p90 comes from, when these are medians of rounds; null for these.</param>
    public string Row(Stats? baseline, Stats? spread = null) => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {_micros.Count} | {Format(Median)} | {Format((spread ?? this).Percentile(0.9))} | {(baseline is null ? "-" : (Median / baseline.Median).ToString("0.00", CultureInfo.InvariantCulture) + "x")} |");

    private static string Format(double micros) => micros >= 1000
        ? (micros / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
        : micros.ToString("0.0", CultureInfo.InvariantCulture) + " µs";
}
