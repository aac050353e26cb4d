using ActorPool.Cluster.Internal.Placement;

namespace ActorPool.Cluster.Tests.Placement;

/// <summary>The placement rules on made-up nodes: allocation, then rebalancing.</summary>
public sealed class PlacementRulesTests
{
    internal static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    internal static PlacementRules Rules(string[]? roles = null, int threshold = 3, int absolute = 2, double relative = 0.1) =>
        new(roles ?? [], loadTolerance: 0.1, staleAfter: TimeSpan.FromSeconds(15), threshold, new RebalanceLimits(absolute, relative));

    /// <summary>A node named <paramref name="name"/> hosting <paramref name="groups"/> groups named name-0, name-1, ...</summary>
    internal static PlacementNode<string> Node(
        string name, double? score = null, int groups = 0, bool overloaded = false, string[]? roles = null, bool available = true, TimeSpan? age = null) =>
        new(name, name, new HashSet<string>(roles ?? [], StringComparer.Ordinal),
            score is { } s ? new NodeLoad(name, s, s / 2, overloaded, Now - (age ?? TimeSpan.FromSeconds(1))) : null,
            [.. Enumerable.Range(0, groups).Select(i => $"{name}-{i}")],
            available);

    private static string? Pick(PlacementRules rules, params PlacementNode<string>[] nodes) => rules.Allocate(nodes, Now)?.Region;

    [Fact]
    public void Allocate_prefers_the_least_loaded_node_to_one_with_fewer_groups() =>
        Assert.Equal("b", Pick(Rules(), Node("a", 0.6, groups: 0), Node("b", 0.2, groups: 5)));

    [Fact]
    public void Allocate_counts_nodes_within_the_tolerance_of_the_least_loaded_as_equal_and_takes_the_fewest_groups()
    {
        Assert.Equal("b", Pick(Rules(), Node("a", 0.31, groups: 4), Node("b", 0.38, groups: 2), Node("c", 0.52, groups: 0)));
        // Fixed bands of 0.1 would split 0.29 and 0.31 and send every new group to a.
        Assert.Equal("b", Pick(Rules(), Node("a", 0.29, groups: 3), Node("b", 0.31, groups: 1)));
    }

    [Fact]
    public void A_burst_of_new_groups_spreads_although_one_node_sampled_lowest()
    {
        // Loads are sampled every publish-interval; six groups placed in between must not all go to
        // the node that happened to read 0.30 while the others read 0.45.
        var nodes = new[] { Node("a", 0.30), Node("b", 0.45), Node("c", 0.45) };
        var rules = Rules();

        for (var i = 0; i < 6; i++)
        {
            var pick = rules.Allocate(nodes, Now)!;
            var at = Array.IndexOf(nodes, pick);
            nodes[at] = pick with { Shards = [.. pick.Shards, $"g-{i}"], PlacedSinceLoad = pick.PlacedSinceLoad + 1 };
        }

        Assert.Equal([2, 2, 2], nodes.Select(n => n.Shards.Count));
        Assert.Equal("g-0", nodes[0].Shards[0]);
    }

    [Fact]
    public void A_burst_of_new_groups_spreads_over_a_node_that_has_not_shared_its_load_yet()
    {
        var nodes = new[] { Node("a", 0.90), Node("b", 0.90), Node("c") };
        var rules = Rules();

        for (var i = 0; i < 6; i++)
        {
            var pick = rules.Allocate(nodes, Now)!;
            var at = Array.IndexOf(nodes, pick);
            nodes[at] = pick with { Shards = [.. pick.Shards, $"g-{i}"], PlacedSinceLoad = pick.PlacedSinceLoad + 1 };
        }

        Assert.Equal([2, 2, 2], nodes.Select(n => n.Shards.Count));
    }

    [Fact]
    public void Allocate_breaks_ties_by_the_lowest_address() =>
        Assert.Equal("a", Pick(Rules(), Node("c", 0.2, groups: 1), Node("a", 0.2, groups: 1), Node("b", 0.25, groups: 1)));

