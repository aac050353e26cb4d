using System.Diagnostics;
using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Diagnostics;

/// <summary>
/// One supervisor's tags on the <c>ActorPool</c> meter, built once when the supervisor starts so
/// that recording a measurement allocates nothing: the base set (supervisor, system, group) and
/// one set per value of each bounded extra tag (pool state, job outcome, lease state, lease step).
/// </summary>
internal sealed class SupervisorMeter
{
    private static readonly string[] s_outcomes = ["succeeded", "failed", "cancelled", "dropped", "timed_out", "crashed"];
    private static readonly string[] s_poolStates = ["idle", "busy", "leased", "draining", "stuck"];
    private static readonly string[] s_leaseStates = ["active", "grace", "released"];
    private static readonly string[] s_leaseSteps = [.. Enum.GetValues<LeaseStep>().Select(Snake)];

    private readonly KeyValuePair<string, object?>[][] _byOutcome;
    private readonly KeyValuePair<string, object?>[][] _byLeaseStep;

    public SupervisorMeter(string supervisor, string system, string? group)
    {
        ActorPoolMeter.EnsureCreated();
        Tags = group is null
            ? [new(ActorPoolMeter.SupervisorTag, supervisor), new(ActorPoolMeter.SystemTag, system)]
            : [new(ActorPoolMeter.SupervisorTag, supervisor), new(ActorPoolMeter.SystemTag, system), new(ActorPoolMeter.GroupTag, group)];
        _byOutcome = With(ActorPoolMeter.OutcomeTag, s_outcomes);
        ByPoolState = With(ActorPoolMeter.PoolStateTag, s_poolStates);
        ByLeaseState = With(ActorPoolMeter.LeaseStateTag, s_leaseStates);
        _byLeaseStep = With(ActorPoolMeter.LeaseStepTag, s_leaseSteps);
    }

    /// <summary>The tags every instrument of this supervisor carries.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The tags plus <c>actorpool.pool.state</c>: idle, busy, leased, draining, stuck.</summary>
    public KeyValuePair<string, object?>[][] ByPoolState { get; }

    /// <summary>The tags plus <c>actorpool.lease.state</c>: active, grace, released.</summary>
    public KeyValuePair<string, object?>[][] ByLeaseState { get; }

    /// <summary>The tags plus <c>actorpool.job.outcome</c>, indexed by <see cref="JobOutcome"/>.</summary>
    public KeyValuePair<string, object?>[] ByOutcome(JobOutcome outcome) => _byOutcome[(int)outcome];

    /// <summary>The outcome tag's values, in <see cref="JobOutcome"/> order.</summary>
    public static IReadOnlyList<string> Outcomes => s_outcomes;

    /// <summary>
    /// Records one ended job's run time: called on the job path, so it costs one branch when no
    /// listener has enabled the histogram, and no allocation when one has.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void JobEnded(JobOutcome outcome, TimeSpan ran)
    {
        var histogram = ActorPoolMeter.JobDuration;
        if (histogram.Enabled)
        {
            histogram.Record(ran.TotalSeconds, _byOutcome[(int)outcome]);
        }
    }

    /// <summary>Counts an event the supervisor publishes, if the meter counts its kind.</summary>
    public void Published(PoolEvent poolEvent)
    {
        switch (poolEvent)
        {
            case LeaseChanged lease when ActorPoolMeter.LeaseChanges.Enabled:
                ActorPoolMeter.LeaseChanges.Add(1, _byLeaseStep[(int)lease.Step]);
                break;
            case ScalingDecision decision when ActorPoolMeter.SizingDecisions.Enabled:
                // The policy is a name from the configuration or the pipeline: a bounded set, but not
                // one known here, so its tag set is built per decision (decisions are rare).
                var tags = new TagList(Tags) { { ActorPoolMeter.PolicyTag, decision.Policy } };
                ActorPoolMeter.SizingDecisions.Add(1, in tags);
                break;
        }
    }

    /// <summary><c>HolderStopped</c> -> <c>holder_stopped</c>, as OpenTelemetry attribute values are written.</summary>
    private static string Snake(LeaseStep step) =>
        string.Concat(step.ToString().Select((c, k) => char.IsUpper(c) ? (k > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private KeyValuePair<string, object?>[][] With(string key, string[] values) =>
        [.. values.Select(v => (KeyValuePair<string, object?>[])[.. Tags, new(key, v)])];
}
