using System.Diagnostics;
using ActorPool.Cluster;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorPool.Samples.ClusterThreeNodes;

/// <summary>
/// The one-command run: three nodes in this process on 127.0.0.1 (ports the OS picks), six tenants
/// spread over them, a job on each from node 3, node 3 leaving gracefully, its tenants moving with
/// their units and bounds, and a summary.
/// </summary>
internal static class ThreeNodes
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        output.WriteLine("Three nodes on 127.0.0.1 in one process, ports picked free:");
        var nodes = new List<ActorSystem>();
        try
        {
            // Port 0: the OS picks a free port; the first node is the seed the others join.
            nodes.Add(await ClusterNode.StartAsync("127.0.0.1", 0, null, [ClusterNode.HostRole], "node 1", sharedProcess: true));
            var seed = AkkaCluster.Get(nodes[0]).SelfAddress;
            nodes.Add(await ClusterNode.StartAsync("127.0.0.1", 0, seed, [ClusterNode.HostRole], "node 2", sharedProcess: true));
            nodes.Add(await ClusterNode.StartAsync("127.0.0.1", 0, seed, [ClusterNode.HostRole], "node 3", sharedProcess: true));
            var names = nodes.Select((n, i) => (Address: AkkaCluster.Get(n).SelfAddress.ToString(), Name: $"node {i + 1}"))
                .ToDictionary(n => n.Address, n => n.Name);
            foreach (var (address, name) in names)
            {
                output.WriteLine($"  {name}: {address}{(name == "node 1" ? " (seed)" : "")}");
            }
            string NameOf(string address) => names.GetValueOrDefault(address, address);

            await Until(() => Task.FromResult(nodes.All(n => AkkaCluster.Get(n).State.Members.Count(m => m.Status == MemberStatus.Up) == 3)));
            // Place only once every node's region is known to the coordinator, so the tenants spread.
            var first = ClusterPools.Get(nodes[0]);
            await Until(async () => (await first.Region(ClusterNode.GroupType)
                .Ask<ClusterShardingStats>(new GetClusterShardingStats(Tour.Timeout), Tour.Timeout)).Regions.Count == 3);
            output.WriteLine($"Cluster up: 3 members Up, each hosting '{ClusterNode.GroupType}' groups (role '{ClusterNode.HostRole}')");
            output.WriteLine();

            var fromThree = new Tour(ClusterPools.Get(nodes[2]), NameOf, output);
            await fromThree.PlaceAsync("node 3");
            output.WriteLine();
            var jobs = await fromThree.RunJobsAsync("node 3");
            output.WriteLine();
            var before = await fromThree.StatusAsync();
            fromThree.Print("Placement", before);
            output.WriteLine();

            var fromOne = new Tour(first, NameOf, output);
            var leaving = AkkaCluster.Get(nodes[2]).SelfAddress.ToString();
            var onThree = before.Groups.Where(g => g.Node == leaving).ToList();
            output.WriteLine($"Node 3 leaves gracefully (CoordinatedShutdown): its {onThree.Count} tenant(s) hand off, drain and move");
            var clock = Stopwatch.StartNew();
            ExpectLeave(nodes, nodes[2]);
            await CoordinatedShutdown.Get(nodes[2]).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            await nodes[2].WhenTerminated;
            var left = clock.Elapsed;
            // remember-groups = on: the moved tenants restart on their new nodes without a message.
            var after = await Until(fromOne.StatusAsync, s =>
                s.Groups.Count == Tour.Tenants.Count && s.Groups.All(g => g.Node != leaving && g.Status.Settled));
            output.WriteLine($"  node 3 handed off, left and stopped in {left.TotalSeconds:0.0} s; its tenants answered on their new nodes {(clock.Elapsed - left).TotalSeconds:0.0} s later");
            output.WriteLine();
            fromOne.Print("Placement after node 3 left", after);
            output.WriteLine();

            output.WriteLine("Where node 3's tenants went:");
            var kept = 0;
            foreach (var moved in onThree)
            {
                var now = after.Groups.Single(g => g.GroupId == moved.GroupId);
                var same = now.Status.Units == moved.Status.Units
                    && now.Status.MinPools == moved.Status.MinPools && now.Status.MaxPools == moved.Status.MaxPools;
                kept += same ? 1 : 0;
                output.WriteLine($"  {moved.GroupId}: node 3 -> {NameOf(now.Node)}, {Tour.Describe(now.Status)}: "
                    + (same ? "units and bounds kept" : $"CHANGED from {Tour.Describe(moved.Status)}"));
            }
            output.WriteLine();
            jobs += await fromOne.RunJobsAsync("node 1");
            output.WriteLine();

            var spread = before.Groups.Select(g => g.Node).Distinct().Count();
            var hosts = after.Groups.Select(g => NameOf(g.Node)).Distinct().Order(StringComparer.Ordinal);
            output.WriteLine($"Summary: {Tour.Tenants.Count} tenants spread over {spread} nodes; node 3 left gracefully and its {onThree.Count} tenant(s) "
                + $"moved with units and bounds kept ({kept} of {onThree.Count}); now on {string.Join(" and ", hosts)}; {jobs} jobs answered, none lost");
            return kept == onThree.Count ? 0 : 1;
        }
        finally
        {
            // An orderly end. Both regions first stop their tenants at once: a node leaving alone
            // would hand its tenants to the last node, whose remembered-groups write then waits for
            // a majority that includes the leaving node. Then the nodes leave one by one, the seed last.
            var running = nodes.Where(n => !n.WhenTerminated.IsCompleted).ToList();
            await Task.WhenAll(running.Select(n => ClusterSharding.Get(n).ShardRegion(ClusterNode.GroupType)
                .GracefulStop(Tour.Timeout, GracefulShutdown.Instance)));
            foreach (var node in Enumerable.Reverse(running))
            {
                ExpectLeave(running, node);
                await CoordinatedShutdown.Get(node).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            }
        }
    }

    /// <summary>The other nodes' log filters learn that <paramref name="leaving"/> leaves on purpose (see <see cref="GracefulLeaveLogFilter"/>).</summary>
    private static void ExpectLeave(IEnumerable<ActorSystem> nodes, ActorSystem leaving)
    {
        foreach (var other in nodes.Where(n => n != leaving))
        {
            GracefulLeaveLogFilter.ExpectLeave(other, AkkaCluster.Get(leaving).SelfAddress);
        }
    }

    private static async Task Until(Func<Task<bool>> condition) => await Until(condition, done => done);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds, for a minute at most.</summary>
    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The cluster did not reach the expected state within a minute.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
