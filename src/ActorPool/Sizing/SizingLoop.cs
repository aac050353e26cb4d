namespace ActorPool.Internal.Sizing;

/// <summary>
/// The sizing loop one supervisor calls on every check, every <c>ScaleChanged</c> and every
/// <c>decision-interval</c> tick: it runs the pipeline on an observation and says which
/// decisions to publish (a new count, or a new deciding policy), so the event stream is not
/// flooded with holds.
/// </summary>
/// <remarks>Plain and single-threaded: it lives in the supervisor's books and survives a restart with them.</remarks>
internal sealed class SizingLoop(SizingPipeline pipeline, string supervisor)
{
    private string? _lastPolicy;
    private IReadOnlyDictionary<string, int>? _lastSets;

    public static SizingLoop Create(PoolSettings settings, string supervisor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = SizingPolicies.Create(settings.Sizing, settings.UnitsPerPool);
        return new SizingLoop(new SizingPipeline(policy, settings.Sizing, SizingPolicies.Hysteresis(settings.Sizing, policy)), supervisor);
    }

    /// <summary>Whether the policy reads the load snapshot, so the supervisor should subscribe to it.</summary>
    public bool UsesLoad => pipeline.Policy.UsesLoad;

    public string PolicyName => pipeline.Policy.Name;

    /// <summary>Decides one tick; <c>Publish</c> says whether the count or the deciding policy changed.</summary>
    public (ScalingDecision Decision, bool Publish) Decide(Observation observation, string trigger)
    {
        var result = pipeline.Decide(observation);
        var decision = new ScalingDecision(supervisor, result.Policy, observation.Units, observation.Desired, result.Pools, trigger)
        {
            Timestamp = observation.Timestamp,
            Rationale = result.Rationale,
            Inputs = result.Inputs,
            Proposals = result.Proposals,
            PoolsByCapabilities = result.PoolsByCapabilities,
        };
        var publish = result.Pools != observation.Desired || (_lastPolicy is not null && _lastPolicy != result.Policy)
            || !SameSets(result.PoolsByCapabilities, _lastSets);
        _lastPolicy = result.Policy;
        _lastSets = result.PoolsByCapabilities;
        return (decision, publish);
    }

    private static bool SameSets(IReadOnlyDictionary<string, int>? a, IReadOnlyDictionary<string, int>? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Where(s => s.Value > 0).OrderBy(s => s.Key, StringComparer.Ordinal)
                .SequenceEqual(b.Where(s => s.Value > 0).OrderBy(s => s.Key, StringComparer.Ordinal));
}
