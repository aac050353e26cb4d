namespace ActorPool;

/// <summary>
/// The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every supervisor of the process
/// reports to. Listen to it with <c>dotnet-counters monitor --counters ActorPool</c>, OpenTelemetry's
/// <c>AddMeter(ActorPoolMetrics.MeterName)</c>, or a <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// </summary>
/// <remarks>
/// One meter for the process, created with the first supervisor; its instruments (named
/// <c>actorpool.*</c>, after the OpenTelemetry naming conventions) carry the tags
/// <c>actorpool.supervisor</c> (the supervisor's path, e.g. <c>/user/pools</c>),
/// <c>actorpool.system</c> (its actor system) and, for a cluster pool group, <c>actorpool.group</c>.
/// The observable instruments read each supervisor's published status when a listener collects
/// them, so a supervisor costs nothing between collections and its series end when it stops.
/// docs/operations-metrics.md lists every instrument.
/// </remarks>
public static class ActorPoolMetrics
{
    /// <summary>The meter's name: <c>ActorPool</c>.</summary>
    public const string MeterName = "ActorPool";
}
