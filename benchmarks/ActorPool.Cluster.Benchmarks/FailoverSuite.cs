using System.Globalization;
using ActorPool.Cluster.TestNode;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>
/// B10: each repetition runs plain sharding, then ActorPool.Cluster (interleaved, so a change in
/// the machine's load hits both), each on fresh processes; the report gives each goal with its
/// ratio and met / NOT MET, the runs, and a CSV of them.
/// </summary>
public static class FailoverSuite
{
    /// <summary>Runs B10 and writes its report.</summary>
    /// <param name="options">The options.</param>
    /// <param name="commandLine">The command that ran it, for the report.</param>
    /// <param name="log">Where progress goes.</param>
    /// <returns>0 when it ran (whatever the goals), else 1.</returns>
    public static async Task<int> RunAsync(FailoverOptions options, string commandLine, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var started = DateTimeOffset.Now;
        var loadAtStart = Machine.LoadAverage();
        var commit = Machine.Commit();
        log.WriteLine($"B10 failover: {options.Repetitions} repetitions x (plain sharding, ActorPool.Cluster), {options.Groups} groups, {options.Timings}");
        log.WriteLine($"{Machine.Describe()}; load average {loadAtStart}; commit {commit}");
        var runs = new List<RunResult>();
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            foreach (var mode in new[] { NodeMode.Plain, NodeMode.ActorPool })
            {
                runs.Add(await FailoverRun.RunAsync(mode, repetition, options, log));
            }
        }
        var report = new FailoverReport(options, runs, commandLine, commit, started, loadAtStart, Machine.LoadAverage());
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, Path.GetFileNameWithoutExtension(options.Output) + ".csv");
        await File.WriteAllTextAsync(options.Output, report.Markdown(Path.GetFileName(csv)));
        await File.WriteAllTextAsync(csv, report.Csv());
        log.WriteLine();
        log.WriteLine(report.Goals());
        log.WriteLine($"report: {options.Output}, runs: {csv}");
        return 0;
    }

    internal static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s" : "not seen";

    internal static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
