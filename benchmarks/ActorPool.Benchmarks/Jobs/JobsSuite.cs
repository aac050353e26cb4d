using System.Globalization;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// The whole job suite in one command: both BenchmarkDotNet classes (one build, one process per
/// case), then the round-trip harness in this process, then the report with every goal of the
/// issue, written to <see cref="JobsOptions.Output"/>, and each class's GitHub-markdown report
/// copied beside it.
/// </summary>
internal static class JobsSuite
{
    /// <summary>The round-trip harness alone, printed: a quick look at B3 without BenchmarkDotNet.</summary>
    public static async Task RunRoundTripOnlyAsync(JobsOptions options, TextWriter console)
    {
        console.WriteLine($"runtime: {Machine.Describe()}");
        console.WriteLine($"job size: {Spin.Calibration.Describe()}");
        console.WriteLine($"load average at start: {Machine.LoadAverage()}");
        var roundTrips = await RoundTripHarness.RunAsync(options.RoundTrip, console);
        var jobs = new JobsReport(null, null, roundTrips);
        jobs.WriteGoals(console);
        jobs.WriteMeasurements(console);
        console.WriteLine($"load average at the end: {Machine.LoadAverage()}");
    }

    public static async Task RunAsync(JobsOptions options, string commandLine, TextWriter console)
    {
        var output = options.Output ?? JobsOptions.DefaultOutput;
        var started = DateTimeOffset.Now;
        var loadAtStart = Machine.LoadAverage();
        var calibration = Spin.Calibration;
        var header = new StringWriter(CultureInfo.InvariantCulture);
        header.WriteLine(Invariant($"# ActorPool job benchmarks, {started:yyyy-MM-dd HH:mm zzz}"));
        header.WriteLine();
        header.WriteLine($"- command: `{commandLine}`");
        header.WriteLine($"- `src/` measured: {SourceVersion.Of("src")}");
        header.WriteLine($"- `benchmarks/`: {SourceVersion.Of("benchmarks")}");
        header.WriteLine($"- machine: {Machine.Cpu()}, {Environment.ProcessorCount} cores");
        header.WriteLine($"- runtime: {Machine.Describe()}");
        header.WriteLine($"- BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version}, job `Jobs`: 1 launch, 3 warm-up and 7 measured iterations of about 250 ms, memory diagnoser on");
        header.WriteLine($"- job size: {calibration.Describe()}");
        console.Write(header.ToString());
        console.WriteLine($"- load average at start: {loadAtStart}");
        console.WriteLine();

        Summary? noOp = null, sizes = null;
        if (options.BenchmarkDotNet)
        {
            var summaries = BenchmarkRunner.Run([typeof(NoOpThroughputBenchmarks), typeof(JobSizeBenchmarks)]);
            noOp = summaries.FirstOrDefault(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(NoOpThroughputBenchmarks)));
            sizes = summaries.FirstOrDefault(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(JobSizeBenchmarks)));
        }
        var loadAfterBenchmarkDotNet = Machine.LoadAverage();
        console.WriteLine();
        console.WriteLine($"load average after BenchmarkDotNet: {loadAfterBenchmarkDotNet}");
        var roundTrips = await RoundTripHarness.RunAsync(options.RoundTrip, console);
        var loadAtEnd = Machine.LoadAverage();

        var report = new StringWriter(CultureInfo.InvariantCulture);
        report.Write(header.ToString());
        report.WriteLine($"- load average: at start {loadAtStart}; after BenchmarkDotNet {loadAfterBenchmarkDotNet}; at the end {loadAtEnd}");
        report.WriteLine(Invariant($"- run time: {(DateTimeOffset.Now - started).TotalMinutes:0.0} min"));
        report.WriteLine();
        var jobs = new JobsReport(noOp, sizes, roundTrips, options.Before is null ? null : EarlierGoals.Read(options.Before));
        jobs.WriteGoals(report);
        jobs.WriteMeasurements(report);
        WriteRawReports(output, report, (nameof(NoOpThroughputBenchmarks), noOp), (nameof(JobSizeBenchmarks), sizes));

        await File.WriteAllTextAsync(output, report.ToString());
        console.WriteLine();
        console.Write(report.ToString());
        console.WriteLine($"written: {Path.GetFullPath(output)}");
    }

    /// <summary>
    /// Copies each class's GitHub-markdown report beside the result file, as
    /// <c>&lt;result name&gt;.&lt;class&gt;.md</c>, and links them from it.
    /// </summary>
    private static void WriteRawReports(string output, TextWriter report, params (string Name, Summary? Summary)[] summaries)
    {
        report.WriteLine("## Raw BenchmarkDotNet reports");
        report.WriteLine();
        var stem = Path.GetFileNameWithoutExtension(output);
        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(directory);
        foreach (var (name, summary) in summaries)
        {
            if (summary is null)
            {
                report.WriteLine($"- `{name}`: not run");
                continue;
            }
            var file = $"{stem}.{name}.md";
            using (var writer = new StreamWriter(Path.Combine(directory, file)))
            {
                MarkdownExporter.GitHub.ExportToLog(summary, new StreamLogger(writer));
            }
            report.WriteLine($"- `{name}`: [{file}]({file}) (BenchmarkDotNet's own: `{Path.GetRelativePath(Environment.CurrentDirectory, summary.ResultsDirectoryPath)}`)");
        }
        report.WriteLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The job suite's options.</summary>
internal sealed record JobsOptions
{
    /// <summary>The default result file: <c>benchmarks/results/&lt;today&gt;-jobs.md</c>, from the current directory.</summary>
    public static string DefaultOutput => Path.Combine("benchmarks", "results", $"{DateTime.Now:yyyy-MM-dd}-jobs.md");

    /// <summary>The result file, its raw BenchmarkDotNet reports beside it; null writes none (the round-trip harness alone).</summary>
    public string? Output { get; init; } = DefaultOutput;

    /// <summary>False runs the round-trip harness only (a quick look; the report says the classes were not run).</summary>
    public bool BenchmarkDotNet { get; init; } = true;

    public RoundTripOptions RoundTrip { get; init; } = new();

    /// <summary>An earlier report of this suite whose ratios are shown beside the new ones; null for none.</summary>
    public string? Before { get; init; }
}
