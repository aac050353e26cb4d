namespace ActorPool.Cluster.Internal.Placement;

/// <summary>
/// Where a new pool group goes and which groups move, as plain rules over made-up or real nodes:
/// no actors, no cluster, no clock (the caller passes <c>now</c>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Allocation.</b> Among the available nodes (Up, reachable) that have every required role,
/// leave out the overloaded ones unless all are; then keep the least loaded: the nodes whose load
/// score is within <c>placement.load-tolerance</c> of the lowest score; then take the one with the
/// fewest groups; then the lowest address. A group placed on a node after its load was sampled
/// counts as one <c>load-tolerance</c> step on that node's score until its next sample, so a burst
/// of new groups spreads instead of piling on the node that happened to sample lowest. A node whose load is unknown (none shared yet, or
/// older than <c>load.stale-after</c>) is neither overloaded nor scored: it counts as one of the
/// least loaded, so the group count decides for it, as in Akka.NET's least-shard strategy.
/// </para>
/// <para>
/// <b>Rebalance.</b> At most <see cref="RebalanceLimits.For"/> moves per round, less the moves
/// still in progress. First, when a healthy node (available, every role, not overloaded) exists,
/// groups leave overloaded nodes and nodes missing a required role, the fullest first. Otherwise
/// one group leaves the fullest healthy node when it hosts at least <c>rebalance-threshold</c>
/// more groups than the node allocation would pick now. Unavailable nodes are never a source,
/// and never a target because allocation skips them.
/// </para>
/// </remarks>
/*
 * Design notes. Why bands relative to the least loaded node, not floor(score / tolerance): CPU
 * ratios jitter by a few percent between samples, and fixed bands split 0.29 and 0.31 as surely
 * as 0.29 and 0.39, so a burst of new groups would pile on whichever node sampled just under a
 * boundary. Within the band the group count spreads groups evenly, which also keeps the count
 * rule below quiet in a steady cluster (every move is a hand-off, and a hand-off that meets a
 * node crash costs a whole handoff-timeout).
 * Why unknown load is neutral rather than idle or last: idle (band 0) would send every group of
 * a burst to a node that joined a second ago and has not published yet; last would starve a
 * node whose load can never be read. Neutral gives such a node its share by group count, which
 * is all that is known about it.
 * No ping-pong: the count rule compares the fullest node with the node allocation picks, the
 * place the moved group will go, and needs a gap of at least 2 (the settings refuse a threshold
 * of 1): a move then lowers the sum of squared counts, so with steady loads moves stop.
 * Groups only leave overloaded or role-less nodes for healthy ones, which allocation prefers.
 * Cost: O(n log n) in nodes per decision; the coordinator calls it once per new group and once
 * per rebalance-interval.
 */
internal sealed class PlacementRules
{
    private readonly IReadOnlyCollection<string> _requiredRoles;
    private readonly double _loadTolerance;
    private readonly TimeSpan _staleAfter;
    private readonly int _rebalanceThreshold;
    private readonly RebalanceLimits _limits;

