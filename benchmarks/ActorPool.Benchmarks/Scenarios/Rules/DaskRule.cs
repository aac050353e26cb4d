using System.Diagnostics.CodeAnalysis;

namespace ActorPool.Benchmarks.Scenarios.Rules;

/// <summary>
/// Dask distributed's <c>Adaptive</c> (<c>adaptive.py</c>, <c>adaptive_core.py</c>,
/// <c>scheduler.py adaptive_target</c>; ANCHORS.md section 5) with its defaults, one thread per
/// worker: every interval (1 s) cpu = ceil(occupancy / target-duration (5 s)) where occupancy is
/// the expected seconds of the running and queued jobs (duration measured by Little's law,
/// running / completions per second, as Dask measures task durations), capped by the number of
/// jobs; a lower target is applied only after wait-count (3) consecutive suggestions. The memory
/// term (2 x workers above 60% memory) is left out: no worker here holds data.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the supervisor from its type name.")]
internal sealed class DaskRule : ISizingPolicy
{
    private const int WaitCount = 3;
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_targetDuration = TimeSpan.FromSeconds(5);
    private DateTimeOffset? _last;
    private long _lastCompleted;
    private double _duration;
    private int _downCount;

    public string Name => "dask";

    public bool UsesLoad => false;

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (!RuleClock.Due(_last, observation.Timestamp, RuleClock.Period(s_interval)))
        {
            return PolicyDecision.Hold(observation, "between intervals");
        }
        var seconds = _last is { } at ? (observation.Timestamp - at).TotalSeconds : 0;
        var done = observation.CompletedJobs - _lastCompleted;
        _last = observation.Timestamp;
        _lastCompleted = observation.CompletedJobs;
        if (seconds > 0 && done > 0 && observation.Running > 0)
        {
            _duration = observation.Running / (done / seconds);
        }
        long tasks = observation.Running + observation.Queued;
        var occupancy = tasks * _duration;
        var cpu = (int)Math.Min(tasks, Math.Ceiling(occupancy / s_targetDuration.TotalSeconds - 1e-9));
        var reason = $"occupancy {occupancy:0.##}s of {tasks} jobs / {s_targetDuration.TotalSeconds}s = {cpu}";
        if (cpu >= observation.Desired)
        {
            _downCount = 0;
            return new PolicyDecision(cpu, reason);
        }
        _downCount++;
        return _downCount >= WaitCount
            ? new PolicyDecision(cpu, $"{reason}, suggested {_downCount} times")
            : PolicyDecision.Hold(observation, $"{reason}, suggested {_downCount} of {WaitCount} times");
    }
}
