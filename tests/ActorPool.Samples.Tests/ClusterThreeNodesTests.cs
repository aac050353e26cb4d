using System.Text.RegularExpressions;

namespace ActorPool.Samples.Tests;

/// <summary>samples/ClusterThreeNodes tells its story: tenants spread, jobs run where they live, a graceful leave moves them with their state.</summary>
public sealed class ClusterThreeNodesTests
{
    [Fact]
    public async Task ClusterThreeNodes_SpreadsTenants_AndNode3sTenantsMoveWithUnitsAndBounds_WithoutErrors()
    {
        // Three cluster nodes start, place, leave and stop: generous for a loaded 2-core machine.
        var text = await SampleOutput.OfAsync("ClusterThreeNodes", TimeSpan.FromSeconds(180));
        try
        {
            AssertStory(text);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            // The whole story, so a failure on a loaded machine can be read afterwards.
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- the sample printed ---\n{text}");
        }
    }

    private static void AssertStory(string text)
    {
        Assert.Matches(@"node 1: akka\.tcp://ClusterThreeNodes@127\.0\.0\.1:\d+ \(seed\)\n  node 2: akka\.tcp://ClusterThreeNodes@127\.0\.0\.1:\d+\n  node 3: ", text);
        Assert.Contains("Cluster up: 3 members Up", text, StringComparison.Ordinal);
        for (var i = 1; i <= 5; i++)
        {
            Assert.Contains($"  tenant-{i}: {10 * i} units -> {i} pool", text, StringComparison.Ordinal);
        }
        // tenant-6's 60 units would make 6 pools; its changed bounds hold it at 3.
        Assert.Contains("  tenant-6: 60 units (max-pools 3, ChangeGroupSettings) -> 3 pools", text, StringComparison.Ordinal);

        var before = Placement(Section(text, "Placement (GetClusterStatusAsync):"));
        var after = Placement(Section(text, "Placement after node 3 left (GetClusterStatusAsync):"));
        Assert.Equal(6, before.Count);
        Assert.Equal(6, after.Count);
        // Spread: every node hosts a tenant, so node 3's leave moves some.
        Assert.Equal(["node 1", "node 2", "node 3"], before.Values.Select(p => p.Node).Distinct().Order());
        Assert.DoesNotContain(after.Values, p => p.Node == "node 3");
        foreach (var (tenant, now) in after)
        {
            // Units and bounds are the group's kept state: the same on its new node.
            Assert.Equal(before[tenant].State, now.State);
        }
        Assert.Contains("bounds 1..3", after["tenant-6"].State, StringComparison.Ordinal);

        // Each job ran on the node that hosted its tenant at the time, before and after the move.
        var jobs = Regex.Matches(text, @"  (tenant-\d) ran on (node \d), worker pools-pool-\d+-worker-\d+");
        Assert.Equal(12, jobs.Count);
        Assert.All(jobs.Take(6), j => Assert.Equal(before[j.Groups[1].Value].Node, j.Groups[2].Value));
        Assert.All(jobs.Skip(6), j => Assert.Equal(after[j.Groups[1].Value].Node, j.Groups[2].Value));

        var moved = before.Where(p => p.Value.Node == "node 3").Select(p => p.Key).ToList();
        foreach (var tenant in moved)
        {
            Assert.Matches($@"  {tenant}: node 3 -> {after[tenant].Node}, {Regex.Escape(after[tenant].State)}, \d+ pools?: units and bounds kept", text);
        }
        Assert.Contains($"Summary: 6 tenants spread over 3 nodes; node 3 left gracefully and its {moved.Count} tenant(s) moved with units and bounds kept "
            + $"({moved.Count} of {moved.Count}); now on node 1 and node 2; 12 jobs answered, none lost", text, StringComparison.Ordinal);

        // A normal run logs no error, not even while node 3 leaves and the others stop.
        Assert.DoesNotContain("[ERROR]", text, StringComparison.Ordinal);
    }

    private static string Section(string text, string title)
    {
        var start = text.IndexOf(title, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the output has no \"{title}\" section:\n{text}");
        var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    /// <summary>Each tenant's node and kept state ("20 units, bounds 1..8") from a placement section.</summary>
    private static Dictionary<string, (string Node, string State)> Placement(string section) =>
        Regex.Matches(section, @"  (tenant-\d) on (node \d): (\d+ units, bounds \d+\.\.\d+), \d+ pools?")
            .ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, m.Groups[3].Value));
}
