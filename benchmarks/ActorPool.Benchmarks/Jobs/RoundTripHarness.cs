using System.Diagnostics;
using System.Globalization;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// B3, which BenchmarkDotNet cannot measure (it gives no percentile of one job inside an
/// invocation): one no-op job at a time, each timed from submit to the end of its <c>await</c>.
/// Contenders' rounds are interleaved in rotating order after one discarded warm-up round each;
/// per contender it reports the median over rounds of the p50 and p99 and of the mean.
/// </summary>
internal static class RoundTripHarness
{
    /// <summary>The contenders, the baselines first: <c>Task.Run</c> + await, then an <c>Ask</c> to an echo actor.</summary>
    public static async Task<List<TaskContender>> StartContendersAsync() =>
    [
        JobContenders.TaskRun(0),
        JobContenders.EchoAsk(),
        JobContenders.Channel(2, 0),
        await JobContenders.ClientAsync(2, 1, 0),
        await JobContenders.LeaseAsync(2, 0),
        await JobContenders.SubmitAskAsync(2, 1, 0),
    ];

    public static async Task<List<RoundTripSummary>> RunAsync(RoundTripOptions options, TextWriter output)
    {
        output.WriteLine(Invariant(
            $"Round trip: {options.Rounds} rounds of {options.Samples:N0} no-op jobs one at a time per contender, interleaved in rotating order, after one discarded warm-up round each"));
        var contenders = await StartContendersAsync();
        try
        {
            foreach (var contender in contenders)
            {
                await RunRoundAsync(contender, options.Samples);
            }
            var rounds = contenders.ToDictionary(c => c, _ => new List<RoundResult>());
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var i = 0; i < contenders.Count; i++)
                {
                    var contender = contenders[(round + i) % contenders.Count];
                    rounds[contender].Add(await RunRoundAsync(contender, options.Samples));
                }
            }
            var summaries = contenders.Select(c => RoundTripSummary.Of(c.Name, rounds[c])).ToList();
            return summaries;
        }
        finally
        {
            foreach (var contender in contenders)
            {
                await contender.DisposeAsync();
            }
        }
    }

    private static async Task<RoundResult> RunRoundAsync(TaskContender contender, int samples)
    {
        var ticks = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await contender.OneAsync();
            ticks[i] = Stopwatch.GetTimestamp() - started;
        }
        var mean = Micros((long)ticks.Average());
        Array.Sort(ticks);
        return new RoundResult(Micros(Percentile(ticks, 0.50)), Micros(Percentile(ticks, 0.99)), mean, samples);
    }

    /// <summary>Nearest rank.</summary>
    private static long Percentile(long[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

}

/// <summary>One round of one contender: the p50, p99 and mean round trip in µs.</summary>
internal sealed record RoundResult(double P50Us, double P99Us, double MeanUs, int Samples);

/// <summary>A contender's medians over rounds, and how many jobs it timed in all.</summary>
internal sealed record RoundTripSummary(string Name, double P50Us, double P99Us, double MeanUs, int Samples)
{
    public static RoundTripSummary Of(string name, List<RoundResult> rounds) => new(
        name,
        Median(rounds.Select(r => r.P50Us)),
        Median(rounds.Select(r => r.P99Us)),
        Median(rounds.Select(r => r.MeanUs)),
        rounds.Sum(r => r.Samples));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The round-trip harness's knobs: 7 rounds of 10,000 jobs per contender.</summary>
internal sealed record RoundTripOptions
{
    public int Rounds { get; init; } = 7;
    public int Samples { get; init; } = 10_000;
}
