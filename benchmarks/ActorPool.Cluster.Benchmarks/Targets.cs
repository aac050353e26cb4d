using ActorPool.Cluster.TestNode;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>How the client reaches the groups of one mode: a proxy started on the client, and a way to send work.</summary>
internal static class Targets
{
    /// <summary>Starts the client's proxy for <paramref name="mode"/> and returns how to send work through it.</summary>
    public static async Task<SendWork> StartAsync(NodeMode mode, ActorSystem client)
    {
        if (mode == NodeMode.ActorPool)
        {
            // ClusterPools.SubmitAsync: tracked, answered once (result, GroupLostException or TimeoutException).
            var pools = ClusterPools.Get(client);
            await pools.StartProxyAsync(FailoverConfig.GroupType, [FailoverConfig.Role]);
            return (group, request, timeout) =>
                pools.SubmitAsync<WorkJob, WorkRequest, WorkReply>(FailoverConfig.GroupType, group, request, timeout);
        }

        // Plain sharding: an Ask through the proxy; a lost message shows only as the Ask's timeout.
        var proxy = await ClusterSharding.Get(client).StartProxyAsync(FailoverConfig.PlainType, FailoverConfig.Role, new PlainExtractor());
        return (group, request, timeout) => proxy.Ask<WorkReply>(new PlainEnvelope(group, request), timeout);
    }
}
