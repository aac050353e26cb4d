using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// Turns the suite's results into the goals of the issue, each with its ratio and met / NOT MET,
/// and the tables behind them. Throughput ratios are jobs/s of ActorPool over jobs/s of the
/// baseline (BenchmarkDotNet's mean time per job, inverted): a goal "at least 0.8x" is met at a
/// ratio of 0.8 or more. Round-trip ratios are times: "at most 2.0x" is met at 2.0 or less.
/// </summary>
internal sealed class JobsReport(Summary? noOp, Summary? sizes, List<RoundTripSummary>? roundTrips, EarlierGoals? before = null)
{
    private static readonly int[] s_inFlight = [1, 64, 1024];
    private static readonly int[] s_micros = [1, 10, 100];

    // The ActorPool paths the B1 goals are checked for, as (method, column heading).
    private static readonly (string Method, string Heading)[] s_noOpPaths =
    [
        (nameof(NoOpThroughputBenchmarks.Client), "client 2x1"),
        (nameof(NoOpThroughputBenchmarks.Lease), "lease 1x2"),
        (nameof(NoOpThroughputBenchmarks.SubmitTell), "Submit Tell 2x1"),
        (nameof(NoOpThroughputBenchmarks.SubmitAsk), "Submit Ask 2x1"),
    ];

    private int _met;
    private int _checked;

    /// <summary>Writes the goal tables, then the measurements behind them.</summary>
    public void WriteGoals(TextWriter output)
    {
        output.WriteLine("## Goals");
        output.WriteLine();
        output.WriteLine("Throughput ratios: jobs/s of the ActorPool path over jobs/s of the baseline (from BenchmarkDotNet's mean time per job); an \"at least\" goal is met at that ratio or more. Round-trip ratios: time over the baseline's time; an \"at most\" goal is met at that ratio or less. Every ActorPool path is checked against every goal of its bench; \"2x1\" is 2 pools x 1 worker, \"1x2\" one pool of 2 workers (the lease leases it).");
        if (before is not null)
        {
            output.WriteLine($"Each cell's \"(before ...)\" is the ratio in [{Path.GetFileName(before.File)}]({Path.GetFileName(before.File)}), made with the same command before the change ({before.Summary ?? "no summary"}).");
        }
        output.WriteLine();
        WriteNoOpGoals(output);
        WriteSizeGoals(output);
        WriteRoundTripGoals(output);
        output.WriteLine(Invariant($"**{_met} of {_checked} goals met.**"));
        output.WriteLine();
    }

