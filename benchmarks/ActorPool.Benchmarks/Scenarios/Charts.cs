using ScottPlot;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>One ScottPlot PNG per scenario: each contender's line over time (small: 720 x 400).</summary>
internal static class Charts
{
    /// <summary>What each scenario's chart shows: a row's value and the axis label.</summary>
    private static (Func<ScenarioRow, double> Value, string Label) Measure(string scenario) => scenario switch
    {
        "B5" or "B7" => (r => r.JobsPerSecond, "jobs/s"),
        "B9" => (r => r.P99Ms, "p99 latency per 100 ms (ms)"),
        _ => (r => r.Size, "size (workers, threads, routees)"),
    };

    public static void Write(string scenario, string title, IReadOnlyList<ScenarioRow> rows, string path)
    {
        var plot = new Plot();
        var (value, label) = Measure(scenario);
        foreach (var (name, series) in Analysis.ByContender(rows))
        {
            var points = series.Where(r => !double.IsNaN(value(r)) && value(r) >= 0).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var line = plot.Add.ScatterLine(points.Select(r => r.T).ToArray(), points.Select(value).ToArray());
            line.LegendText = name;
            line.LineWidth = 1.5f;
        }
        if (scenario == "B8" && rows.Count > 0)
        {
            var first = Analysis.ByContender(rows).First().Value.Where(r => r.Target is not null).ToList();
            var target = plot.Add.ScatterLine(first.Select(r => r.T).ToArray(), first.Select(r => (double)r.Target!.Value).ToArray());
            target.LegendText = "target";
            target.LinePattern = LinePattern.Dashed;
            target.Color = Colors.Black;
        }
        plot.Title(title);
        plot.XLabel("seconds since the case started");
        plot.YLabel(label);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 720, 400);
    }
}
