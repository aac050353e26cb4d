using System.Globalization;
using Akka.Configuration;

namespace ActorPool.Cluster.TestNode;

/// <summary>
/// The failure-detection and downing timings every node and the client run with, and the failover
/// budget they give.
/// </summary>
/// <param name="Heartbeat"><c>akka.cluster.failure-detector.heartbeat-interval</c>.</param>
/// <param name="AcceptablePause"><c>akka.cluster.failure-detector.acceptable-heartbeat-pause</c>.</param>
/// <param name="StableAfter"><c>akka.cluster.split-brain-resolver.stable-after</c>.</param>
public sealed record NodeTimings(TimeSpan Heartbeat, TimeSpan AcceptablePause, TimeSpan StableAfter)
{
    /// <summary>Short enough that a crash test runs in well under a minute: 1 s, 2 s, 3 s.</summary>
    public static NodeTimings Fast { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

    /// <summary>
    /// When a crashed node's groups can be back on a survivor, at the earliest, from these settings:
    /// <code>
    ///   heartbeat-interval + acceptable-heartbeat-pause   the crash is seen (unreachable)
    /// + stable-after                                      the split brain resolver downs it, the leader removes it
    /// + down-removal-margin                               the shard coordinator waits this long after the removal
    ///                                                     before it gives the node's shards to survivors; with the
    ///                                                     split brain resolver and akka.cluster.down-removal-margin
    ///                                                     off (the default) Akka.NET uses stable-after again
    /// </code>
    /// The first message to a group then reallocates its shard and starts it (a few hundred ms, more on a
    /// loaded machine), which <paramref name="margin"/> covers along with gossip rounds and scheduling.
    /// </summary>
    /// <param name="margin">What the settings do not give: reallocation, the group's start, gossip, a slow machine.</param>
    /// <returns>The budget.</returns>
    public TimeSpan Budget(TimeSpan margin) => Heartbeat + AcceptablePause + StableAfter + StableAfter + margin;

    /// <summary>The HOCON these timings set.</summary>
    public Config ToConfig() => ConfigurationFactory.ParseString($"""
        akka.cluster.failure-detector.heartbeat-interval = {Ms(Heartbeat)}
        akka.cluster.failure-detector.acceptable-heartbeat-pause = {Ms(AcceptablePause)}
        akka.cluster.split-brain-resolver.stable-after = {Ms(StableAfter)}
        """);

    /// <summary>The node program's arguments for these timings.</summary>
    public IEnumerable<string> ToArgs() =>
    [
        "--heartbeat-ms", ((long)Heartbeat.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        "--pause-ms", ((long)AcceptablePause.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        "--stable-after-ms", ((long)StableAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    ];

    /// <inheritdoc/>
    public override string ToString() =>
        $"heartbeat-interval {Ms(Heartbeat)}, acceptable-heartbeat-pause {Ms(AcceptablePause)}, stable-after {Ms(StableAfter)}";

    private static string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
