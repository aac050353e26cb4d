using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorPool.Samples.ClusterThreeNodes;

/// <summary>
/// Keeps a planned leave out of the error log. When a node that left the cluster gracefully stops,
/// classic Akka.Remote on the nodes that stay sometimes reads its closed connection before its
/// shutdown notice, and then logs the end of that association as a failure: a WARNING
/// "Association with remote system ... has failed" and an ERROR "Disassociated" (a race inside
/// remoting, not a fault). This filter drops the remoting endpoint's lines about a peer this node
/// saw leave the cluster (Leaving or Exiting), and nothing else: the same lines about a peer that crashed or
/// became unreachable stay.
/// </summary>
internal sealed class GracefulLeaveLogFilter : LogFilterBase
{
    private static readonly ConditionalWeakTable<ActorSystem, GracefulLeaveLogFilter> s_bySystem = new();

    private readonly ConcurrentDictionary<string, byte> _exited = new(StringComparer.Ordinal);

    // Content, though only the source is read: with source-only filters Akka.NET 1.5's console
    // logger prints the bare message, without its [LEVEL][time][source] header.
    public override LogFilterType FilterType => LogFilterType.Content;

    public override LogFilterDecision ShouldKeepMessage(LogEvent content, string? expandedMessage = null)
    {
        if (_exited.IsEmpty || content.LogSource is not { } source || !source.Contains("EndpointWriter", StringComparison.OrdinalIgnoreCase))
        {
            return LogFilterDecision.Keep;
        }
        // Endpoint actors are named after their peer's address, URL-encoded.
        var peer = Uri.UnescapeDataString(source);
        return _exited.Keys.Any(address => peer.Contains(address, StringComparison.Ordinal)) ? LogFilterDecision.Drop : LogFilterDecision.Keep;
    }

    /// <summary>Starts the actor that tells this filter which peers leave the cluster gracefully.</summary>
    public void Watch(ActorSystem system)
    {
        s_bySystem.AddOrUpdate(system, this);
        system.ActorOf(Props.Create(() => new ExitWatcher(this)), "graceful-leave-log-filter");
    }

    /// <summary>
    /// Tells <paramref name="system"/>'s filter, before it could learn it from the cluster, that
    /// <paramref name="leaving"/> is about to leave: a leaver that is the cluster's leader marks
    /// itself Exiting and stops at once, sometimes before the others' member events are read.
    /// </summary>
    public static void ExpectLeave(ActorSystem system, Address leaving)
    {
        if (s_bySystem.TryGetValue(system, out var filter))
        {
            filter._exited.TryAdd(leaving.ToString(), 0);
        }
    }

    private sealed class ExitWatcher : ReceiveActor
    {
        public ExitWatcher(GracefulLeaveLogFilter filter)
        {
            // Leaving and Exiting are only reached by leaving: a crashed node is downed without them.
            // Leaving is seen about a second earlier, which matters when the leaver is the leader
            // and stops right after marking itself Exiting.
            Receive<ClusterEvent.MemberLeft>(left => filter._exited.TryAdd(left.Member.Address.ToString(), 0));
            Receive<ClusterEvent.MemberExited>(exited => filter._exited.TryAdd(exited.Member.Address.ToString(), 0));
            // A node restarted on the same address is a new peer: its failures are logged again.
            Receive<ClusterEvent.MemberUp>(up => filter._exited.TryRemove(up.Member.Address.ToString(), out _));
            Receive<ClusterEvent.IMemberEvent>(_ => { });
        }

        protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self,
            typeof(ClusterEvent.MemberLeft), typeof(ClusterEvent.MemberExited), typeof(ClusterEvent.MemberUp));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