    /// <summary>Writes jobs/s, ratio to <c>Task.Run</c> and allocated bytes per job of every case, and the round-trip table.</summary>
    public void WriteMeasurements(TextWriter output)
    {
        output.WriteLine("## Measurements");
        output.WriteLine();
        if (noOp is not null)
        {
            output.WriteLine("### No-op jobs, pipelined (`NoOpThroughputBenchmarks`)");
            output.WriteLine();
            output.WriteLine("Jobs/s (thousands), ratio to `Task.Run` at the same in-flight count, and bytes allocated per job (BenchmarkDotNet's memory diagnoser, every thread).");
            output.WriteLine();
            output.WriteLine("| contender | " + string.Join(" | ", s_inFlight.Select(n => Invariant($"{n} in flight: k jobs/s | ratio | B/job"))) + " |");
            output.WriteLine("|---|" + string.Concat(s_inFlight.Select(_ => "---:|---:|---:|")));
            foreach (var method in Methods(typeof(NoOpThroughputBenchmarks)))
            {
                var cells = s_inFlight.Select(n => ThroughputCells(noOp, method.Name, nameof(NoOpThroughputBenchmarks.InFlight), n, nameof(NoOpThroughputBenchmarks.TaskRun)));
                output.WriteLine($"| {Describe(method)} | {string.Join(" | ", cells)} |");
            }
            output.WriteLine();
        }
        if (sizes is not null)
        {
            output.WriteLine(Invariant($"### Jobs of 1, 10 and 100 µs, {JobSizeBenchmarks.InFlight} in flight (`JobSizeBenchmarks`)"));
            output.WriteLine();
            output.WriteLine("| contender | " + string.Join(" | ", s_micros.Select(us => Invariant($"{us} µs: k jobs/s | ratio | B/job"))) + " |");
            output.WriteLine("|---|" + string.Concat(s_micros.Select(_ => "---:|---:|---:|")));
            foreach (var method in Methods(typeof(JobSizeBenchmarks)))
            {
                var cells = s_micros.Select(us => ThroughputCells(sizes, method.Name, nameof(JobSizeBenchmarks.Micros), us, nameof(JobSizeBenchmarks.TaskRun)));
                output.WriteLine($"| {Describe(method)} | {string.Join(" | ", cells)} |");
            }
            output.WriteLine();
        }
        if (roundTrips is { Count: > 0 })
        {
            var taskRun = roundTrips[0];
            var echo = roundTrips[1];
            output.WriteLine("### Round trip, one no-op job at a time (`RoundTripHarness`)");
            output.WriteLine();
            output.WriteLine("From submit to the end of the caller's `await`. Medians over rounds of each round's p50, p99 and mean.");
            output.WriteLine();
            output.WriteLine("| contender | p50 | p99 | mean | p50 / Task.Run | p99 / Task.Run | p50 / Ask echo | p99 / Ask echo | jobs timed |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in roundTrips)
            {
                output.WriteLine(Invariant(
                    $"| {s.Name} | {s.P50Us:0.00} µs | {s.P99Us:0.00} µs | {s.MeanUs:0.00} µs | {s.P50Us / taskRun.P50Us:0.00}x | {s.P99Us / taskRun.P99Us:0.00}x | {s.P50Us / echo.P50Us:0.00}x | {s.P99Us / echo.P99Us:0.00}x | {s.Samples:N0} |"));
            }
            output.WriteLine();
        }
    }

    private void WriteNoOpGoals(TextWriter output)
    {
        output.WriteLine("### B1: no-op jobs, pipelined (`NoOpThroughputBenchmarks`)");
        output.WriteLine();
        if (noOp is null)
        {
            output.WriteLine("Not run.");
            output.WriteLine();
            return;
        }
        output.WriteLine("| goal | " + string.Join(" | ", s_noOpPaths.Select(p => p.Heading)) + " |");
        output.WriteLine("|---|" + string.Concat(s_noOpPaths.Select(_ => "---|")));
        foreach (var n in new[] { 64, 1024 })
        {
            double? Rate(string method) => JobsPerSecond(noOp, method, nameof(NoOpThroughputBenchmarks.InFlight), n);
            double? Best(string a, string b) => Rate(a) is { } x && Rate(b) is { } y ? Math.Max(x, y) : null;
            var channel = Rate(nameof(NoOpThroughputBenchmarks.ChannelPool));
            var taskRun = Rate(nameof(NoOpThroughputBenchmarks.TaskRun));
            var askRouter = Best(nameof(NoOpThroughputBenchmarks.RoundRobinAsk), nameof(NoOpThroughputBenchmarks.SmallestMailboxAsk));
            var tellRouter = Best(nameof(NoOpThroughputBenchmarks.RoundRobinTell), nameof(NoOpThroughputBenchmarks.SmallestMailboxTell));
            WriteRow(output, Invariant($"{n:N0} in flight: at least 1.0x the Channel pool"), s_noOpPaths.Select(p => AtLeast(Over(Rate(p.Method), channel), 1.0)));
            WriteRow(output, Invariant($"{n:N0} in flight: at least 0.8x `Task.Run`"), s_noOpPaths.Select(p => AtLeast(Over(Rate(p.Method), taskRun), 0.8)));
            WriteRow(output, Invariant($"{n:N0} in flight: at least 4x the best router through Ask"), s_noOpPaths.Select(p => AtLeast(Over(Rate(p.Method), askRouter), 4.0)));
            WriteRow(output, Invariant($"{n:N0} in flight: at least 1.0x the best router through Tell"), s_noOpPaths.Select(p => AtLeast(Over(Rate(p.Method), tellRouter), 1.0)));
        }
        var alone = JobsPerSecond(noOp, nameof(NoOpThroughputBenchmarks.TaskRun), nameof(NoOpThroughputBenchmarks.InFlight), 1);
        WriteRow(output, "1 in flight: at least 0.5x `Task.Run`",
            s_noOpPaths.Select(p => AtLeast(Over(JobsPerSecond(noOp, p.Method, nameof(NoOpThroughputBenchmarks.InFlight), 1), alone), 0.5)));
        output.WriteLine();
    }

    private void WriteSizeGoals(TextWriter output)
    {
        output.WriteLine(Invariant($"### B2: jobs of 10 and 100 µs, {JobSizeBenchmarks.InFlight} in flight (`JobSizeBenchmarks`)"));
        output.WriteLine();
        if (sizes is null)
        {
            output.WriteLine("Not run.");
            output.WriteLine();
            return;
        }
        output.WriteLine("| goal | client | Submit Tell | lease |");
        output.WriteLine("|---|---|---|---|");
        foreach (var (micros, goal) in new[] { (10, 0.95), (100, 0.98), (1, 0.0) })
        {
            double? Rate(string method) => JobsPerSecond(sizes, method, nameof(JobSizeBenchmarks.Micros), micros);
            var taskRun = Rate(nameof(JobSizeBenchmarks.TaskRun));
            string Cell(string method) => goal > 0 ? AtLeast(Over(Rate(method), taskRun), goal) : Info(Over(Rate(method), taskRun));
            var what = goal > 0 ? Invariant($"at least {goal:0.00}x `Task.Run`") : "`Task.Run` (no goal; for reference)";
            WriteRow(output, Invariant($"{micros} µs, 2 pools x 1 worker: {what}"),
                [Cell(nameof(JobSizeBenchmarks.ClientTwoPools)), Cell(nameof(JobSizeBenchmarks.SubmitTellTwoPools)), "—"]);
            WriteRow(output, Invariant($"{micros} µs, 1 pool x 2 workers: {what}"),
                [Cell(nameof(JobSizeBenchmarks.ClientOnePool)), Cell(nameof(JobSizeBenchmarks.SubmitTellOnePool)), Cell(nameof(JobSizeBenchmarks.Lease))]);
        }
        output.WriteLine();
    }

    private void WriteRoundTripGoals(TextWriter output)
    {
        output.WriteLine("### B3: round trip, one job at a time (`RoundTripHarness`)");
        output.WriteLine();
        if (roundTrips is not { Count: > 0 })
        {
            output.WriteLine("Not run.");
            output.WriteLine();
            return;
        }
        RoundTripSummary? Named(string prefix) => roundTrips.FirstOrDefault(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));
        var taskRun = Named("Task.Run");
        var echo = Named("Ask echo");
        var client = Named("ActorPool client");
        var lease = Named("ActorPool lease");
        var submit = Named("ActorPool Submit Ask");
        output.WriteLine("| goal | client 2x1 | lease 1x2 | Submit Ask 2x1 |");
        output.WriteLine("|---|---|---|---|");
        WriteRow(output, "p50 at most 2.0x `Task.Run` + await",
            [AtMost(Over(client?.P50Us, taskRun?.P50Us), 2.0), AtMost(Over(lease?.P50Us, taskRun?.P50Us), 2.0), Info(Over(submit?.P50Us, taskRun?.P50Us))]);
        WriteRow(output, "p99 at most 3x `Task.Run` + await",
            [AtMost(Over(client?.P99Us, taskRun?.P99Us), 3.0), AtMost(Over(lease?.P99Us, taskRun?.P99Us), 3.0), Info(Over(submit?.P99Us, taskRun?.P99Us))]);
        WriteRow(output, "`Submit` message p50 at most 1.5x an Ask to an echo actor",
            ["—", "—", AtMost(Over(submit?.P50Us, echo?.P50Us), 1.5)]);
        WriteRow(output, "`Submit` message p99 over an Ask to an echo actor (no goal; for reference)",
            ["—", "—", Info(Over(submit?.P99Us, echo?.P99Us))]);
        output.WriteLine();
    }

