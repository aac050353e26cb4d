using ActorPool.Benchmarks.Scenarios.Rules;
using ActorPool.Benchmarks.Scenarios.Targets;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>What one case produced: its time series and any figures only the child can compute.</summary>
internal sealed record CaseResult(IReadOnlyList<ScenarioRow> Rows, IReadOnlyDictionary<string, double> Summary);

/// <summary>
/// Every case of B5-B9: a scenario and one contender, run in a process of its own. Durations are
/// multiplied by the scale (1 for the report, a small fraction for the smoke test).
/// </summary>
internal static class ScenarioCases
{
    /// <summary>2 ms of CPU and 14 ms of <c>Thread.Sleep</c>: 87.5% blocked, the knee is 8 x the cores.</summary>
    public static readonly Workload Blocking = new(2, 14);

    public static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(100);

    public const int Lanes = 64;

    public static readonly IReadOnlyList<(string Scenario, string Contender)> All =
    [
        .. new[] { "oracle", "actorpool-throughput", "hill-climbing", "resizer" }.Select(c => ("B5", c)),
        .. new[] { "actorpool-throughput", "actorpool-load", "actorpool-queue", "hill-climbing", "resizer", "crawlee", "hpa", "dask" }.Select(c => ("B6", c)),
        .. new[] { "actorpool-throughput", "hill-climbing" }.Select(c => ("B7", c)),
        .. new[] { "actorpool-units", "actorpool-queue", "crawlee", "hpa", "dask", "resizer" }.Select(c => ("B8", c)),
        .. new[] { "actorpool-throughput+hog", "actorpool-static+hog", "actorpool-throughput+heap", "actorpool-static+heap" }.Select(c => ("B9", c)),
    ];

    /// <summary>Seconds each scenario's case runs at scale 1, for the report.</summary>
    public static readonly IReadOnlyDictionary<string, string> Durations = new Dictionary<string, string>
    {
        ["B5"] = "8 s per contender",
        ["B6"] = "25 s per contender, the first 5 s not counted (DESIGN asks 30 s: shortened to fit the 10-minute budget)",
        ["B7"] = "4 s of CPU jobs, then 8 s of blocking jobs",
        ["B8"] = "2 s at 10 jobs, 5 s at 80, 5 s at 10 (500 ms jobs)",
        ["B9"] = "1 s warm-up, then 6 s with the antagonist (p99 over those 6 s)",
    };

    public static Task<CaseResult> RunAsync(string scenario, string contender, double scale) => scenario switch
    {
        "B5" => ConvergeAsync(contender, scale),
        "B6" => SteadyAsync(contender, scale),
        "B7" => StartBlockingAsync(contender, scale),
        "B8" => StepAsync(contender, scale),
        "B9" => AntagonistAsync(contender, scale),
        _ => throw new ArgumentException($"unknown scenario '{scenario}'", nameof(scenario)),
    };

    private static TimeSpan S(double seconds, double scale) => TimeSpan.FromSeconds(seconds * scale);

    private static Task<CaseResult> ConvergeAsync(string contender, double scale) =>
        ClosedAsync("B5", contender, Blocking, async (_, _) => await Task.Delay(S(8, scale)));

    private static Task<CaseResult> SteadyAsync(string contender, double scale) =>
        ClosedAsync("B6", contender, Blocking with { Jitter = 0.05 }, async (recorder, _) =>
        {
            recorder.Phase = "settle";
            await Task.Delay(S(5, scale));
            recorder.Phase = "steady";
            await Task.Delay(S(20, scale));
        });

    private static Task<CaseResult> StartBlockingAsync(string contender, double scale) =>
        ClosedAsync("B7", contender, new Workload(2, 0), async (recorder, generator) =>
        {
            recorder.Phase = "cpu";
            await Task.Delay(S(4, scale));
            generator.Workload = Blocking with { Block = BlockKind.TaskWait };
            recorder.Phase = "blocking";
            await Task.Delay(S(8, scale));
        });

    private static async Task<CaseResult> ClosedAsync(string scenario, string contender, Workload workload, Func<Recorder, LoadGenerator, Task> script)
    {
        await using var target = await Contenders.StartAsync(contender, Lanes, Blocking.Knee(Environment.ProcessorCount));
        using var recorder = new Recorder(scenario, contender, target.Size, Sample);
        var generator = new LoadGenerator(target, recorder, workload);
        recorder.Start();
        generator.SetLanes(Lanes);
        await script(recorder, generator);
        recorder.Dispose();
        await generator.StopAsync();
        return new CaseResult(recorder.Rows, new Dictionary<string, double> { ["failed"] = generator.Failed });
    }

    private static async Task<CaseResult> StepAsync(string contender, double scale)
    {
        const int Max = 16;
        RuleClock.TickOverride = Contenders.Tick;
        var job = new Workload(0, 500);
        await using var target = await Contenders.StartAsync(contender, Max);
        using var recorder = new Recorder("B8", contender, target.Size, Sample);
        recorder.Ticks = target.Ticks is null ? () => recorder.Now / Contenders.Tick.TotalSeconds : () => target.Ticks ?? 0;
        var generator = new LoadGenerator(target, recorder, job);
        recorder.Start();
        foreach (var (phase, demand, seconds) in new[] { ("low", 10, 2.0), ("up", 80, 5.0), ("down", 10, 5.0) })
        {
            recorder.Phase = phase;
            recorder.Target = (int)Math.Ceiling(demand / HpaRule.TargetPerWorker);
            generator.SetLanes(demand);
            target.Demand(demand);
            await Task.Delay(S(seconds, scale));
        }
        recorder.Dispose();
        await generator.StopAsync();
        return new CaseResult(recorder.Rows, new Dictionary<string, double> { ["failed"] = generator.Failed });
    }

    private static async Task<CaseResult> AntagonistAsync(string contenderAndKind, double scale)
    {
        const int Max = 16;
        const double PerSecond = 300;
        var (contender, kind) = (contenderAndKind.Split('+')[0], contenderAndKind.Split('+')[1]);
        await using var target = await Contenders.StartAsync(contender, Max);
        using var recorder = new Recorder("B9", contenderAndKind, target.Size, Sample);
        var generator = new LoadGenerator(target, recorder, new Workload(1, 4));
        recorder.Start();
        recorder.Phase = "warm-up";
        await generator.RunOpenAsync(PerSecond, S(1, scale));
        recorder.Phase = kind;
        recorder.RecordAll = true;
        using (Antagonist.Start(kind))
        {
            await generator.RunOpenAsync(PerSecond, S(6, scale));
        }
        recorder.Dispose();
        var all = recorder.AllLatencies.ToList();
        return new CaseResult(recorder.Rows, new Dictionary<string, double>
        {
            ["failed"] = generator.Failed,
            ["jobs"] = all.Count,
            ["p50_ms"] = Recorder.Percentile(all, 0.5),
            ["p99_ms"] = Recorder.Percentile(all, 0.99),
        });
    }
}
