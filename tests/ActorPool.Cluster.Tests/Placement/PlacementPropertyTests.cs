using ActorPool.Cluster.Internal.Placement;
using CsCheck;
using static ActorPool.Cluster.Tests.Placement.PlacementRulesTests;

namespace ActorPool.Cluster.Tests.Placement;

/// <summary>
/// Random clusters with steady loads, played round after round as the coordinator would: each
/// rebalance's groups leave their node and are allocated again by the same rules.
/// </summary>
public sealed class PlacementPropertyTests
{
    private static readonly Gen<PlacementNode<string>> s_node = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, 9], Gen.Int[0, 3], Gen.Double[0, 1], Gen.Int[0, 4], Gen.Int[0, 12],
        (available, role, loadKind, score, overloaded, groups) => Node(
            "n",
            score: loadKind == 0 ? null : Math.Round(score, 2),
            groups: groups,
            overloaded: overloaded == 0,
            roles: role < 8 ? ["gpu"] : [],
            available: available < 8,
            age: loadKind == 1 ? TimeSpan.FromSeconds(60) : null));

    private static readonly Gen<(PlacementNode<string>[] Nodes, int Threshold, int Absolute)> s_cluster = Gen.Select(
        s_node.Array[1, 5], Gen.Int[2, 4], Gen.Int[1, 4], (nodes, threshold, absolute) => (Named(nodes), threshold, absolute));

    [Fact]
    public void Rebalancing_with_steady_loads_stops_never_touches_unavailable_nodes_and_never_sends_a_group_back() =>
        s_cluster.Sample(c =>
        {
            var rules = Rules(roles: ["gpu"], threshold: c.Threshold, absolute: c.Absolute, relative: 0.2);
            var nodes = c.Nodes.ToList();
            var total = nodes.Sum(n => n.Shards.Count);
            var left = new HashSet<(string Group, string Node)>();
            // Each count move lowers the sum of squared counts by 2 or more; each drain move empties a drained node by one.
            var rounds = 0;
            for (; rounds <= (total * total) + total + 1; rounds++)
            {
                var decision = rules.Rebalance(nodes, new HashSet<string>(), Now);
                if (decision.Groups.Count == 0)
                {
                    break;
                }
                Assert.True(decision.Groups.Count <= new RebalanceLimits(c.Absolute, 0.2).For(total), "more moves than the budget");
                foreach (var group in decision.Groups)
                {
                    var source = nodes.Single(n => n.Shards.Contains(group));
                    Assert.True(source.Available, $"{group} was taken off unavailable {source.Address}");
                    nodes[nodes.IndexOf(source)] = source with { Shards = [.. source.Shards.Where(s => s != group)] };
                    left.Add((group, source.Address));
                }
                foreach (var group in decision.Groups)
                {
                    var to = rules.Allocate(nodes, Now);
                    Assert.NotNull(to);
                    Assert.True(to.Available, $"{group} was sent to unavailable {to.Address}");
                    Assert.False(left.Contains((group, to.Address)), $"{group} went back to {to.Address}, which it left");
                    nodes[nodes.IndexOf(to)] = to with { Shards = [.. to.Shards, group] };
                }
            }
            Assert.True(rounds <= (total * total) + total + 1, "rebalancing did not stop");

            // Where it stopped: unavailable nodes kept their groups; with a healthy node, no group
            // is left on an available node that is overloaded or lacks the role; the fullest healthy
            // node is the allocation's pick or less than the threshold above it.
            foreach (var (before, after) in c.Nodes.Zip(nodes).Where(p => !p.First.Available))
            {
                Assert.Equal(before.Shards, after.Shards);
            }
            var healthy = nodes.Where(n => n.Available && n.Roles.Contains("gpu") && rules.TrustedLoad(n, Now) is not { Overloaded: true }).ToList();
            if (healthy.Count > 0)
            {
                Assert.All(nodes.Where(n => n.Available && !healthy.Contains(n)), n => Assert.Empty(n.Shards));
                Assert.True(healthy.Max(n => n.Shards.Count) - rules.Allocate(nodes, Now)!.Shards.Count < c.Threshold, "stopped while unbalanced");
            }
        }, iter: 2000);

    [Fact]
    public void Allocation_only_picks_available_nodes_with_the_roles_and_skips_overloaded_ones_while_any_is_healthy() =>
        s_cluster.Sample(c =>
        {
            var rules = Rules(roles: ["gpu"]);
            var pick = rules.Allocate(c.Nodes, Now);
            var eligible = c.Nodes.Where(n => n.Available && n.Roles.Contains("gpu")).ToList();
            if (eligible.Count == 0)
            {
                return pick is null;
            }
            var healthy = eligible.Where(n => rules.TrustedLoad(n, Now) is not { Overloaded: true }).ToList();
            return pick is not null && (healthy.Count > 0 ? healthy : eligible).Contains(pick);
        }, iter: 5000);

    /// <summary>Gives each generated node its own name, and its groups names unique in the cluster.</summary>
    private static PlacementNode<string>[] Named(PlacementNode<string>[] nodes) =>
        [.. nodes.Select((n, i) => n with
        {
            Region = $"node-{i}",
            Address = $"node-{i}",
            Shards = [.. n.Shards.Select((_, g) => $"node-{i}-g{g}")],
        })];
}
