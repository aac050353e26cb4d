using System.Globalization;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>Reads each scenario's rows (and the children's summaries) into a table and its goals.</summary>
internal static partial class Analysis
{
    public static ScenarioFindings Analyze(string scenario, IReadOnlyList<ScenarioRow> rows, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> summaries) => scenario switch
    {
        "B5" => Converge(rows),
        "B6" => Steady(rows),
        "B7" => StartBlocking(rows),
        "B8" => StepResponse(rows),
        "B9" => Antagonists(rows, summaries),
        _ => new ScenarioFindings(scenario, [], []),
    };

    internal static Dictionary<string, List<ScenarioRow>> ByContender(IEnumerable<ScenarioRow> rows) =>
        rows.GroupBy(r => r.Contender).ToDictionary(g => g.Key, g => g.OrderBy(r => r.T).ToList());

    internal static string F(double? value, string unit = "") =>
        value is { } v && !double.IsNaN(v) ? v.ToString(v >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture) + unit : "-";

    private static ScenarioFindings Converge(IReadOnlyList<ScenarioRow> rows)
    {
        var by = ByContender(rows);
        var end = rows.Count == 0 ? 0 : rows.Max(r => r.T);
        var oracle = by.TryGetValue("oracle", out var o) ? Series.MeanRate(o, end / 2) : double.NaN;
        var table = new List<string> { "| contender | 90% of oracle at | steady jobs/s (2nd half) | x oracle | size at end |", "|---|---|---|---|---|" };
        var reach = new Dictionary<string, double?>();
        var steady = new Dictionary<string, double>();
        foreach (var (name, series) in by)
        {
            reach[name] = Series.FirstReach(series, 0.9 * oracle);
            steady[name] = Series.MeanRate(series, end / 2);
            table.Add($"| {name} | {F(reach[name], " s")} | {F(steady[name])} | {F(steady[name] / oracle)} | {series[^1].Size} |");
        }
        var ap = reach.GetValueOrDefault("actorpool-throughput");
        var hc = reach.GetValueOrDefault("hill-climbing");
        var apSize = by.GetValueOrDefault("actorpool-throughput") is { } a ? a : [];
        var when = SizeStory(apSize);
        var timeRatio = ap is { } x && hc is { } y ? x / y : double.NaN;
        var timeMet = ap is not null && (hc is null ? ap <= 0.1 * end : timeRatio <= 0.1);
        var measured = hc is null ? $"ActorPool {F(ap, " s")}, hill climbing never (> {F(end, " s")})" : $"{F(timeRatio)}x ({F(ap, " s")} vs {F(hc, " s")})";
        var steadyRatio = steady.GetValueOrDefault("actorpool-throughput", double.NaN) / oracle;
        return new ScenarioFindings("B5", table,
        [
            new Goal("B5", "90% of the oracle's throughput in <= 0.1x hill climbing's time", measured, timeMet, $"ActorPool's size: {when}"),
            new Goal("B5", "steady throughput >= 0.95x the oracle", $"{F(steadyRatio)}x", steadyRatio >= 0.95, $"ActorPool's size: {when}"),
        ]);
    }

    /// <summary>"1 at 0 s, 4 at 0.5 s, ..." for the size changes of a series (at most 12).</summary>
    internal static string SizeStory(IReadOnlyList<ScenarioRow> series)
    {
        var parts = new List<string>();
        var last = int.MinValue;
        foreach (var row in series.Where(r => r.Size >= 0))
        {
            if (row.Size != last)
            {
                parts.Add($"{row.Size} at {F(row.T, " s")}");
                last = row.Size;
            }
        }
        return parts.Count <= 12 ? string.Join(", ", parts) : string.Join(", ", parts.Take(11)) + $", ... ({parts.Count} changes), {parts[^1]}";
    }

    private static ScenarioFindings Steady(IReadOnlyList<ScenarioRow> rows)
    {
        var table = new List<string> { "| contender | size changes | per 10 s | reversals | sizes (steady part) | jobs/s |", "|---|---|---|---|---|---|" };
        var goals = new List<Goal>();
        foreach (var (name, series) in ByContender(rows))
        {
            var steady = series.Where(r => r.Phase == "steady").ToList();
            var seconds = steady.Count < 2 ? 0 : steady[^1].T - steady[0].T;
            var (changes, reversals) = Series.Moves(steady);
            var per10 = seconds > 0 ? changes / (seconds / 10) : double.NaN;
            var sizes = steady.Where(r => r.Size >= 0).Select(r => r.Size).DefaultIfEmpty(-1).ToList();
            table.Add($"| {name} | {changes} | {F(per10)} | {reversals} | {sizes.Min()}..{sizes.Max()} | {F(Series.MeanRate(steady, 0))} |");
            if (name.StartsWith("actorpool-", StringComparison.Ordinal))
            {
                goals.Add(new Goal("B6", $"{name}: 0 reversals, <= 1 size change per 10 s", $"{reversals} reversals, {F(per10)} changes/10 s",
                    reversals == 0 && per10 <= 1, $"sizes: {SizeStory(steady)}"));
            }
        }
        return new ScenarioFindings("B6", table, goals);
    }
}
