using ActorPool.Cluster.Internal;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Cluster;

/// <summary>
/// The <c>actor-pool.cluster</c> block (HOCON/cluster.conf): every key is documented there with its
/// allowed values and an example. Read once by <see cref="ClusterPools.Get"/>; a bad value or a
/// misspelt key is refused with an <see cref="ArgumentException"/> naming it.
/// </summary>
public sealed record ClusterPoolsSettings
{
    /// <summary>Registered remote job types (<c>job-types</c>), beside those registered in code.</summary>
    public IReadOnlyList<Type> JobTypes { get; init; } = [];

    /// <summary>Whether a moved group restarts at once on its new node (<c>remember-groups</c>).</summary>
    public bool RememberGroups { get; init; }

    /// <summary>How long a change of a group's state waits for a majority (<c>state.write-timeout</c>).</summary>
    public TimeSpan StateWriteTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a starting group waits to read its state from a majority (<c>state.read-timeout</c>).</summary>
    public TimeSpan StateReadTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often this node shares its load (<c>load.publish-interval</c>).</summary>
    public TimeSpan LoadPublishInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>When a node's shared load stops being trusted and counts as unknown (<c>load.stale-after</c>).</summary>
    public TimeSpan LoadStaleAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How far above the least loaded node's score a node still counts as equally loaded (<c>placement.load-tolerance</c>).</summary>
    public double LoadTolerance { get; init; } = 0.1;

    /// <summary>How many more groups the fullest node must host than the node a new group would go to before one moves; at least 2 (<c>placement.rebalance-threshold</c>).</summary>
    public int RebalanceThreshold { get; init; } = 3;

    /// <summary>How often overdue jobs are failed back (<c>failover.check-interval</c>).</summary>
    public TimeSpan FailoverCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads <c>actor-pool.cluster</c> from the system's configuration over the embedded defaults.</summary>
    /// <param name="system">The actor system.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ArgumentException">A value is invalid or a key unknown; the message names each.</exception>
    public static ClusterPoolsSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var config = system.Settings.Config;
        return Create(config.HasPath(ClusterConfig.Path) ? config.GetConfig(ClusterConfig.Path) : Config.Empty);
    }

    /// <summary>Reads a block shaped like <c>actor-pool.cluster</c>; missing keys take their defaults.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The checked settings.</returns>
    /// <exception cref="ArgumentException">A value is invalid or a key unknown; the message names each.</exception>
    public static ClusterPoolsSettings Create(Config block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return ClusterSettingsReader.Read(block);
    }
}