    private void WriteRow(TextWriter output, string goal, IEnumerable<string> cells) =>
        output.WriteLine($"| {goal} | {string.Join(" | ", cells.Select((cell, i) => before?.Cell(goal, i) is { } was ? $"{cell} (before {was})" : cell))} |");

    private string AtLeast(double? ratio, double goal) => Verdict(ratio, ratio >= goal);

    private string AtMost(double? ratio, double goal) => Verdict(ratio, ratio <= goal);

    private string Verdict(double? ratio, bool met)
    {
        if (ratio is null)
        {
            return "no result";
        }
        _checked++;
        _met += met ? 1 : 0;
        return Invariant($"{ratio:0.00}x {(met ? "met" : "**NOT MET**")}");
    }

    private static string Info(double? ratio) => ratio is null ? "no result" : Invariant($"{ratio:0.00}x");

    private static double? Over(double? ours, double? baseline) => ours is { } o && baseline is { } b && b > 0 ? o / b : null;

    private static string ThroughputCells(Summary summary, string method, string parameter, int value, string baseline)
    {
        var rate = JobsPerSecond(summary, method, parameter, value);
        var ratio = Over(rate, JobsPerSecond(summary, baseline, parameter, value));
        var bytes = Report(summary, method, parameter, value) is { } report ? report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) : null;
        return rate is null
            ? "no result | | "
            : Invariant($"{rate / 1000:N1} | {ratio:0.00}x | {(bytes is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : "?")}");
    }

    private static double? JobsPerSecond(Summary summary, string method, string parameter, int value) =>
        Report(summary, method, parameter, value)?.ResultStatistics?.Mean is { } nanos and > 0 ? 1e9 / nanos : null;

    private static BenchmarkReport? Report(Summary summary, string method, string parameter, int value) =>
        summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && Convert.ToInt32(r.BenchmarkCase.Parameters[parameter], CultureInfo.InvariantCulture) == value);

    private static IEnumerable<MethodInfo> Methods(Type type) =>
        type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);

    private static string Describe(MethodInfo method) => method.GetCustomAttribute<BenchmarkAttribute>()?.Description ?? method.Name;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
