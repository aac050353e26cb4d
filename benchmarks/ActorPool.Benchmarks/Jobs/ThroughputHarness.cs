using System.Diagnostics;
using System.Globalization;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// A quick look at B1/B2 between BenchmarkDotNet runs (seconds, not minutes): pipelined jobs at one
/// in-flight count, the contenders' rounds interleaved in rotating order after a discarded warm-up
/// round each, medians of jobs/s and ratios against <c>Task.Run</c> and the Channel pool measured in
/// the same run. For profiling a change and comparing before and after; the report's numbers come
/// from BenchmarkDotNet.
/// </summary>
internal static class ThroughputHarness
{
    public static async Task RunAsync(ThroughputOptions options, TextWriter output)
    {
        output.WriteLine(Invariant(
            $"Throughput: {options.InFlight} in flight, jobs of {options.Iterations} spin iterations, {options.Rounds} rounds of {options.Jobs:N0} jobs per contender, interleaved; load average {Machine.LoadAverage()}"));
        List<IJobContender> contenders =
        [
            JobContenders.TaskRun(options.Iterations),
            JobContenders.Channel(2, options.Iterations),
            await JobContenders.ClientAsync(2, 1, options.Iterations),
            await JobContenders.ClientAsync(1, 2, options.Iterations),
            await JobContenders.LeaseAsync(2, options.Iterations),
            await JobContenders.SubmitTellAsync(2, 1, options.Iterations),
        ];
        if (options.Only is { } only)
        {
            // Task.Run and the Channel pool stay: the ratios are against them.
            var kept = contenders.Where((c, i) => i < 2 || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var dropped in contenders.Except(kept))
            {
                await dropped.DisposeAsync();
            }
            contenders = kept;
        }
        try
        {
            var rates = contenders.Select(_ => new List<double>()).ToArray();
            var allocated = new long[contenders.Count];
            var switches = new long[contenders.Count];
            for (var round = -1; round < options.Rounds; round++)
            {
                for (var i = 0; i < contenders.Count; i++)
                {
                    var k = (Math.Max(round, 0) + i) % contenders.Count;
                    var bytes = GC.GetTotalAllocatedBytes(precise: true);
                    var switched = Machine.ContextSwitches();
                    var started = Stopwatch.GetTimestamp();
                    await contenders[k].RunAsync(options.InFlight, options.Jobs);
                    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    if (round >= 0)
                    {
                        rates[k].Add(options.Jobs / seconds);
                        allocated[k] += GC.GetTotalAllocatedBytes(precise: true) - bytes;
                        switches[k] += Machine.ContextSwitches() - switched;
                    }
                }
            }
            var medians = rates.Select(Median).ToArray();
            output.WriteLine("| contender | k jobs/s (median) | / Task.Run | / Channel pool | B/job (every thread) | context switches / 1,000 jobs |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|");
            for (var k = 0; k < contenders.Count; k++)
            {
                output.WriteLine(Invariant($"| {contenders[k].Name} | {medians[k] / 1000:N1} | {medians[k] / medians[0]:0.00}x | {medians[k] / medians[1]:0.00}x | {allocated[k] / ((double)options.Jobs * options.Rounds):0} | {switches[k] * 1000.0 / ((double)options.Jobs * options.Rounds):0.0} |"));
            }
            output.WriteLine(Invariant($"load average at the end: {Machine.LoadAverage()}"));
        }
        finally
        {
            foreach (var contender in contenders)
            {
                await contender.DisposeAsync();
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The quick throughput harness's knobs.</summary>
internal sealed record ThroughputOptions
{
    public int InFlight { get; init; } = 64;
    public int Iterations { get; init; }
    public int Rounds { get; init; } = 9;
    public int Jobs { get; init; } = 200_000;
    public string? Only { get; init; }

    public static ThroughputOptions Parse(ReadOnlySpan<string> options)
    {
        var parsed = new ThroughputOptions();
        for (var i = 0; i < options.Length; i += 2)
        {
            if (options[i] == "--only" && i + 1 < options.Length)
            {
                parsed = parsed with { Only = options[i + 1] };
                continue;
            }
            if (i + 1 >= options.Length || !int.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"option {options[i]} needs a whole number after it");
            }
            parsed = options[i] switch
            {
                "--in-flight" when value > 0 => parsed with { InFlight = value },
                "--iterations" => parsed with { Iterations = value },
                "--rounds" when value > 0 => parsed with { Rounds = value },
                "--jobs" when value > 0 => parsed with { Jobs = value },
                _ => throw new FormatException($"unknown option or bad value: {options[i]} {options[i + 1]}"),
            };
        }
        return parsed;
    }
}
