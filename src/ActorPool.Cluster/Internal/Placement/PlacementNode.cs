namespace ActorPool.Cluster.Internal.Placement;

/// <summary>One node hosting a region of a group type, as <see cref="PlacementRules"/> sees it.</summary>
/// <typeparam name="TRegion">The region handle: an <c>IActorRef</c> in the strategy, anything in tests.</typeparam>
/// <param name="Region">The node's region, returned as the allocation.</param>
/// <param name="Address">The node's address, the last tie-break so every decision is stable.</param>
/// <param name="Roles">The node's cluster roles.</param>
/// <param name="Load">The node's last shared load; null when none is known (see <see cref="PlacementRules"/> for stale loads).</param>
/// <param name="Shards">The groups the node hosts now, in the coordinator's order (oldest first).</param>
/// <param name="Available">
/// Whether the node is Up and reachable. An unavailable node is neither a target nor a source: a
/// hand-off from or to an unreachable node waits for sharding's whole handoff-timeout before the
/// group can start anywhere (the Java reference measured failover 5x slower until it learnt this),
/// and a leaving node's groups move through sharding's own graceful hand-off.
/// </param>
/// <param name="PlacedSinceLoad">
/// Groups placed on the node after its load was sampled (or lately, when its load is unknown): the
/// sample cannot show them yet, so each counts as one <c>load-tolerance</c> step on top of it (see
/// <see cref="PlacementRules"/>).
/// </param>
internal sealed record PlacementNode<TRegion>(
    TRegion Region,
    string Address,
    IReadOnlySet<string> Roles,
    NodeLoad? Load,
    IReadOnlyList<string> Shards,
    bool Available,
    int PlacedSinceLoad = 0);

/// <summary>The groups to move in one rebalance round, and why (for the log).</summary>
/// <param name="Groups">The groups to hand off; the coordinator then allocates each again.</param>
/// <param name="Reason">Why they move, or why nothing moves.</param>
internal sealed record RebalanceDecision(IReadOnlySet<string> Groups, string Reason)
{
    public static RebalanceDecision None(string reason) => new(new HashSet<string>(StringComparer.Ordinal), reason);
}

/// <summary>
/// How many groups may move per rebalance round: Akka.NET's newer least-shard limits
/// (<c>akka.cluster.sharding.least-shard-allocation-strategy</c>), computed as Akka.NET's own
/// <c>LeastShardAllocationStrategy</c> does.
/// </summary>
/// <param name="Absolute"><c>rebalance-absolute-limit</c>, at least 1.</param>
/// <param name="Relative"><c>rebalance-relative-limit</c>, a fraction of all groups of the type.</param>
internal sealed record RebalanceLimits(int Absolute, double Relative)
{
    /// <summary>
    /// The limits from sharding's tuning parameters. An absolute limit of 0 is Akka.NET's switch back
    /// to its older strategy; that strategy's cap, <c>max-simultaneous-rebalance</c>, then stands in.
    /// </summary>
    public static RebalanceLimits From(Akka.Cluster.Sharding.TuningParameters tuning) =>
        new(tuning.LeastShardAllocationAbsoluteLimit > 0
                ? tuning.LeastShardAllocationAbsoluteLimit
                : Math.Max(1, tuning.LeastShardAllocationMaxSimultaneousRebalance),
            tuning.LeastShardAllocationRelativeLimit);

    /// <summary>The smaller of the absolute limit and the relative limit of <paramref name="groups"/>, at least 1.</summary>
    public int For(int groups) => Math.Max(1, Math.Min((int)(Relative * groups), Absolute));
}
