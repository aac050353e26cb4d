using ActorPool.Benchmarks.Scenarios.Rules;
using ActorPool.Benchmarks.Scenarios.Targets;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>Starts a contender by name, with a scenario's bounds.</summary>
internal static class Contenders
{
    /// <summary>The supervisors' decision interval and the SystemLoad sample interval in every scenario.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>Starts <paramref name="name"/>; <paramref name="max"/> is every contender's upper bound.</summary>
    public static async Task<IScenarioTarget> StartAsync(string name, int max, int knee = 0) => name switch
    {
        "hill-climbing" => new ThreadPoolTarget(),
        "oracle" => new ThreadPoolTarget(knee),
        "resizer" => new ResizerTarget(1, max),
        "actorpool-static" => await ActorPoolTarget.StartAsync(Pools(max, "units") with { MinPools = max }, null),
        "actorpool-units" => await ActorPoolTarget.StartAsync(WithUnitsHysteresis(Pools(max, "units")), null),
        "actorpool-throughput" => await ActorPoolTarget.StartAsync(Pools(max, "throughput"), Load()),
        "actorpool-load" => await ActorPoolTarget.StartAsync(Pools(max, "load"), Load()),
        "actorpool-queue" => await ActorPoolTarget.StartAsync(Pools(max, "queue"), null),
        "crawlee" => await ActorPoolTarget.StartAsync(Rule<CrawleeRule>(max), Load()),
        "hpa" => await ActorPoolTarget.StartAsync(Rule<HpaRule>(max), null),
        "dask" => await ActorPoolTarget.StartAsync(Rule<DaskRule>(max), null),
        // A static pool of another size (actorpool-static-4): how p99 under an antagonist moves
        // with the worker count alone, run by hand with scenario-case.
        _ when name.StartsWith("actorpool-static-", StringComparison.Ordinal) && int.TryParse(name["actorpool-static-".Length..], out var n) =>
            await ActorPoolTarget.StartAsync(Pools(n, "units") with { MinPools = n }, null),
        _ => throw new ArgumentException($"unknown contender '{name}'", nameof(name)),
    };

    /// <summary>One worker per pool, so pools are workers and the size moves one thread at a time.</summary>
    private static PoolSettings Pools(int max, string policy) => new()
    {
        MinPools = 1,
        MaxPools = max,
        WorkersPerPool = 1,
        UnitsPerPool = 10,
        Sizing = new SizingSettings { Policy = policy, DecisionInterval = Tick },
    };

    private static PoolSettings WithUnitsHysteresis(PoolSettings settings) =>
        settings with { Sizing = settings.Sizing with { Units = settings.Sizing.Units with { Hysteresis = true } } };

    /// <summary>A re-implemented rule as a user policy on a real supervisor; ActorPool's own stages (veto, memory step) off.</summary>
    private static PoolSettings Rule<T>(int max) where T : ISizingPolicy
    {
        var settings = Pools(max, $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}");
        return settings with { Sizing = settings.Sizing with { OverloadVeto = false, MemoryStepDownRatio = 0 } };
    }

    private static SystemLoadSettings Load() => new() { SampleInterval = Tick };
}
