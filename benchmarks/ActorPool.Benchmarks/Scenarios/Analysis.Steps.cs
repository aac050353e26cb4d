namespace ActorPool.Benchmarks.Scenarios;

/// <summary>B7, B8 and B9.</summary>
internal static partial class Analysis
{
    private static ScenarioFindings StartBlocking(IReadOnlyList<ScenarioRow> rows)
    {
        var table = new List<string> { "| contender | jobs/s before | back to 90% after | size before | size at end |", "|---|---|---|---|---|" };
        var back = new Dictionary<string, double?>();
        var limit = new Dictionary<string, double>();
        var stories = new Dictionary<string, string>();
        foreach (var (name, series) in ByContender(rows))
        {
            var switchAt = series.FirstOrDefault(r => r.Phase == "blocking")?.T ?? double.NaN;
            var before = Series.MeanRate(series.Where(r => r.Phase == "cpu"), switchAt - 2);
            var reached = Series.FirstReach(series, 0.9 * before, switchAt);
            back[name] = reached - switchAt;
            limit[name] = series[^1].T - switchAt;
            stories[name] = SizeStory(series.Where(r => r.Phase == "blocking").ToList());
            var sizeBefore = series.LastOrDefault(r => r.Phase == "cpu")?.Size;
            table.Add($"| {name} | {F(before)} | {(reached is null ? $"not within {F(limit[name], " s")}" : F(back[name], " s"))} | {sizeBefore} | {series[^1].Size} |");
        }
        var ap = back.GetValueOrDefault("actorpool-throughput");
        var tp = back.GetValueOrDefault("hill-climbing");
        var tpBound = tp ?? limit.GetValueOrDefault("hill-climbing", double.NaN);
        var ratio = ap / tpBound;
        var measured = tp is null ? $"<= {F(ratio)}x (ActorPool {F(ap, " s")}, the ThreadPool not within {F(tpBound, " s")})" : $"{F(ratio)}x ({F(ap, " s")} vs {F(tp, " s")})";
        var met = ap is not null && ratio <= 0.1;
        return new ScenarioFindings("B7", table,
        [
            new Goal("B7", "back to 90% throughput in <= 0.1x the ThreadPool's starvation injection", measured, met,
                $"ActorPool's size after the switch: {stories.GetValueOrDefault("actorpool-throughput")}; the ThreadPool's: {stories.GetValueOrDefault("hill-climbing")}"),
        ]);
    }

    private static ScenarioFindings StepResponse(IReadOnlyList<ScenarioRow> rows)
    {
        var table = new List<string> { "| contender | up: ticks to 90% | up: overshoot | down: ticks to 90% | down: overshoot | sizes |", "|---|---|---|---|---|---|" };
        var goals = new List<Goal>();
        foreach (var (name, series) in ByContender(rows))
        {
            var cells = new List<string>();
            foreach (var phase in new[] { "up", "down" })
            {
                var index = series.FindIndex(r => r.Phase == phase);
                if (index <= 0)
                {
                    cells.Add("-");
                    cells.Add("-");
                    continue;
                }
                var part = series.Skip(index).TakeWhile(r => r.Phase == phase).ToList();
                var previous = series[index - 1];
                var (ticks, overshoot) = Series.Step(part, previous.Target ?? 0, previous.Ticks ?? 0);
                cells.Add(ticks is null ? "never" : F(ticks));
                cells.Add(F(overshoot * 100, "%"));
                if (name.StartsWith("actorpool-", StringComparison.Ordinal))
                {
                    goals.Add(new Goal("B8", $"{name}, step {phase}: 90% of target in <= 2 ticks, overshoot <= 10%",
                        $"{(ticks is null ? "never" : F(ticks))} ticks, {F(overshoot * 100, "%")}", ticks <= 2 && overshoot <= 0.1, $"sizes: {SizeStory(part)}"));
                }
            }
            table.Add($"| {name} | {string.Join(" | ", cells)} | {SizeStory(series)} |");
        }
        return new ScenarioFindings("B8", table, goals);
    }

    private static ScenarioFindings Antagonists(IReadOnlyList<ScenarioRow> rows, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> summaries)
    {
        var table = new List<string> { "| contender + antagonist | jobs | p50 | p99 | failed |", "|---|---|---|---|---|" };
        var goals = new List<Goal>();
        foreach (var (name, s) in summaries.Where(s => s.Key.Contains('+', StringComparison.Ordinal)).OrderBy(s => s.Key))
        {
            table.Add($"| {name} | {F(s.GetValueOrDefault("jobs"))} | {F(s.GetValueOrDefault("p50_ms", double.NaN), " ms")} | {F(s.GetValueOrDefault("p99_ms", double.NaN), " ms")} | {F(s.GetValueOrDefault("failed"))} |");
        }
        foreach (var kind in new[] { "hog", "heap" })
        {
            var ours = summaries.GetValueOrDefault($"actorpool-throughput+{kind}")?.GetValueOrDefault("p99_ms", double.NaN) ?? double.NaN;
            var fixedPool = summaries.GetValueOrDefault($"actorpool-static+{kind}")?.GetValueOrDefault("p99_ms", double.NaN) ?? double.NaN;
            var ratio = ours / fixedPool;
            goals.Add(new Goal("B9", $"{kind}: p99 <= 0.5x the static pool's", $"{F(ratio)}x ({F(ours, " ms")} vs {F(fixedPool, " ms")})", ratio <= 0.5,
                $"ActorPool's size under the antagonist: {SizeStory([.. rows.Where(r => r.Contender == $"actorpool-throughput+{kind}" && r.Phase == kind)])}"));
        }
        return new ScenarioFindings("B9", table, goals);
    }
}
