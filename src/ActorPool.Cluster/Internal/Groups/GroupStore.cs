using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;

namespace ActorPool.Cluster.Internal.Groups;

/// <summary>
/// Keeps each group's <see cref="GroupState"/> in Distributed Data: one last-writer-wins map per
/// group type, written with WriteMajority and read with ReadMajority, so a change acknowledged by
/// a majority survives the loss of any minority of nodes.
/// </summary>
internal sealed class GroupStore(IActorRef replicator, UniqueAddress self, string typeName, ClusterPoolsSettings settings)
{
    private readonly LWWDictionaryKey<string, GroupState> _key = new("actor-pool-groups-" + typeName);

    /// <summary>The group type whose states this store keeps.</summary>
    public string TypeName => typeName;

    /// <summary>
    /// The kept state of <paramref name="groupId"/>: from a majority when it answers within
    /// <c>state.read-timeout</c>, else what this node holds, else <see cref="GroupState.Empty"/>.
    /// </summary>
    public async Task<GroupState> ReadAsync(string groupId)
    {
        var majority = await GetAsync(new ReadMajority(settings.StateReadTimeout)).ConfigureAwait(false);
        var found = majority ?? await GetAsync(ReadLocal.Instance).ConfigureAwait(false);
        return found is not null && found.TryGetValue(groupId, out var state) ? state : GroupState.Empty;
    }

    /// <summary>
    /// Keeps <paramref name="state"/> for <paramref name="groupId"/>; the replicator's answer goes to
    /// <paramref name="replyTo"/>, carrying <paramref name="request"/> (<see cref="IUpdateResponse.Request"/>).
    /// </summary>
    public void Write(string groupId, GroupState state, IActorRef replyTo, object? request = null) =>
        replicator.Tell(
            Dsl.Update(_key, LWWDictionary<string, GroupState>.Empty, new WriteMajority(settings.StateWriteTimeout), request,
                map => map.SetItem(self, groupId, state)),
            replyTo);

    private async Task<LWWDictionary<string, GroupState>?> GetAsync(IReadConsistency consistency)
    {
        try
        {
            var response = await replicator.Ask<IGetResponse>(
                Dsl.Get(_key, consistency), settings.StateReadTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            return response is GetSuccess success ? success.Get(_key)
                : response is NotFound ? LWWDictionary<string, GroupState>.Empty
                : null;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