    public PlacementRules(IReadOnlyCollection<string> requiredRoles, double loadTolerance, TimeSpan staleAfter, int rebalanceThreshold, RebalanceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(requiredRoles);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(loadTolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(rebalanceThreshold, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Absolute, 1, nameof(limits));
        _requiredRoles = requiredRoles;
        _loadTolerance = loadTolerance;
        _staleAfter = staleAfter;
        _rebalanceThreshold = rebalanceThreshold;
        _limits = limits;
    }

    public IReadOnlyCollection<string> RequiredRoles => _requiredRoles;

    /// <summary>The node a new group goes to, or null when no available node has every required role.</summary>
    public PlacementNode<T>? Allocate<T>(IReadOnlyList<PlacementNode<T>> nodes, DateTimeOffset now)
    {
        var eligible = nodes.Where(n => n.Available && HasRoles(n)).ToList();
        var healthy = eligible.Where(n => !IsOverloaded(n, now)).ToList();
        return LeastLoaded(healthy.Count > 0 ? healthy : eligible, now);
    }

    /// <summary>The groups to move now; none when nothing should.</summary>
    public RebalanceDecision Rebalance<T>(IReadOnlyList<PlacementNode<T>> nodes, IReadOnlySet<string> inProgress, DateTimeOffset now)
    {
        var budget = _limits.For(nodes.Sum(n => n.Shards.Count)) - inProgress.Count;
        if (budget <= 0)
        {
            return RebalanceDecision.None($"{inProgress.Count} moves still in progress");
        }
        var available = nodes.Where(n => n.Available).ToList();
        var healthy = available.Where(n => HasRoles(n) && !IsOverloaded(n, now)).ToList();
        if (healthy.Count == 0)
        {
            return RebalanceDecision.None("no available node is healthy (every required role, not overloaded)");
        }

        var draining = available
            .Where(n => !HasRoles(n) || IsOverloaded(n, now))
            .OrderByDescending(n => n.Shards.Count)
            .ThenBy(n => n.Address, StringComparer.Ordinal)
            .ToList();
        var moves = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (var node in draining)
        {
            var before = moves.Count;
            foreach (var shard in node.Shards)
            {
                if (moves.Count < budget && !inProgress.Contains(shard))
                {
                    moves.Add(shard);
                }
            }
            if (moves.Count > before)
            {
                sources.Add($"{node.Address} ({(HasRoles(node) ? "overloaded" : "missing a required role")})");
            }
        }
        if (moves.Count > 0)
        {
            return new RebalanceDecision(moves, "off " + string.Join(", ", sources));
        }

        var target = Allocate(nodes, now)!;
        var fullest = healthy
            .OrderByDescending(n => n.Shards.Count)
            .ThenBy(n => n.Address, StringComparer.Ordinal)
            .First();
        var gap = fullest.Shards.Count - target.Shards.Count;
        if (fullest.Address == target.Address || gap < _rebalanceThreshold)
        {
            return RebalanceDecision.None("balanced");
        }
        // The newest group: the one that has had least time to warm its pools.
        var group = fullest.Shards.LastOrDefault(s => !inProgress.Contains(s));
        return group is null
            ? RebalanceDecision.None($"every group of {fullest.Address} is already moving")
            : new RebalanceDecision(new HashSet<string>(StringComparer.Ordinal) { group },
                $"{fullest.Address} hosts {fullest.Shards.Count} groups, {gap} more than {target.Address}");
    }

    /// <summary>The node's load if it is fresh enough to trust, else null (unknown).</summary>
    public NodeLoad? TrustedLoad<T>(PlacementNode<T> node, DateTimeOffset now) =>
        node.Load is { } load && now - load.At <= _staleAfter ? load : null;

    private bool HasRoles<T>(PlacementNode<T> node) => _requiredRoles.All(node.Roles.Contains);

    private bool IsOverloaded<T>(PlacementNode<T> node, DateTimeOffset now) => TrustedLoad(node, now)?.Overloaded == true;

    private PlacementNode<T>? LeastLoaded<T>(List<PlacementNode<T>> candidates, DateTimeOffset now)
    {
        var known = candidates.Select(n => TrustedLoad(n, now)?.Score).ToList();
        // Unknown load is neutral: the least known score (0 when none is known).
        var neutral = known.Where(s => s is not null).DefaultIfEmpty(0).Min() ?? 0;
        // A group placed since the node's sample is not in it yet: assume it costs one band.
        var scores = candidates.Select((n, i) => (known[i] ?? neutral) + (n.PlacedSinceLoad * _loadTolerance)).ToList();
        var lowest = scores.DefaultIfEmpty(0).Min();
        return candidates
            .Where((_, i) => scores[i] <= lowest + _loadTolerance)
            .OrderBy(n => n.Shards.Count)
            .ThenBy(n => n.Address, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
