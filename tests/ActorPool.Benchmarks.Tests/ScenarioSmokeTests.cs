using ActorPool.Benchmarks.Scenarios;

namespace ActorPool.Benchmarks.Tests;

/// <summary>
/// Every scenario case (B5-B9) run in-process for a fraction of a second: it must produce rows (or,
/// for B9, latencies), and the analysis, report and chart must render from them. Counts only,
/// never timing.
/// </summary>
public sealed class ScenarioSmokeTests
{
    private const double Scale = 0.015;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (scenario, contender) in ScenarioCases.All)
        {
            data.Add(scenario, contender);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_case_produces_rows(string scenario, string contender)
    {
        var result = await ScenarioCases.RunAsync(scenario, contender, Scale);

        Assert.NotEmpty(result.Rows);
        Assert.All(result.Rows, r => Assert.Equal(scenario, r.Scenario));
        if (scenario == "B9")
        {
            Assert.True(result.Summary["jobs"] > 0);
        }
    }

    [Fact]
    public void Analysis_report_and_chart_render_from_rows()
    {
        var folder = Directory.CreateTempSubdirectory("scenario-smoke-");
        try
        {
            var findings = new List<ScenarioFindings>();
            foreach (var scenario in new[] { "B5", "B6", "B7", "B8" })
            {
                var rows = FakeRows(scenario);
                ScenarioRow.Write(Path.Combine(folder.FullName, $"{scenario}.csv"), rows);
                var read = ScenarioRow.Read(Path.Combine(folder.FullName, $"{scenario}.csv"));
                Assert.Equal(rows.Count, read.Count);
                Charts.Write(scenario, scenario, read, Path.Combine(folder.FullName, $"{scenario}.png"));
                Assert.True(new FileInfo(Path.Combine(folder.FullName, $"{scenario}.png")).Length > 0);
                findings.Add(Analysis.Analyze(scenario, read, new Dictionary<string, IReadOnlyDictionary<string, double>>()));
            }
            var report = ScenarioReport.Render(new ScenarioReport.Header("cmd", DateTimeOffset.Now, "0", "0", TimeSpan.FromSeconds(1), "spin", "x"), findings, []);
            Assert.Contains("B5", report, StringComparison.Ordinal);
            Assert.All(findings, f => Assert.NotEmpty(f.Goals));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<ScenarioRow> FakeRows(string scenario)
    {
        var contenders = new[] { "oracle", "actorpool-throughput", "actorpool-units", "hill-climbing" };
        return [.. contenders.SelectMany(c => Enumerable.Range(1, 40).Select(i =>
        {
            var t = i * 0.1;
            var phase = scenario switch
            {
                "B6" => t < 1 ? "settle" : "steady",
                "B7" => t < 2 ? "cpu" : "blocking",
                "B8" => t < 1 ? "low" : t < 2.5 ? "up" : "down",
                _ => "",
            };
            int? target = scenario == "B8" ? (phase == "up" ? 8 : 1) : null;
            return new ScenarioRow(scenario, c, phase, t, Math.Min(i, 16), 100 * Math.Min(i, 10), 5, target, scenario == "B8" ? t / 0.25 : null);
        }))];
    }
}
