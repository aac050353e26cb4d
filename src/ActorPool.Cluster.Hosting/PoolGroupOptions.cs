using ActorPool.Hosting;

namespace ActorPool.Cluster.Hosting;

/// <summary>
/// One pool group type for <see cref="ClusterPoolsOptions.AddGroupType(string, Action{PoolGroupOptions}?)"/>:
/// each group's supervisor settings and the roles a hosting node needs.
/// </summary>
/// <remarks>
/// Give every node the same options for a type: a node with the required roles hosts groups, one
/// without them reaches the groups through a proxy. There is no proxy-only switch on purpose:
/// Cluster Sharding counts every node with the type's role in its majority writes, so a node with
/// the role that hosted nothing would stall the type's coordinator. A node that should only reach
/// the groups (a front end) is given none of the roles.
/// </remarks>
public sealed class PoolGroupOptions
{
    /// <summary>
    /// Each group's supervisor settings over the application's <c>actor-pool</c> block, as for
    /// <c>WithActorPool</c>: what is left <see langword="null"/> keeps the HOCON value.
    /// </summary>
    public ActorPoolOptions Pool { get; } = new();

    /// <summary>
    /// What the options cannot express, applied last: a worker initializer, the process backend
    /// (<c>WithProcessBackend</c>). <value>The default value is <see langword="null"/>: the settings as built.</value>
    /// </summary>
    public Func<PoolSettings, PoolSettings>? Settings { get; set; }

    /// <summary>
    /// Cluster roles a node must all have to host groups of this type; a node without them gets a
    /// proxy. <value>The default value is empty: every node hosts.</value>
    /// </summary>
    public IList<string> RequiredRoles { get; } = [];
}
