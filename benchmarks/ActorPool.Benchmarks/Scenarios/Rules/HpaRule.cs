using System.Diagnostics.CodeAnalysis;

namespace ActorPool.Benchmarks.Scenarios.Rules;

/// <summary>
/// Kubernetes' HPA (kubernetes/website <c>horizontal-pod-autoscale.md</c>, ANCHORS.md section 5)
/// with its defaults, a worker for a pod and jobs per worker (running + queued) as the metric,
/// with an average-value target of <see cref="TargetPerWorker"/> (an external/queue metric, as
/// KEDA feeds it): every sync period (15 s) desired = ceil(current x metric / target), no action
/// within the 0.1 tolerance; scale-up at most max(+100%, +4 pods) per period (selectPolicy Max);
/// scale-down to the highest recommendation of the 300 s stabilization window (20 periods).
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the supervisor from its type name.")]
internal sealed class HpaRule : ISizingPolicy
{
    public const double TargetPerWorker = 10;
    private const double Tolerance = 0.1;
    private const int ScaleDownWindowPeriods = 20;
    private static readonly TimeSpan s_syncPeriod = TimeSpan.FromSeconds(15);
    private readonly List<(DateTimeOffset At, int Pools)> _recommendations = [];
    private DateTimeOffset? _last;

    public string Name => "hpa";

    public bool UsesLoad => false;

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var period = RuleClock.Period(s_syncPeriod);
        if (!RuleClock.Due(_last, observation.Timestamp, period))
        {
            return PolicyDecision.Hold(observation, "between sync periods");
        }
        _last = observation.Timestamp;
        var current = Math.Max(1, observation.Desired);
        var metric = (observation.Running + observation.Queued) / (double)current;
        var ratio = metric / TargetPerWorker;
        var recommended = Math.Abs(ratio - 1) <= Tolerance ? current : (int)Math.Ceiling(current * ratio - 1e-9);
        var now = observation.Timestamp;
        _recommendations.Add((now, recommended));
        _recommendations.RemoveAll(r => now - r.At > period * ScaleDownWindowPeriods);
        int next;
        if (recommended > current)
        {
            next = Math.Min(recommended, Math.Max(current * 2, current + 4));
        }
        else
        {
            next = Math.Min(current, _recommendations.Max(r => r.Pools));
        }
        return new PolicyDecision(next, $"metric {metric:0.##} jobs/worker vs target {TargetPerWorker}: recommends {recommended}");
    }
}
