namespace ActorPool.Benchmarks.Scenarios.Rules;

/// <summary>
/// The control period of the re-implemented rules. By default each acts on its own real period
/// (Crawlee 10 s, HPA 15 s, Dask 1 s). B8 counts in ticks: it sets <see cref="TickOverride"/> to
/// the supervisor's decision interval, so one decision is one of the rule's periods, and windows
/// counted in periods (HPA's 300 s = 20 periods) shrink with it. One case runs per process, so a
/// static is enough; the supervisor creates user policies with a parameterless constructor.
/// </summary>
internal static class RuleClock
{
    public static TimeSpan? TickOverride { get; set; }

    /// <summary>The rule's period: its real one, or the override.</summary>
    public static TimeSpan Period(TimeSpan real) => TickOverride ?? real;

    /// <summary>Whether at least one period passed since <paramref name="last"/> (a little slack for timer jitter).</summary>
    public static bool Due(DateTimeOffset? last, DateTimeOffset now, TimeSpan period) =>
        last is not { } at || now - at >= period * 0.9;
}
