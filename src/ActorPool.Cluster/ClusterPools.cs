using System.Collections.Concurrent;
using System.Text.Json;
using ActorPool.Cluster.Internal;
using ActorPool.Cluster.Internal.Groups;
using ActorPool.Cluster.Internal.Jobs;
using ActorPool.Cluster.Internal.Leases;
using ActorPool.Cluster.Internal.Placement;
using ActorPool.Process;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.DistributedData;

namespace ActorPool.Cluster;

/// <summary>
/// Pool groups across an Akka.NET cluster. A pool group (a tenant, a device fleet, a capability
/// set) is one <c>PoolSupervisor</c> run as a Cluster Sharding entity: placed on the least loaded
/// node that has the group type's roles, moved off overloaded nodes in bounded steps, restarted
/// elsewhere, with its kept units and bounds, when its node leaves or is lost.
/// </summary>
/// <example>
/// <code>
/// var pools = ClusterPools.Get(system);                     // akka.actor.provider = cluster
/// await pools.StartAsync("tenants", PoolSettings.Create(system));
/// pools.Tell("tenants", "tenant-42", new ScaleChanged(31));
/// var size = await pools.SubmitAsync&lt;Resize, ResizeRequest, ResizeResult&gt;(
///     "tenants", "tenant-42", request, TimeSpan.FromSeconds(30)); // runs where tenant-42 lives
/// </code>
/// </example>
/// <remarks>
/// The system's configuration must include <see cref="DefaultConfig"/> (its serializers and the
/// split brain resolver are read when the system starts). Call <see cref="Get"/> right after
/// creating the system, before it joins the cluster. All members are thread-safe.
/// </remarks>
public sealed class ClusterPools : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly JobCatalog _jobs = new();
    private readonly LoadBoard _board = new();
    private readonly LoadOverride _loadOverride = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IActorRef>>> _regions = new(StringComparer.Ordinal);
    private readonly IActorRef _tracker;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly IActorRef _leases;

    internal ClusterPools(ExtendedActorSystem system)
    {
        _system = system;
        if (system.Provider is not IClusterActorRefProvider)
        {
            throw new InvalidOperationException(
                "ClusterPools needs a cluster: set akka.actor.provider = cluster in the actor system's configuration.");
        }
        if (!system.Settings.Config.HasPath("akka.actor.serializers.actor-pool-json"))
        {
            throw new InvalidOperationException(
                "ClusterPools' serializers are not configured: create the actor system with "
                + "yourConfig.WithFallback(ClusterPools.DefaultConfig()), or use WithClusterPools(...) with Akka.Hosting. "
                + "Akka.NET reads serializers and the split brain resolver only when the system starts.");
        }
        ClusterConfig.EnsureInjected(system);
        Settings = ClusterPoolsSettings.Create(system);
        // Distributed Data now, not when an actor first asks for it: its serializer must be
        // registered before gossip from other nodes arrives (group state, node load, sharding).
        DistributedData.Get(system);
        foreach (var type in Settings.JobTypes)
        {
            _jobs.Register(type);
        }
        system.SystemActorOf(LoadPublisher.Props(_board, Settings.LoadPublishInterval, _loadOverride), "actor-pool-cluster-load");
        _tracker = system.SystemActorOf(
            JobTracker.Props(Settings.FailoverCheckInterval, _clock, typeName => GetClusterStatusAsync(typeName, TimeSpan.FromSeconds(10))),
            "actor-pool-cluster");
        _leases = system.SystemActorOf(LeaseTracker.Props(_tracker, Settings.FailoverCheckInterval, _clock), "actor-pool-cluster-leases");
    }

    /// <summary>
    /// This node's cluster-pools actor (<c>/system/actor-pool-cluster</c>): it tracks the remote
    /// jobs sent from this node, and answers <see cref="GetClusterPoolStatus"/> for actors that
    /// prefer a message to <see cref="GetClusterStatusAsync"/>.
    /// </summary>
    public IActorRef Ref => _tracker;

    /// <summary>The <c>actor-pool.cluster</c> settings this node runs with.</summary>
    public ClusterPoolsSettings Settings { get; }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    /// <param name="system">An actor system with <c>akka.actor.provider = cluster</c> and <see cref="DefaultConfig"/>.</param>
    /// <returns>The extension.</returns>
    /// <exception cref="InvalidOperationException">The system is no cluster system, or lacks <see cref="DefaultConfig"/>.</exception>
    /// <exception cref="ArgumentException">The <c>actor-pool.cluster</c> block has a bad value or an unknown key.</exception>
    public static ClusterPools Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<ClusterPools, ClusterPoolsProvider>();
    }

    /// <summary>
    /// The module's defaults (HOCON/cluster.conf): <c>actor-pool.cluster</c>, the serializers, the
    /// split brain resolver, failure detector and sharding values the failover budget is computed
    /// from, over Akka's own sharding, Distributed Data and singleton defaults (so that every
    /// serializer binding is there when the system starts). Use it as the lowest fallback of the
    /// system's configuration.
    /// </summary>
    /// <returns>The embedded configuration.</returns>
    public static Config DefaultConfig() => ClusterConfig.SystemDefaults;

    /// <summary>Lets this node run <typeparamref name="TJob"/> for groups it hosts (the allow-list; see <c>actor-pool.cluster.job-types</c>).</summary>
    /// <typeparam name="TJob">A public class implementing <see cref="IProcessJob{TArgument, TResult}"/> with a public parameterless constructor.</typeparam>
    /// <returns>This extension.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TJob"/> is no portable job type.</exception>
    public ClusterPools RegisterJob<TJob>()
        where TJob : class, new()
    {
        _jobs.Register(typeof(TJob));
        return this;
    }

    /// <summary>
    /// Starts hosting groups of <paramref name="typeName"/> on this node: each group is a
    /// <c>PoolSupervisor</c> made from <paramref name="settings"/> and its kept changes. Call it on
    /// every node with the same arguments; a node without the first of
    /// <paramref name="requiredRoles"/> (alphabetically) gets a proxy instead.
    /// </summary>
    /// <param name="typeName">The group type, unique in the cluster, e.g. <c>tenants</c>.</param>
    /// <param name="settings">Each group's supervisor settings.</param>
    /// <param name="requiredRoles">Cluster roles a hosting node must all have; none for any node.</param>
    /// <returns>The region (or proxy): send it <see cref="PoolEnvelope"/>s.</returns>
    /// <exception cref="ArgumentException"><paramref name="typeName"/> is empty.</exception>
    public Task<IActorRef> StartAsync(string typeName, PoolSettings settings, IEnumerable<string>? requiredRoles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var roles = Roles(requiredRoles);
        // Sharding's role is the first required role, and every node with it runs a region, even
        // one lacking another role: the coordinator singleton runs on the oldest node with that
        // role and would never start if that node had only a proxy. The allocation strategy keeps
        // groups off such a node.
        if (roles.Count > 0 && !Akka.Cluster.Cluster.Get(_system).SelfRoles.Contains(roles[0]))
        {
            return StartProxyAsync(typeName, roles);
        }
        return Remember(typeName, () =>
        {
            // The extension first: it adds sharding's defaults, which its settings read.
            var clusterSharding = ClusterSharding.Get(_system);
            var sharding = ClusterShardingSettings.Create(_system)
                .WithRole(roles.Count > 0 ? roles[0] : null)
                .WithRememberEntities(Settings.RememberGroups);
            var store = new GroupStore(DistributedData.Get(_system).Replicator, Akka.Cluster.Cluster.Get(_system).SelfUniqueAddress, typeName, Settings);
            return clusterSharding.StartAsync(
                typeName,
                groupId => GroupEntity.Props(groupId, settings, _jobs, store),
                sharding,
                new GroupMessageExtractor(),
                new LoadAwareAllocationStrategy(typeName, roles, Settings, _board),
                GroupHandOff.Instance);
        });
    }

    /// <summary>Starts a proxy to the groups of <paramref name="typeName"/> on a node that hosts none.</summary>
    /// <param name="typeName">The group type.</param>
    /// <param name="requiredRoles">The roles the hosting nodes passed to <see cref="StartAsync"/>.</param>
    /// <returns>The proxy: send it <see cref="PoolEnvelope"/>s.</returns>
    public Task<IActorRef> StartProxyAsync(string typeName, IEnumerable<string>? requiredRoles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        var roles = Roles(requiredRoles);
        return Remember(typeName, () => ClusterSharding.Get(_system).StartProxyAsync(
            typeName, roles.Count > 0 ? roles[0] : null!, new GroupMessageExtractor()));
    }

    /// <summary>The region or proxy of <paramref name="typeName"/> on this node.</summary>
    /// <param name="typeName">The group type.</param>
    /// <returns>The region.</returns>
    /// <exception cref="InvalidOperationException">Neither <see cref="StartAsync"/> nor <see cref="StartProxyAsync"/> ran for it, or it has not finished.</exception>
    public IActorRef Region(string typeName) =>
        _regions.TryGetValue(typeName, out var region) && region.Value.IsCompletedSuccessfully
            ? region.Value.Result
            : throw new InvalidOperationException(
                $"Pool group type [{typeName}] is not started on this node: await ClusterPools.StartAsync or StartProxyAsync first.");

    /// <summary>Sends <paramref name="message"/> to group <paramref name="groupId"/>, e.g. a <see cref="ScaleChanged"/>.</summary>
    /// <param name="typeName">The group type.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="message">A portable message (see <see cref="PoolEnvelope"/>).</param>
    /// <param name="sender">Who gets the reply, if any.</param>
    public void Tell(string typeName, string groupId, object message, IActorRef? sender = null) =>
        Region(typeName).Tell(new PoolEnvelope(groupId, message), sender ?? ActorRefs.NoSender);

    /// <summary>Sends <paramref name="message"/> to group <paramref name="groupId"/> and returns its reply.</summary>
    /// <typeparam name="T">The reply type.</typeparam>
    /// <param name="typeName">The group type.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="message">A portable message.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <returns>The reply; a <see cref="Status.Failure"/> reply fails the task with its cause.</returns>
    public Task<T> AskAsync<T>(string typeName, string groupId, object message, TimeSpan timeout)
    {
        PoolEnvelope envelope;
        try
        {
            envelope = new PoolEnvelope(groupId, message);
        }
        catch (Exception e) when (e is ArgumentException or NotPortableJobException)
        {
            return Task.FromException<T>(e);
        }
        return Region(typeName).Ask<T>(envelope, timeout);
    }

    /// <summary>The status of group <paramref name="groupId"/>'s supervisor, wherever it lives.</summary>
    /// <param name="typeName">The group type.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The status.</returns>
    public Task<PoolStatus> GetStatusAsync(string typeName, string groupId, TimeSpan timeout) =>
        AskAsync<PoolStatus>(typeName, groupId, GetPoolStatus.Instance, timeout);

    /// <summary>
    /// Runs <typeparamref name="TJob"/> on <paramref name="argument"/> on group
    /// <paramref name="groupId"/>, wherever it lives, and answers exactly once: the job's result;
    /// <see cref="RemoteJobException"/> (it threw there, or its type is not registered there);
    /// the pool's own errors (<see cref="JobTimeoutException"/>, <see cref="JobRejectedException"/>,
    /// <see cref="WorkerCrashedException"/>); <see cref="GroupLostException"/> when the node that
    /// accepted it is removed from the cluster before it answered (it may have run); or
    /// <see cref="TimeoutException"/> when <paramref name="timeout"/> passes first. It is sent once
    /// and never re-sent, so it runs at most once.
    /// </summary>
    /// <typeparam name="TJob">A portable job type, registered on the nodes that host the group.</typeparam>
    /// <typeparam name="TArgument">Its argument type; System.Text.Json must round-trip it.</typeparam>
    /// <typeparam name="TResult">Its result type; System.Text.Json must round-trip it.</typeparam>
    /// <param name="typeName">The group type.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="argument">The argument, serialized on the calling thread.</param>
    /// <param name="timeout">How long from now until the caller gives up; the job's own timeout on its pool too.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public async Task<TResult> SubmitAsync<TJob, TArgument, TResult>(string typeName, string groupId, TArgument argument, TimeSpan timeout)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var region = Region(typeName);
        string json;
        try
        {
            json = JsonSerializer.Serialize(argument);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new NotPortableJobException($"The argument of {typeof(TJob)} cannot be serialized with System.Text.Json: {e.Message}", e);
        }
        var result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tracker.Tell(new JobTracker.Track(region, groupId, JobCatalog.NameOf(typeof(TJob)), json, _clock.GetUtcNow() + timeout, result));
        return JsonSerializer.Deserialize<TResult>(await result.Task.ConfigureAwait(false))!;
    }

    /// <summary>
    /// Leases one pool of group <paramref name="groupId"/>, wherever it lives: the group's node
    /// acquires a core lease with <paramref name="holder"/> as its holder and keeps its
    /// <see cref="ILeasedExecutor"/>; the returned handle runs registered portable jobs on it.
    /// </summary>
    /// <param name="typeName">The group type.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="leaseFor">How long the lease lasts before it expires (soft expiry); at most <c>lease.max-total</c>.</param>
    /// <param name="waitUpTo">How long to wait for a free pool: zero fails fast, <see cref="Timeout.InfiniteTimeSpan"/> waits until one is free.</param>
    /// <param name="holder">The actor, on any node, whose death releases the lease and that receives
    /// <see cref="LeaseExpiring"/>, <see cref="LeaseRevoked"/> and <see cref="LeaseLost"/>;
    /// <see langword="null"/> for this node's cluster-pools actor, so the lease is released when
    /// this node goes away.</param>
    /// <returns>The lease's handle. Fails with <see cref="LeaseUnavailableException"/> (no pool within
    /// <paramref name="waitUpTo"/>, or the group is moving), <see cref="ArgumentException"/>
    /// (<paramref name="leaseFor"/> above the group's <c>lease.max-total</c>),
    /// <see cref="GroupLostException"/> (the group's node was removed while the request waited there), or
    /// <see cref="TimeoutException"/> (no answer within <paramref name="waitUpTo"/> plus 30 s).</returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaseFor"/> or <paramref name="waitUpTo"/> is out of range (see <see cref="AcquireRemoteLease"/>).</exception>
    /// <exception cref="InvalidOperationException"><paramref name="typeName"/> is not started on this node.</exception>
    public Task<RemoteLeasedExecutor> AcquireLeaseAsync(string typeName, string groupId, TimeSpan leaseFor, TimeSpan waitUpTo, IActorRef? holder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var request = new AcquireRemoteLease(leaseFor, waitUpTo, holder);
        var region = Region(typeName);
        var result = new TaskCompletionSource<RemoteLeasedExecutor>(TaskCreationOptions.RunContinuationsAsynchronously);
        _leases.Tell(new LeaseTracker.Acquire(region, groupId, request, result));
        return result.Task;
    }

    /// <summary>
    /// Every group of <paramref name="typeName"/> with its node and status, and every node's load.
    /// The group list comes from the shard coordinator; each group is then asked for its status.
    /// </summary>
    /// <param name="typeName">The group type.</param>
    /// <param name="timeout">How long to wait in all.</param>
    /// <returns>The status.</returns>
    public async Task<ClusterPoolStatus> GetClusterStatusAsync(string typeName, TimeSpan timeout)
    {
        var region = Region(typeName);
        var half = timeout / 2;
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(half), timeout).ConfigureAwait(false);
        var asks = stats.Regions
            .SelectMany(r => r.Value.Stats.Keys.Select(groupId => (Node: r.Key.ToString(), GroupId: groupId)))
            .Select(async g =>
            {
                try
                {
                    var status = await region.Ask<PoolStatus>(new PoolEnvelope(g.GroupId, GetPoolStatus.Instance), half).ConfigureAwait(false);
                    return (g.GroupId, Status: new GroupStatus(g.GroupId, g.Node, status));
                }
                catch (AskTimeoutException)
                {
                    return (g.GroupId, Status: (GroupStatus?)null);
                }
            })
            .ToList();
        var answers = await Task.WhenAll(asks).ConfigureAwait(false);
        return new ClusterPoolStatus(
            typeName,
            [.. answers.Where(a => a.Status is not null).Select(a => a.Status!).OrderBy(s => s.GroupId, StringComparer.Ordinal)],
            [.. answers.Where(a => a.Status is null).Select(a => a.GroupId).Order(StringComparer.Ordinal)],
            [.. _board.Loads.Values.OrderBy(l => l.Address, StringComparer.Ordinal)]);
    }

    /// <summary>Every node's load as this node last heard it (the allocation strategy's view).</summary>
    internal LoadBoard LoadBoard => _board;

    /// <summary>
    /// Makes this node share <paramref name="source"/>'s load (its address replaced by this node's)
    /// instead of its <c>SystemLoad</c> snapshot, from the next <c>load.publish-interval</c>; null
    /// goes back to <c>SystemLoad</c>. Internal: tests pin each in-process node's load with it.
    /// </summary>
    internal void UseLoadSource(Func<NodeLoad>? source) => _loadOverride.Source = source;

    private Task<IActorRef> Remember(string typeName, Func<Task<IActorRef>> start) =>
        _regions.GetOrAdd(typeName, _ => new Lazy<Task<IActorRef>>(start)).Value;

    private static List<string> Roles(IEnumerable<string>? requiredRoles) =>
        requiredRoles is null ? [] : [.. requiredRoles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>Creates <see cref="ClusterPools"/> once per actor system.</summary>
public sealed class ClusterPoolsProvider : ExtensionIdProvider<ClusterPools>
{
    /// <inheritdoc/>
    public override ClusterPools CreateExtension(ExtendedActorSystem system) => new(system);
}
