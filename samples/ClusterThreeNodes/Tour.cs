using ActorPool.Cluster;
using Akka;

namespace ActorPool.Samples.ClusterThreeNodes;

/// <summary>
/// The sample's steps, run from any node: six tenants given units (one also given bounds), a
/// registered job run on each, and the placement printed. Node names come from
/// <paramref name="nameOf"/> (an address to "node 1" in the one-process run).
/// </summary>
internal sealed class Tour(ClusterPools pools, Func<string, string> nameOf, TextWriter output)
{
    /// <summary>How long one step may take on a busy machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static readonly IReadOnlyList<string> Tenants = [.. Enumerable.Range(1, 6).Select(i => $"tenant-{i}")];

    /// <summary>Gives tenant-i 10 x i units; tenant-6 first gets max-pools 3. Each starts on the node placement picks.</summary>
    public async Task PlaceAsync(string from)
    {
        output.WriteLine($"Six tenants, each given units from {from} (ScaleChanged):");
        for (var i = 1; i <= Tenants.Count; i++)
        {
            var tenant = Tenants[i - 1];
            var bounds = "";
            if (i == Tenants.Count)
            {
                // Bounds changed through a message: the group keeps them when it moves.
                await pools.AskAsync<Done>(ClusterNode.GroupType, tenant, new ChangeGroupSettings(MaxPools: 3), Timeout);
                bounds = " (max-pools 3, ChangeGroupSettings)";
            }
            pools.Tell(ClusterNode.GroupType, tenant, new ScaleChanged(10 * i));
            var status = await pools.AskAsync<PoolStatus>(ClusterNode.GroupType, tenant, AwaitSettled.Instance, Timeout);
            output.WriteLine($"  {tenant}: {status.Units} units{bounds} -> {Pools(status.Total)}");
        }
    }

    /// <summary>Runs <see cref="WhereJob"/> once on every tenant, all at once, and prints where each ran.</summary>
    public async Task<int> RunJobsAsync(string from)
    {
        output.WriteLine($"A registered job (WhereJob) on each tenant, sent from {from} (SubmitAsync):");
        var jobs = Tenants.Select(tenant => pools.SubmitAsync<WhereJob, Greeting, Answer>(
            ClusterNode.GroupType, tenant, new Greeting(tenant, from), Timeout));
        var answers = await Task.WhenAll(jobs);
        foreach (var answer in answers)
        {
            output.WriteLine($"  {answer.Tenant} ran on {answer.RanOn}, worker {answer.Worker}");
        }
        return answers.Length;
    }

    /// <summary>The placement as <see cref="ClusterPools.GetClusterStatusAsync"/> reports it.</summary>
    public Task<ClusterPoolStatus> StatusAsync() => pools.GetClusterStatusAsync(ClusterNode.GroupType, Timeout);

    public void Print(string title, ClusterPoolStatus status)
    {
        output.WriteLine($"{title} (GetClusterStatusAsync):");
        foreach (var group in status.Groups)
        {
            output.WriteLine($"  {group.GroupId} on {nameOf(group.Node)}: {Describe(group.Status)}");
        }
        foreach (var missing in status.Unanswered)
        {
            output.WriteLine($"  {missing}: no answer yet (moving)");
        }
    }

    public static string Describe(PoolStatus status) =>
        $"{status.Units} units, bounds {status.MinPools}..{status.MaxPools}, {Pools(status.Total)}";

    private static string Pools(int count) => count == 1 ? "1 pool" : $"{count} pools";
}
