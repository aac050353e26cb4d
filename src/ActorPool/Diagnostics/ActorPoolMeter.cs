using System.Diagnostics.Metrics;
using System.Reflection;

namespace ActorPool.Internal.Diagnostics;

/// <summary>
/// The process's one <c>ActorPool</c> meter and its instruments (the metrics contract of issue 20).
/// No registry of ours: listeners (dotnet-counters, OpenTelemetry, a <see cref="MeterListener"/>)
/// find the meter by name. The observable instruments read every live supervisor's published
/// status in their callbacks (<see cref="MeterReadings"/>); the three others are written where
/// their events happen: <see cref="JobDuration"/> where a job's end is tallied, the counters where
/// the supervisor publishes its events (<see cref="SupervisorMeter"/>).
/// </summary>
internal static class ActorPoolMeter
{
    public const string SupervisorTag = "actorpool.supervisor";
    public const string SystemTag = "actorpool.system";
    public const string GroupTag = "actorpool.group";
    public const string PoolStateTag = "actorpool.pool.state";
    public const string OutcomeTag = "actorpool.job.outcome";
    public const string LeaseStateTag = "actorpool.lease.state";
    public const string LeaseStepTag = "actorpool.lease.step";
    public const string PolicyTag = "actorpool.sizing.policy";

    // Seconds, from a millisecond to five minutes: OpenTelemetry's default buckets are meant for
    // milliseconds and would put every job under 5 s into the first two.
    private static readonly double[] s_durationBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static readonly Meter s_meter = new(ActorPoolMetrics.MeterName, Version());

    /// <summary>How long each job ran on its worker, by outcome; 0 for a job that ended before it started.</summary>
    public static readonly Histogram<double> JobDuration = s_meter.CreateHistogram(
        "actorpool.job.duration", "s", "How long jobs ran on a worker, from start to end (0 for a job that never started)",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });

    /// <summary>Lease steps published (granted, expiring, renewed, released, holder_stopped, revoked, stuck).</summary>
    public static readonly Counter<long> LeaseChanges = s_meter.CreateCounter<long>(
        "actorpool.lease.changes", "{event}", "Lease steps published as LeaseChanged events, by step");

    /// <summary>Scaling decisions published, by deciding policy or pipeline stage.</summary>
    public static readonly Counter<long> SizingDecisions = s_meter.CreateCounter<long>(
        "actorpool.sizing.decisions", "{decision}", "Scaling decisions published (the target or the deciding policy changed), by policy");

    static ActorPoolMeter()
    {
        MeterReadings.Register(s_meter);
    }

    /// <summary>Makes sure the meter exists, so a listener sees it from the first supervisor on.</summary>
    public static void EnsureCreated()
    {
        // Touching the type runs its static constructor once; nothing else to do.
    }

    private static string? Version() =>
        typeof(ActorPoolMeter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
