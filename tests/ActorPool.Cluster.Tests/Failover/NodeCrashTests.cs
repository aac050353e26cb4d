using System.Diagnostics;
using ActorPool.Cluster.TestNode;
using ActorPool.Cluster.Tests.Support;
using Akka;
using Xunit.Abstractions;

namespace ActorPool.Cluster.Tests.Failover;

/// <summary>Three node processes and a client are load enough for a 2-core machine: these tests run alone.</summary>
[CollectionDefinition(nameof(NodeCrashTests), DisableParallelization = true)]
public sealed class NodeCrashesRunAlone;

/// <summary>
/// Three <c>dotnet</c> node processes on 127.0.0.1 host <c>tenants</c> groups; this process is a
/// fourth member, the client, with a proxy. One node is killed with SIGKILL under a steady job load.
/// </summary>
[Collection(nameof(NodeCrashTests))]
public sealed class NodeCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int GroupCount = 12;
    private const string Type = FailoverConfig.GroupType;

    /// <summary>
    /// What the settings do not give (see <see cref="NodeTimings.Budget"/>): the shard's reallocation,
    /// the group's start (a majority read of its state), gossip rounds, and a loaded 2-core machine.
    /// With <see cref="NodeTimings.Fast"/> the budget is 1 s + 2 s + 3 s + 3 s + 10 s = 19 s.
    /// </summary>
    private static readonly TimeSpan s_margin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan s_ask = TimeSpan.FromSeconds(30);

    private FailoverCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await FailoverCluster.StartAsync(NodeMode.ActorPool, NodeTimings.Fast);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_killed_with_SIGKILL_has_its_groups_back_on_survivors_within_the_budget_with_their_state_and_every_job_answered()
    {
        var cluster = _cluster!;
        var pools = ClusterPools.Get(cluster.Client);
        await pools.StartProxyAsync(Type, [FailoverConfig.Role]);
        var groups = Enumerable.Range(0, GroupCount).Select(i => $"g-{i:D2}").ToList();
        var kept = groups.Select((g, i) => (Group: g, State: new Kept(Units: 11 + i, MaxPools: 3 + (i % 3), WorkersPerPool: 2 + (i % 2))))
            .ToDictionary(k => k.Group, k => k.State);

        // Units by ScaleChanged, bounds by ChangeGroupSettings: Done comes once a majority holds both.
        await Task.WhenAll(groups.Select(async g =>
        {
            pools.Tell(Type, g, new ScaleChanged(kept[g].Units));
            await pools.AskAsync<Done>(Type, g, new ChangeGroupSettings(MaxPools: kept[g].MaxPools, WorkersPerPool: kept[g].WorkersPerPool), s_ask);
        }));
        foreach (var g in groups)
        {
            kept[g].AssertIn(await pools.GetStatusAsync(Type, g, s_ask), g, "before the crash");
        }

        using var load = new JobLoad(
            (g, request, timeout) => pools.SubmitAsync<WorkJob, WorkRequest, WorkReply>(Type, g, request, timeout),
            groups, TimeSpan.FromMilliseconds(20), delayMs: 20, timeout: TimeSpan.FromSeconds(10));
        var home = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            home[g] = (await load.SendOne(g, 0, s_ask).Answer).Node;
        }

        // Not the seed: as the oldest node it runs the shard coordinator, whose move is a longer path.
        var victim = cluster.Addresses.Skip(1).OrderByDescending(a => home.Values.Count(n => n == a)).First();
        var lost = groups.Where(g => home[g] == victim).ToList();
        Assert.True(lost.Count > 0, $"node {victim} hosts no group: {string.Join(", ", home)}");

        // One long job running on each of the victim's groups: accepted there, it must come back as GroupLostException.
        // (It awaits, so it shows as a busy pool; RunningJobs counts jobs on a worker's thread.)
        var running = lost.Select(g => load.SendOne(g, 120_000, TimeSpan.FromSeconds(120))).ToList();
        foreach (var g in lost)
        {
            await StatusEventuallyAsync(() => pools.GetStatusAsync(Type, g, s_ask), s => s.Busy >= 1, $"the long job runs on {g}");
        }
        load.Start();
        await FailoverCluster.Until(() => load.Sent >= GroupCount + lost.Count + 50, s_ask, () => $"the load sent only {load.Sent} jobs");

        var killedAt = Stopwatch.GetTimestamp();
        cluster.NodeAt(victim).Kill();
        var budget = cluster.Timings.Budget(s_margin);
        var recovery = await Recovery.MeasureAsync(
            load, lost, victim, killedAt, Akka.Cluster.Cluster.Get(cluster.Client),
            interval: TimeSpan.FromMilliseconds(50), probeTimeout: TimeSpan.FromSeconds(5), giveUpAfter: budget + TimeSpan.FromSeconds(30));
        var jobs = await load.EndAsync(TimeSpan.FromSeconds(60));
        Report(victim, lost, budget, recovery, jobs);

        // Every group of the victim answers again from a survivor within the budget.
        Assert.True(recovery.Missing.Count == 0, $"groups never back after the SIGKILL of {victim}: {string.Join(", ", recovery.Missing)}");
        Assert.All(recovery.PerGroup, g => Assert.True(g.Value <= budget, $"{g.Key} back after {g.Value.TotalSeconds:F1} s, over the budget of {budget.TotalSeconds:F1} s"));

        // Every job got exactly one answer (a task ends once), of a kind the failover guarantee names.
        Assert.All(jobs, j => Assert.True(
            j.End is JobEnd.Result or JobEnd.GroupLost or JobEnd.TimedOut,
            $"job {j.Request.Seq} to {j.GroupId} ended {j.End}: {j.Failure}"));
        // An accepted job is never lost: the long ones failed back when their node was removed.
        Assert.All(running, j => Assert.IsType<GroupLostException>(j.Failure));
        // A crash elsewhere costs the other groups nothing, and every result is its own job's, from a live node.
        Assert.All(jobs.Where(j => !lost.Contains(j.GroupId)), j => Assert.True(j.End == JobEnd.Result, $"job {j.Request.Seq} to {j.GroupId} on a surviving node ended {j.End}: {j.Failure}"));
        Assert.All(jobs.Where(j => j.End == JobEnd.Result), j =>
        {
            var reply = j.Answer.Result;
            Assert.Equal(j.Request.Seq, reply.Seq);
            Assert.True(reply.Node != victim || j.SentAt < killedAt, $"job {reply.Seq}, sent after the kill, answered from the killed node");
        });

        // Every group kept its units and bounds: the victim's restarted on survivors from their kept state.
        foreach (var g in groups)
        {
            kept[g].AssertIn(await pools.GetStatusAsync(Type, g, s_ask), g, lost.Contains(g) ? "after its move" : "after the crash");
        }
    }

    private void Report(string victim, List<string> lost, TimeSpan budget, Recovery recovery, IReadOnlyList<SentJob> jobs)
    {
        output.WriteLine($"SIGKILL of {victim}, hosting {string.Join(", ", lost)}; {_cluster!.Timings}");
        output.WriteLine($"unreachable after {recovery.Unreachable?.TotalSeconds:F2} s, removed after {recovery.Removed?.TotalSeconds:F2} s");
        output.WriteLine($"groups back after: {string.Join(", ", recovery.PerGroup.OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Value.TotalSeconds:F2} s"))}");
        output.WriteLine($"recovery {recovery.Time.TotalSeconds:F2} s, budget {budget.TotalSeconds:F1} s");
        output.WriteLine($"jobs: {jobs.Count}; " + string.Join(", ", jobs.GroupBy(j => j.End).OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Count()}")));
    }

    private static async Task StatusEventuallyAsync(Func<Task<PoolStatus>> status, Func<PoolStatus, bool> condition, string what)
    {
        PoolStatus? last = null;
        try
        {
            await ClusterNodes.EventuallyAsync(async () => condition(last = await status()), s_ask, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last status: {last}", e);
        }
    }

    /// <summary>What a group keeps across a move: its units and its bounds.</summary>
    private sealed record Kept(int Units, int MaxPools, int WorkersPerPool)
    {
        public void AssertIn(PoolStatus status, string group, string when)
        {
            var seen = new Kept(status.Units, status.MaxPools, status.WorkersPerPool);
            Assert.True(seen == this, $"{group} {when}: kept {this}, has {seen}");
        }
    }
}
