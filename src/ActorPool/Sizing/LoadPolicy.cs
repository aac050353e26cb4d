namespace ActorPool.Internal.Sizing;

/// <summary>
/// The <c>load</c> policy: Crawlee's AutoscaledPool rule. Every <c>autoscale-interval</c> it moves
/// the desired pools by a step proportional to themselves: down when a signal is overloaded over
/// the load history, up when nothing is and the pools are busy.
/// </summary>
/// <remarks>
/// <code>
/// if historically overloaded and desired &gt; min: desired -= max(1, ceil(scale-down-step-ratio x desired))
/// else if desired &lt; max and running &gt;= floor(desired-concurrency-ratio x desired workers):
///                                             desired += max(1, ceil(scale-up-step-ratio x desired))
/// </code>
/// Design notes: Crawlee's <c>_autoscale</c> (crawlee-python <c>_autoscaling/autoscaled_pool.py</c>,
/// crawlee JS v3.18.1 <c>autoscaled_pool.ts</c>) with its constants (5%, 5%, 90%, 10 s) made
/// settings and its unit a pool. It is a safety net: it backs off within one interval of sustained
/// overload and recovers slowly; it does not converge to an optimum on its own (crawlee-python
/// #1224: with no overload it keeps growing while the pools stay busy), which is what the
/// <c>throughput</c> policy is for. Crawlee's "current" overload gate is the loop's overload veto.
/// Stateful (its last action's time); O(1) per tick.
/// </remarks>
internal sealed class LoadPolicy(LoadPolicySettings settings) : ISizingPolicy
{
    public const string PolicyName = "load";

    private DateTimeOffset? _lastAction;

    public string Name => PolicyName;

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var now = observation.Timestamp;
        if (_lastAction is { } last && now - last < settings.AutoscaleInterval)
        {
            return PolicyDecision.Hold(observation, $"waiting for autoscale-interval {settings.AutoscaleInterval.TotalSeconds}s");
        }
        _lastAction = now;
        var desired = observation.Desired;
        var overloaded = observation.Load.HistoricallyOverloadedSignals;
        var threshold = (long)Math.Floor(settings.DesiredConcurrencyRatio * observation.DesiredWorkers);
        PolicyDecision decision;
        if (overloaded.Count > 0)
        {
            var step = Math.Max(1, (int)Math.Ceiling(settings.ScaleDownStepRatio * desired));
            var target = Math.Max(observation.MinPools, desired - step);
            decision = new PolicyDecision(target, target < desired
                ? $"{Names(overloaded)} overloaded over the history: -{step}"
                : $"{Names(overloaded)} overloaded but at min-pools {observation.MinPools}");
        }
        else if (desired >= observation.MaxPools)
        {
            decision = PolicyDecision.Hold(observation, $"at max-pools {observation.MaxPools}");
        }
        else if (observation.Running >= threshold)
        {
            var step = Math.Max(1, (int)Math.Ceiling(settings.ScaleUpStepRatio * desired));
            var target = (int)Math.Min(observation.MaxPools, (long)desired + step);
            decision = new PolicyDecision(target, $"not overloaded and running {observation.Running} >= floor({PolicyDecision.Format(settings.DesiredConcurrencyRatio)} x {observation.DesiredWorkers}) = {threshold}: +{step}");
        }
        else
        {
            decision = PolicyDecision.Hold(observation, $"running {observation.Running} < floor({PolicyDecision.Format(settings.DesiredConcurrencyRatio)} x {observation.DesiredWorkers}) = {threshold}");
        }
        return decision.With("running", observation.Running).With("overloaded", Names(overloaded));
    }

    internal static string Names(IEnumerable<LoadSignal> signals) =>
        "[" + string.Join(", ", signals.Order().Select(s => s.ConfigName())) + "]";
}
