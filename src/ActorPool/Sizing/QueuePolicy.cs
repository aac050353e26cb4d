namespace ActorPool.Internal.Sizing;

/// <summary>
/// The <c>queue</c> policy: Scaler's task-to-worker ratio, in pools.
/// </summary>
/// <remarks>
/// <code>
/// jobs = running + queued; ratio = jobs / desired workers; need = jobs / upper-task-ratio workers
/// no workers and jobs:     1 pool
/// ratio &gt; upper-task-ratio: ceil(need / workers-per-pool) pools
/// ratio &lt; lower-task-ratio: 0 with no jobs, else max(1, ceil(need / workers-per-pool)) pools
/// otherwise:                hold
/// </code>
/// Design notes: Scaler's vanilla rule (finos/opengris-scaler <c>scaling/vanilla.py</c>) with its
/// fixed thresholds (10 and 1) made settings. One change: Scaler adds one worker per decision,
/// which under-provisions a burst for many ticks (opengris-scaler#939); here growth goes straight
/// to the size at which the ratio is back at the upper threshold, as the shrink already does in
/// Scaler, so a step of demand lands in one tick. Both targets sit inside the hold band, so a
/// move is not undone by the next tick. Stateless; O(1).
/// </remarks>
internal sealed class QueuePolicy(QueuePolicySettings settings) : ISizingPolicy
{
    public const string PolicyName = "queue";

    public string Name => PolicyName;

    public bool UsesLoad => false;

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        long jobs = observation.Running + observation.Queued;
        var workers = observation.DesiredWorkers;
        var wpp = observation.WorkersPerPool;
        var need = jobs / settings.UpperTaskRatio / wpp;
        PolicyDecision decision;
        if (workers == 0)
        {
            decision = jobs > 0
                ? new PolicyDecision(1, $"no workers and {jobs} jobs: one pool")
                : PolicyDecision.Hold(observation, "no workers and no jobs");
        }
        else
        {
            var ratio = jobs / (double)workers;
            var shown = PolicyDecision.Format(ratio);
            var upper = PolicyDecision.Format(settings.UpperTaskRatio);
            if (ratio > settings.UpperTaskRatio)
            {
                var pools = Pools(need);
                decision = new PolicyDecision(pools, $"jobs per worker {shown} > {upper}: ceil({jobs} / {upper} / {wpp}) = {pools} pools") { Demand = need };
            }
            else if (ratio < settings.LowerTaskRatio)
            {
                var pools = jobs == 0 ? 0 : Math.Max(1, Pools(need));
                decision = new PolicyDecision(pools, $"jobs per worker {shown} < {PolicyDecision.Format(settings.LowerTaskRatio)}: "
                    + (jobs == 0 ? "no jobs" : $"ceil({jobs} / {upper} / {wpp}) = {pools} pools"))
                { Demand = need };
            }
            else
            {
                decision = PolicyDecision.Hold(observation, $"jobs per worker {shown} within [{PolicyDecision.Format(settings.LowerTaskRatio)}, {upper}]");
            }
        }
        return decision.With("running", observation.Running).With("queued", observation.Queued);
    }

    private static int Pools(double need) => (int)Math.Min(int.MaxValue, Math.Ceiling(need - 1e-9));
}