    [Fact]
    public void Allocate_skips_overloaded_nodes_unless_all_are()
    {
        Assert.Equal("b", Pick(Rules(), Node("a", 0.1, groups: 0, overloaded: true), Node("b", 0.9, groups: 5)));
        Assert.Equal("b", Pick(Rules(), Node("a", 0.95, groups: 3, overloaded: true), Node("b", 0.97, groups: 1, overloaded: true)));
    }

    [Fact]
    public void Allocate_takes_only_nodes_with_every_required_role()
    {
        var rules = Rules(roles: ["gpu", "ssd"]);
        Assert.Equal("b", Pick(rules, Node("a", 0.1, roles: ["gpu"]), Node("b", 0.9, groups: 9, roles: ["gpu", "ssd", "eu"]), Node("c")));
        Assert.Null(Pick(rules, Node("a", 0.1, roles: ["gpu"]), Node("c", 0.1, roles: ["ssd"])));
    }

    [Fact]
    public void Allocate_never_targets_an_unreachable_or_not_up_node()
    {
        Assert.Equal("b", Pick(Rules(), Node("a", 0.0, groups: 0, available: false), Node("b", 0.5, groups: 5)));
        Assert.Null(Pick(Rules(), Node("a", 0.0, available: false), Node("b", available: false)));
    }

    [Fact]
    public void Allocate_ranks_a_node_with_unknown_load_with_the_least_loaded_so_the_group_count_decides() =>
        Assert.Equal("a", Pick(Rules(), Node("a", score: null, groups: 1), Node("b", 0.2, groups: 2), Node("c", 0.7, groups: 0)));

    [Fact]
    public void Allocate_shares_a_burst_of_new_groups_with_a_node_that_has_not_published_its_load_yet()
    {
        var nodes = new List<PlacementNode<string>> { Node("a", 0.3), Node("b", 0.3), Node("c", score: null) };
        var rules = Rules();
        for (var i = 0; i < 9; i++)
        {
            var pick = rules.Allocate(nodes, Now)!;
            nodes[nodes.IndexOf(pick)] = pick with { Shards = [.. pick.Shards, $"new-{i}"] };
        }
        Assert.All(nodes, n => Assert.Equal(3, n.Shards.Count));
    }

    [Fact]
    public void Allocate_treats_a_load_older_than_stale_after_as_unknown()
    {
        // Trusted, a's old 0.0 would win alone; unknown, it ranks with b and the group count decides.
        Assert.Equal("b", Pick(Rules(), Node("a", 0.0, groups: 3, age: TimeSpan.FromSeconds(20)), Node("b", 0.5, groups: 1), Node("c", 0.9)));
        // An old "overloaded" no longer keeps groups away.
        Assert.Equal("a", Pick(Rules(), Node("a", 0.99, overloaded: true, age: TimeSpan.FromSeconds(20)), Node("b", 0.2, groups: 4)));
        // At stale-after exactly it is still trusted.
        Assert.Equal("b", Pick(Rules(), Node("a", 0.99, overloaded: true, age: TimeSpan.FromSeconds(15)), Node("b", 0.2, groups: 4)));
    }

    [Theory]
    [InlineData(2, 0.1, 0, 1)]
    [InlineData(2, 0.1, 5, 1)]
    [InlineData(2, 0.1, 19, 1)]
    [InlineData(2, 0.1, 20, 2)]
    [InlineData(2, 0.1, 500, 2)]
    [InlineData(10, 0.5, 9, 4)]
    [InlineData(10, 0.0, 100, 1)]
    public void The_budget_is_the_smaller_least_shard_limit_and_at_least_one(int absolute, double relative, int groups, int expected) =>
        Assert.Equal(expected, new RebalanceLimits(absolute, relative).For(groups));

