using System.Globalization;
using System.Text;
using ActorPool.Process;

namespace ActorPool.Cluster.Hosting;

/// <summary>
/// Code-first setup of <see cref="ClusterPools"/> for <c>WithClusterPools</c>: the remote job
/// types this node runs, the pool group types it starts, and the <c>actor-pool.cluster</c> keys.
/// Every setting is nullable: <see langword="null"/> keeps the value from HOCON (the application's
/// <c>actor-pool.cluster</c> block, else HOCON/cluster.conf, where each key is documented).
/// </summary>
/// <remarks>
/// The settings are checked when the actor system starts, by the same rules as HOCON: a bad value
/// fails the start, naming its key.
/// </remarks>
public sealed class ClusterPoolsOptions
{
    private readonly List<Action<ClusterPools>> _jobs = [];
    private readonly List<GroupType> _groupTypes = [];

    /// <summary><c>remember-groups</c>: whether a moved group restarts at once on its new node. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public bool? RememberGroups { get; set; }

    /// <summary><c>state.write-timeout</c>: how long a change of a group's state waits for a majority. <value>The default value is <see langword="null"/> (HOCON: 3 s).</value></summary>
    public TimeSpan? StateWriteTimeout { get; set; }

    /// <summary><c>state.read-timeout</c>: how long a starting group waits to read its state from a majority. <value>The default value is <see langword="null"/> (HOCON: 2 s).</value></summary>
    public TimeSpan? StateReadTimeout { get; set; }

    /// <summary><c>load.publish-interval</c>: how often this node shares its load. <value>The default value is <see langword="null"/> (HOCON: 2 s).</value></summary>
    public TimeSpan? LoadPublishInterval { get; set; }

    /// <summary><c>load.stale-after</c>: when a node's shared load stops being trusted. <value>The default value is <see langword="null"/> (HOCON: 15 s).</value></summary>
    public TimeSpan? LoadStaleAfter { get; set; }

    /// <summary><c>placement.load-tolerance</c>: the width of a load band. <value>The default value is <see langword="null"/> (HOCON: 0.1).</value></summary>
    public double? LoadTolerance { get; set; }

    /// <summary><c>placement.rebalance-threshold</c>: how many more groups the fullest node hosts before one moves. <value>The default value is <see langword="null"/> (HOCON: 3).</value></summary>
    public int? RebalanceThreshold { get; set; }

    /// <summary><c>failover.check-interval</c>: how often overdue remote jobs are failed back. <value>The default value is <see langword="null"/> (HOCON: 1 s).</value></summary>
    public TimeSpan? FailoverCheckInterval { get; set; }

    /// <summary>The group types to start, in the order added.</summary>
    internal IReadOnlyList<GroupType> GroupTypes => _groupTypes;

    /// <summary>The job registrations, in the order added.</summary>
    internal IReadOnlyList<Action<ClusterPools>> Jobs => _jobs;

    /// <summary>
    /// Lets this node run <typeparamref name="TJob"/> for the groups it hosts, as
    /// <see cref="ClusterPools.RegisterJob{TJob}"/> does; register it on every node that may host them.
    /// </summary>
    /// <typeparam name="TJob">A public class implementing <see cref="IProcessJob{TArgument, TResult}"/> with a public parameterless constructor.</typeparam>
    /// <returns>These options.</returns>
    public ClusterPoolsOptions RegisterJob<TJob>()
        where TJob : class, new()
    {
        _jobs.Add(pools => pools.RegisterJob<TJob>());
        return this;
    }

    /// <summary>
    /// Starts the pool group type <paramref name="typeName"/> with the actor system (its region, or
    /// a proxy on a node without its roles); reach it with <see cref="ClusterPools"/> (<c>Tell</c>, <c>AskAsync</c>, <c>SubmitAsync</c>).
    /// </summary>
    /// <param name="typeName">The group type, unique in the cluster, e.g. <c>tenants</c>.</param>
    /// <param name="configure">Its settings and roles.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentException"><paramref name="typeName"/> is empty or added twice.</exception>
    public ClusterPoolsOptions AddGroupType(string typeName, Action<PoolGroupOptions>? configure = null) =>
        Add(typeName, null, configure);

    /// <summary>
    /// As <see cref="AddGroupType(string, Action{PoolGroupOptions}?)"/>, and registers the region in
    /// the <c>ActorRegistry</c> under <typeparamref name="TKey"/>, so it can be injected as
    /// <c>IRequiredActor&lt;TKey&gt;</c>; send it <see cref="PoolEnvelope"/>s.
    /// </summary>
    /// <typeparam name="TKey">The registry key.</typeparam>
    /// <param name="typeName">The group type.</param>
    /// <param name="configure">Its settings and roles.</param>
    /// <returns>These options.</returns>
    public ClusterPoolsOptions AddGroupType<TKey>(string typeName, Action<PoolGroupOptions>? configure = null) =>
        Add(typeName, typeof(TKey), configure);

    /// <summary>The options that are set, as HOCON keys relative to <c>actor-pool.cluster</c>.</summary>
    internal string ToHocon()
    {
        var hocon = new StringBuilder();
        if (RememberGroups is { } remember)
        {
            hocon.Append("remember-groups = ").AppendLine(remember ? "on" : "off");
        }
        Add(hocon, "state.write-timeout", StateWriteTimeout);
        Add(hocon, "state.read-timeout", StateReadTimeout);
        Add(hocon, "load.publish-interval", LoadPublishInterval);
        Add(hocon, "load.stale-after", LoadStaleAfter);
        if (LoadTolerance is { } tolerance)
        {
            hocon.Append("placement.load-tolerance = ").AppendLine(tolerance.ToString("R", CultureInfo.InvariantCulture));
        }
        if (RebalanceThreshold is { } threshold)
        {
            hocon.Append("placement.rebalance-threshold = ").AppendLine(threshold.ToString(CultureInfo.InvariantCulture));
        }
        Add(hocon, "failover.check-interval", FailoverCheckInterval);
        return hocon.ToString();
    }

    private ClusterPoolsOptions Add(string typeName, Type? registryKey, Action<PoolGroupOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        if (_groupTypes.Any(t => t.Name == typeName))
        {
            throw new ArgumentException($"Pool group type [{typeName}] is added twice; each type is started once per node.", nameof(typeName));
        }
        var options = new PoolGroupOptions();
        configure?.Invoke(options);
        _groupTypes.Add(new GroupType(typeName, registryKey, options));
        return this;
    }

    // Milliseconds keep every TimeSpan a user would give; a negative one stays negative, so the
    // settings reader names it instead of it being lost here.
    private static void Add(StringBuilder hocon, string key, TimeSpan? value)
    {
        if (value is { } v)
        {
            hocon.Append(key).Append(" = ").Append(v.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)).AppendLine("ms");
        }
    }

    /// <summary>One group type to start: its name, its registry key if any, its options.</summary>
    internal sealed record GroupType(string Name, Type? RegistryKey, PoolGroupOptions Options);
}
