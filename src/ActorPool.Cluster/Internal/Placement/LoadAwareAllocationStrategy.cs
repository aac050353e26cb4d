using System.Collections.Immutable;
using ActorPool.Cluster.Internal.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Placement;

/// <summary>
/// The shard allocation strategy of every pool group type (one shard per group): it feeds
/// <see cref="PlacementRules"/> from the coordinator's allocations, the cluster state and the
/// <see cref="LoadBoard"/>.
/// </summary>
/// <remarks>
/// <para>
/// A new group goes to the least loaded available node (Up and reachable) with every required
/// role: overloaded nodes are skipped unless all are; nodes within <c>placement.load-tolerance</c>
/// of the lowest load score count as equally loaded, and the fewest groups, then the lowest
/// address, decide among them. A node with no load shared, or one older than
/// <c>load.stale-after</c>, counts as one of the least loaded.
/// </para>
/// <para>
/// Each <c>rebalance-interval</c> at most min(<c>rebalance-absolute-limit</c>,
/// <c>rebalance-relative-limit</c> x groups), at least 1, less the moves in progress, leave
/// overloaded nodes and nodes missing a role, for healthy ones; with none to leave, one group
/// leaves the fullest healthy node when it hosts <c>placement.rebalance-threshold</c> or more
/// groups than the node allocation picks. A group never moves onto or off an unavailable node,
/// and nothing moves while any member is unreachable or still joining (as Akka.NET's own
/// least-shard strategy does): a hand-off meeting a crash waits out the whole handoff-timeout.
/// </para>
/// <para>
/// With no available node that has the roles, the allocation fails with a message naming them:
/// the coordinator logs it, and the requesting region keeps the group's messages and asks again
/// every <c>retry-interval</c>, so the group starts as soon as such a node is Up. (The requester
/// is not a fallback: it is one of the nodes just found unfit. Akka.NET's own strategy instead
/// waits in a loop that never ends if no node comes; its default, returning any node, would run
/// a GPU group on a node without a GPU.)
/// </para>
/// <para>Runs inside the shard coordinator and answers from local state, without waiting.</para>
/// </remarks>
internal sealed class LoadAwareAllocationStrategy(
    string typeName, IReadOnlyCollection<string> requiredRoles, ClusterPoolsSettings settings, LoadBoard board, TimeProvider? time = null)
    : IActorSystemDependentAllocationStrategy
{
    private static readonly ImmutableHashSet<MemberStatus> s_joining = [MemberStatus.Joining, MemberStatus.WeaklyUp];
    private static readonly Task<IImmutableSet<string>> s_nothing = Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private Akka.Cluster.Cluster? _cluster;
    private ILoggingAdapter _log = NoLogger.Instance;
    private PlacementRules? _rules;

    // When this strategy placed a group on each node: a node's load sample taken before a
    // placement cannot show it. Only the coordinator's thread calls the strategy.
    private readonly Dictionary<string, List<DateTimeOffset>> _placed = new(StringComparer.Ordinal);

    public void Start(ActorSystem system)
    {
        _cluster = Akka.Cluster.Cluster.Get(system);
        _log = Logging.GetLogger(system, typeof(LoadAwareAllocationStrategy));
        _rules = new PlacementRules(requiredRoles, settings.LoadTolerance, settings.LoadStaleAfter, settings.RebalanceThreshold,
            RebalanceLimits.From(ClusterShardingSettings.Create(system).TuningParameters));
    }

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        var rules = Rules();
        var now = _time.GetUtcNow();
        if (rules.Allocate(Nodes(currentShardAllocations), now) is { } node)
        {
            Placed(node.Address, now);
            return Task.FromResult(node.Region);
        }
        return Task.FromException<IActorRef>(new InvalidOperationException(
            $"Pool group [{shardId}] of [{typeName}] has no node to run on: no Up, reachable node hosting [{typeName}] has the roles "
            + $"[{string.Join(", ", rules.RequiredRoles)}]. Its messages wait in the region, which asks again every retry-interval."));
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        var rules = Rules();
        var state = _cluster!.State;
        if (!state.Unreachable.IsEmpty || state.Members.Any(m => s_joining.Contains(m.Status)))
        {
            return s_nothing;
        }
        var inProgress = rebalanceInProgress as IReadOnlySet<string> ?? rebalanceInProgress.ToHashSet(StringComparer.Ordinal);
        var decision = rules.Rebalance(Nodes(currentShardAllocations), inProgress, _time.GetUtcNow());
        if (decision.Groups.Count == 0)
        {
            return s_nothing;
        }
        ClusterLog.GroupsMoving(_log, decision.Groups, typeName, decision.Reason);
        return Task.FromResult<IImmutableSet<string>>(decision.Groups.ToImmutableHashSet(StringComparer.Ordinal));
    }

    private PlacementRules Rules() =>
        _rules ?? throw new InvalidOperationException("LoadAwareAllocationStrategy.Start was not called: the shard coordinator starts it.");

    private List<PlacementNode<IActorRef>> Nodes(IImmutableDictionary<IActorRef, IImmutableList<string>> allocations)
    {
        var cluster = _cluster!;
        var state = cluster.State;
        var members = state.Members.ToDictionary(m => m.Address);
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var loads = board.Loads;
        var nodes = new List<PlacementNode<IActorRef>>(allocations.Count);
        foreach (var (region, shards) in allocations)
        {
            // The coordinator's own region has a local path, with no host.
            var address = region.Path.Address.HasGlobalScope ? region.Path.Address : cluster.SelfAddress;
            members.TryGetValue(address, out var member);
            var key = address.ToString();
            var load = loads.GetValueOrDefault(key);
            nodes.Add(new PlacementNode<IActorRef>(
                region,
                key,
                member?.Roles ?? ImmutableHashSet<string>.Empty,
                load,
                shards,
                Available: member is { Status: var status } && status == MemberStatus.Up && !unreachable.Contains(address),
                PlacedSinceLoad: _placed.GetValueOrDefault(key)?.Count(at => load is null || at > load.At) ?? 0));
        }
        return nodes;
    }

    private void Placed(string address, DateTimeOffset now)
    {
        if (!_placed.TryGetValue(address, out var times))
        {
            _placed[address] = times = [];
        }
        // Older than stale-after, a placement is in every sample that is still trusted; a node with
        // no trusted sample counts the placements of that window.
        times.RemoveAll(at => now - at > settings.LoadStaleAfter);
        times.Add(now);
    }
}