    [Fact]
    public void Rebalance_moves_groups_off_an_overloaded_node_up_to_the_budget_less_the_moves_in_progress()
    {
        PlacementNode<string>[] nodes = [Node("a", 0.97, groups: 10, overloaded: true), Node("b", 0.2, groups: 10), Node("c", 0.2, groups: 10)];
        var all = Rules().Rebalance(nodes, new HashSet<string>(), Now);
        Assert.Equal(["a-0", "a-1"], all.Groups.Order());
        var one = Rules().Rebalance(nodes, new HashSet<string> { "a-0" }, Now);
        Assert.Equal(["a-1"], one.Groups);
        Assert.Empty(Rules().Rebalance(nodes, new HashSet<string> { "b-0", "c-0" }, Now).Groups);
    }

    [Fact]
    public void Rebalance_moves_groups_off_a_node_missing_a_required_role()
    {
        var rules = Rules(roles: ["gpu"]);
        var decision = rules.Rebalance([Node("a", 0.2, groups: 1, roles: []), Node("b", 0.2, groups: 4, roles: ["gpu"])], new HashSet<string>(), Now);
        Assert.Equal(["a-0"], decision.Groups);
        Assert.Contains("missing a required role", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebalance_keeps_groups_on_overloaded_nodes_when_no_node_is_healthy() =>
        Assert.Empty(Rules().Rebalance(
            [Node("a", 0.97, groups: 6, overloaded: true), Node("b", 0.9, groups: 0, overloaded: true), Node("c", 0.1, available: false)],
            new HashSet<string>(), Now).Groups);

    [Fact]
    public void Rebalance_never_takes_a_group_off_an_unreachable_or_not_up_node()
    {
        var none = new HashSet<string>();
        Assert.Empty(Rules().Rebalance([Node("a", 0.97, groups: 5, overloaded: true, available: false), Node("b", 0.2)], none, Now).Groups);
        Assert.Empty(Rules(roles: ["gpu"]).Rebalance([Node("a", 0.2, groups: 5, available: false), Node("b", 0.2, roles: ["gpu"])], none, Now).Groups);
        Assert.Empty(Rules().Rebalance([Node("a", 0.2, groups: 20, available: false), Node("b", 0.2), Node("c", 0.2)], none, Now).Groups);
    }

    [Fact]
    public void Rebalance_never_counts_an_unavailable_node_as_the_emptiest() =>
        // Counted, b's 0 groups would make a gap of 8; the node a moved group would really go to is c.
        Assert.Empty(Rules().Rebalance([Node("a", 0.2, groups: 8), Node("b", 0.2, available: false), Node("c", 0.2, groups: 6)], new HashSet<string>(), Now).Groups);

    [Fact]
    public void Rebalance_moves_the_newest_group_of_the_fullest_node_only_from_rebalance_threshold_more_groups()
    {
        var moved = Rules().Rebalance([Node("a", 0.2, groups: 6), Node("b", 0.2, groups: 3), Node("c", 0.2, groups: 3)], new HashSet<string>(), Now);
        Assert.Equal(["a-5"], moved.Groups);
        Assert.Empty(Rules().Rebalance([Node("a", 0.2, groups: 5), Node("b", 0.2, groups: 3), Node("c", 0.2, groups: 3)], new HashSet<string>(), Now).Groups);
    }

    [Fact]
    public void Rebalance_compares_the_fullest_node_with_the_node_allocation_picks_not_the_emptiest()
    {
        var none = new HashSet<string>();
        // a is the fullest and also where a new group goes: moving one off it would bring it back.
        Assert.Empty(Rules().Rebalance([Node("a", 0.1, groups: 6), Node("b", 0.5, groups: 3), Node("c", 0.9)], none, Now).Groups);
        // b, not the empty c, is where the group goes, and it is 3 behind a.
        var moved = Rules().Rebalance([Node("a", 0.5, groups: 9), Node("b", 0.1, groups: 6), Node("c", 0.9)], none, Now);
        Assert.Equal(["a-8"], moved.Groups);
    }

    [Fact]
    public void A_threshold_below_two_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rules(threshold: 1));
}
