using System.Diagnostics.CodeAnalysis;

namespace ActorPool.Benchmarks.Scenarios.Rules;

/// <summary>
/// Crawlee's <c>AutoscaledPool._autoscale</c> (crawlee-python <c>src/crawlee/_autoscaling/autoscaled_pool.py</c>,
/// ANCHORS.md section 2) as a sizing policy, with its constants: every <c>_AUTOSCALE_INTERVAL</c>
/// (10 s), if the system is idle over the whole history (no signal historically overloaded),
/// desired &lt; max and current &gt;= floor(0.9 x desired): desired += ceil(0.05 x desired); else if
/// not idle and desired &gt; min: desired -= ceil(0.05 x desired). Current is the running jobs.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the supervisor from its type name.")]
internal sealed class CrawleeRule : ISizingPolicy
{
    private const double DesiredConcurrencyRatio = 0.9;
    private const double StepRatio = 0.05;
    private static readonly TimeSpan s_autoscaleInterval = TimeSpan.FromSeconds(10);
    private DateTimeOffset? _last;

    public string Name => "crawlee";

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (!RuleClock.Due(_last, observation.Timestamp, RuleClock.Period(s_autoscaleInterval)))
        {
            return PolicyDecision.Hold(observation, "between autoscale intervals");
        }
        _last = observation.Timestamp;
        var desired = observation.Desired;
        var idle = !observation.Load.HistoricallyOverloaded;
        var step = (int)Math.Ceiling(StepRatio * desired);
        if (idle && desired < observation.MaxPools && observation.Running >= Math.Floor(DesiredConcurrencyRatio * desired))
        {
            return new PolicyDecision(Math.Min(observation.MaxPools, desired + step), $"idle and busy: +{step}");
        }
        if (!idle && desired > observation.MinPools)
        {
            return new PolicyDecision(Math.Max(observation.MinPools, desired - step), $"overloaded: -{step}");
        }
        return PolicyDecision.Hold(observation, idle ? "idle, not busy" : "overloaded at min");
    }
}
