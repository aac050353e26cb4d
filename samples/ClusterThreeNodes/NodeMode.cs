using System.Runtime.InteropServices;
using ActorPool.Cluster;
using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorPool.Samples.ClusterThreeNodes;

/// <summary>
/// The multi-machine modes (docs/cluster.md): <c>node</c> runs one long-lived node until Ctrl+C,
/// which leaves gracefully; <c>client</c> joins without the host role, places the tenants or
/// prints where they are, and leaves.
/// </summary>
internal static class NodeMode
{
    public static async Task<int> RunNodeAsync(string host, int port, Address seed, IReadOnlyList<string> roles, TextWriter output)
    {
        var system = await ClusterNode.StartAsync(host, port, seed, roles, $"{host}:{port}");
        system.ActorOf(Props.Create(() => new MemberPrinter(output)), "member-printer");
        output.WriteLine($"Node up: {AkkaCluster.Get(system).SelfAddress}, roles [{string.Join(", ", roles)}]; Ctrl+C leaves the cluster gracefully");
        // Ctrl+C or a plain kill (SIGTERM): leave instead of vanishing, so the node's tenants hand
        // off and move before it stops.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Leave);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Leave);
        void Leave(PosixSignalContext signal)
        {
            signal.Cancel = true;
            output.WriteLine($"{signal.Signal}: leaving the cluster");
            _ = CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }
        await system.WhenTerminated;
        output.WriteLine("Node left the cluster and stopped");
        return 0;
    }

    public static async Task<int> RunClientAsync(string host, int port, Address seed, string action, TextWriter output)
    {
        // No host role: this node reaches the tenants through a proxy and hosts none of them.
        var system = await ClusterNode.StartAsync(host, port, seed, ["client"], $"{host}:{port}");
        try
        {
            var self = AkkaCluster.Get(system).SelfAddress.ToString();
            var tour = new Tour(ClusterPools.Get(system), address => address, output);
            if (action == "place")
            {
                await tour.PlaceAsync(self);
                output.WriteLine();
                await tour.RunJobsAsync(self);
                output.WriteLine();
            }
            tour.Print("Placement", await tour.StatusAsync());
            return 0;
        }
        finally
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        }
    }

    /// <summary>Prints the cluster's membership changes as this node sees them.</summary>
    private sealed class MemberPrinter : ReceiveActor
    {
        public MemberPrinter(TextWriter output)
        {
            Receive<ClusterEvent.MemberUp>(up => output.WriteLine($"  member up: {up.Member.Address} [{string.Join(", ", up.Member.Roles)}]"));
            Receive<ClusterEvent.MemberRemoved>(removed => output.WriteLine($"  member removed: {removed.Member.Address} (was {removed.PreviousStatus})"));
            Receive<ClusterEvent.UnreachableMember>(u => output.WriteLine($"  member unreachable: {u.Member.Address}"));
            Receive<ClusterEvent.IMemberEvent>(_ => { });
        }

        protected override void PreStart() => AkkaCluster.Get(Context.System).Subscribe(Self,
            ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.UnreachableMember));

        protected override void PostStop() => AkkaCluster.Get(Context.System).Unsubscribe(Self);
    }
}
