using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>Options of the <c>scenarios</c> command.</summary>
internal sealed record ScenarioOptions
{
    public string Output { get; init; } = Path.Combine("benchmarks", "results", $"{DateTime.Now:yyyy-MM-dd}-scenarios.md");

    /// <summary>Multiplies every phase's duration (1 for the report).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Only the scenarios named (B5..B9); all when empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];
}

/// <summary>
/// The <c>scenarios</c> command: every case of <see cref="ScenarioCases.All"/> in a child process,
/// then per scenario a CSV and a PNG beside the report, and the report with every goal.
/// </summary>
internal static class ScenarioSuite
{
    public static async Task<int> RunAsync(ScenarioOptions options, string commandLine, TextWriter log)
    {
        var loadStart = Machine.LoadAverage();
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
        Directory.CreateDirectory(folder);
        var stem = Path.GetFileNameWithoutExtension(options.Output);
        var work = Directory.CreateTempSubdirectory("scenarios-");
        log.WriteLine($"spin: {Jobs.Spin.Calibration}");
        var findings = new List<ScenarioFindings>();
        var failures = new List<string>();
        foreach (var scenario in ScenarioCases.All.Select(c => c.Scenario).Distinct().Where(s => options.Only.Count == 0 || options.Only.Contains(s)))
        {
            var rows = new List<ScenarioRow>();
            var summaries = new Dictionary<string, IReadOnlyDictionary<string, double>>();
            foreach (var (_, contender) in ScenarioCases.All.Where(c => c.Scenario == scenario))
            {
                var csv = Path.Combine(work.FullName, $"{scenario}-{contender}.csv");
                var summary = Path.Combine(work.FullName, $"{scenario}-{contender}.txt");
                var caseClock = Stopwatch.StartNew();
                var (exit, output) = await ChildProcess.RunCaseAsync(scenario, contender, csv, summary, options.Scale, TimeSpan.FromSeconds(60 + (60 * options.Scale)));
                log.WriteLine($"{scenario} {contender}: exit {exit} in {caseClock.Elapsed.TotalSeconds:0.0} s");
                if (exit != 0 || !File.Exists(csv))
                {
                    failures.Add($"{scenario} {contender}: exit {exit}: {output.Trim()}");
                    log.WriteLine(output);
                    continue;
                }
                rows.AddRange(ScenarioRow.Read(csv));
                summaries[contender] = ReadSummary(summary);
            }
            ScenarioRow.Write(Path.Combine(folder, $"{stem}-{scenario}.csv"), rows);
            Charts.Write(scenario, $"{scenario}: {Title(scenario)}", rows, Path.Combine(folder, $"{stem}-{scenario}.png"));
            findings.Add(Analysis.Analyze(scenario, rows, summaries));
        }
        work.Delete(recursive: true);
        var report = ScenarioReport.Render(new ScenarioReport.Header(commandLine, started, loadStart, Machine.LoadAverage(), clock.Elapsed, Jobs.Spin.Calibration.ToString(), stem), findings, failures);
        await File.WriteAllTextAsync(options.Output, report);
        log.WriteLine(report);
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The child's side: one case, its rows to <paramref name="csv"/>, its figures to <paramref name="summary"/>.</summary>
    public static async Task<int> RunCaseAsync(string scenario, string contender, string csv, string summary, double scale)
    {
        var result = await ScenarioCases.RunAsync(scenario, contender, scale);
        ScenarioRow.Write(csv, result.Rows);
        var text = new StringBuilder();
        foreach (var (key, value) in result.Summary)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{key}={value.ToString("R", CultureInfo.InvariantCulture)}");
        }
        await File.WriteAllTextAsync(summary, text.ToString());
        return 0;
    }

    internal static string Title(string scenario) => scenario switch
    {
        "B5" => "convergence to the knee (jobs/s)",
        "B6" => "steady load +-5% jitter (size)",
        "B7" => "all jobs start blocking (jobs/s)",
        "B8" => "step of demand 10 -> 80 -> 10 jobs (size)",
        _ => "CPU hog and heap antagonists (p99 latency)",
    };

    private static Dictionary<string, double> ReadSummary(string path) => !File.Exists(path) ? [] :
        File.ReadLines(path).Select(l => l.Split('=')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
