using System.Text;
using ActorPool.Benchmarks.Jobs;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>The markdown report of the <c>scenarios</c> command.</summary>
internal static class ScenarioReport
{
    public sealed record Header(string CommandLine, DateTimeOffset Started, string LoadStart, string LoadEnd, TimeSpan Took, string Spin, string Stem);

    private static readonly IReadOnlyDictionary<string, string> s_what = new Dictionary<string, string>
    {
        ["B5"] = $"Jobs of {ScenarioCases.Blocking.CpuMs} ms CPU (counted spin) + {ScenarioCases.Blocking.BlockMs} ms `Thread.Sleep` (87.5% blocked), {ScenarioCases.Lanes} in flight (pipelined lanes). The knee is cores x 16 / 2 = {ScenarioCases.Blocking.Knee(Environment.ProcessorCount)} workers here. Contenders: `oracle` (ThreadPool with `SetMinThreads(knee)`), `actorpool-throughput` (real supervisor, `sizing.policy = throughput`, PoolClient), `hill-climbing` (the ThreadPool left alone, `Task.Run`, size = `ThreadPool.ThreadCount`), `resizer` (Akka `RoundRobinPool` + `DefaultResizer(1, 64)` with its defaults, pinned-dispatcher routees, Ask).",
        ["B6"] = "B5's jobs with each part drawn within +-5%, 64 in flight. Contenders: ActorPool's `throughput`, `load` and `queue` policies, `hill-climbing`, `resizer`, and the re-implemented `crawlee` (AutoscaledPool, 10 s), `hpa` (15 s sync, jobs per worker target 10, 300 s scale-down window) and `dask` (Adaptive, 1 s, target-duration 5 s, wait-count 3) rules on real supervisors. Counted over the steady part only.",
        ["B7"] = "64 in flight of 2 ms CPU jobs, then every job also blocks 14 ms in `Task.Delay(..).Wait()` (sync over async, which the ThreadPool detects and answers with starvation injection). Back to 90% = the first time the mean of the last five 100 ms samples is >= 90% of the jobs/s of the CPU phase's last 2 s. Contenders: `actorpool-throughput`, `hill-climbing` (the real ThreadPool: hill climbing + starvation injection).",
        ["B8"] = "Closed loop of 500 ms `Thread.Sleep` jobs whose count steps 10 -> 80 -> 10; the target is ceil(jobs / 10) workers (1 -> 8 -> 1), bounds 1..16. A tick is one control decision: 250 ms for every supervisor (its `decision-interval`); the re-implemented rules act once per tick, each tick standing for one of their own periods (Crawlee 10 s, HPA 15 s, so HPA's 300 s window is 20 ticks; Dask 1 s); `DefaultResizer`'s tick is every 10 messages sent. `actorpool-units` gets the count as `ScaleChanged` (units-per-pool 10, hysteresis on); `actorpool-queue` reads running + queued jobs. Reached = within 10% of the step from the target; overshoot as a share of the step.",
        ["B9"] = "Open loop, 300 jobs/s of 1 ms CPU + 4 ms sleep, latency from submit to completion. After 1 s the antagonist runs for 6 s in the same process: `hog` = a spinning thread per core; `heap` = a thread allocating 32 KiB arrays and keeping them up to 1 GiB, then dropping them, over and over. `actorpool-throughput` = load-aware (a SystemLoad actor sampling every 250 ms, the supervisor subscribed; overload veto and memory-pressure step on), max 16; `actorpool-static` = the same supervisor with 16 pools fixed.",
    };

    public static string Render(Header h, IReadOnlyList<ScenarioFindings> findings, IReadOnlyList<string> failures)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line($"# ActorPool scenario benchmarks B5-B9, {h.Started:yyyy-MM-dd HH:mm zzz}");
        Line();
        Line($"- command: `{h.CommandLine}`");
        Line($"- src: {SourceVersion.Of("src")}; benchmarks: {SourceVersion.Of("benchmarks")}");
        Line($"- machine: {Machine.Cpu()}; runtime: {Machine.Describe()}");
        Line($"- load average at start: {h.LoadStart}; at the end: {h.LoadEnd}");
        Line($"- took {h.Took.TotalMinutes:0.0} min; every case in its own process; samples every {ScenarioCases.Sample.TotalMilliseconds:0} ms; supervisors decide every {Contenders.Tick.TotalMilliseconds:0} ms and SystemLoad samples every {Contenders.Tick.TotalMilliseconds:0} ms");
        Line($"- spin: {h.Spin}");
        Line();
        var goals = findings.SelectMany(f => f.Goals).ToList();
        Line($"## Goals: {goals.Count(g => g.Met)} of {goals.Count} met");
        Line();
        Line("| # | goal | measured | | what the data shows (when not met) |");
        Line("|---|---|---|---|---|");
        goals.ForEach(g => Line(g.ToMarkdown()));
        foreach (var f in findings)
        {
            Line();
            Line($"## {f.Scenario}: {ScenarioSuite.Title(f.Scenario)}");
            Line();
            Line($"{s_what.GetValueOrDefault(f.Scenario)} Duration: {ScenarioCases.Durations.GetValueOrDefault(f.Scenario)}.");
            Line();
            f.Table.ToList().ForEach(l => Line(l));
            Line();
            Line($"![{f.Scenario}]({h.Stem}-{f.Scenario}.png) Data: [{h.Stem}-{f.Scenario}.csv]({h.Stem}-{f.Scenario}.csv)");
        }
        if (failures.Count > 0)
        {
            Line();
            Line("## Cases that failed");
            Line();
            failures.ToList().ForEach(l => Line($"- {l}"));
        }
        return text.ToString();
    }
}
