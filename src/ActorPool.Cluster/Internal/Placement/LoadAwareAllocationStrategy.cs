using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorPool.Cluster.Internal.Placement;

/// <summary>
/// Places each new group on the least loaded reachable Up node that has every required role.
/// (First cut: the fewest groups; load bands and bounded rebalancing come next.)
/// </summary>
internal sealed class LoadAwareAllocationStrategy(IReadOnlyCollection<string> requiredRoles, ClusterPoolsSettings settings, LoadBoard board)
    : IActorSystemDependentAllocationStrategy
{
    private Akka.Cluster.Cluster? _cluster;

    public void Start(ActorSystem system) => _cluster = Akka.Cluster.Cluster.Get(system);

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        _ = settings;
        _ = board;
        var state = _cluster!.State;
        var eligible = currentShardAllocations
            .Where(r =>
            {
                var address = r.Key.Path.Address.HasGlobalScope ? r.Key.Path.Address : _cluster.SelfAddress;
                var member = state.Members.FirstOrDefault(m => m.Address.Equals(address));
                return member is not null && member.Status == Akka.Cluster.MemberStatus.Up
                    && !state.Unreachable.Contains(member) && requiredRoles.All(member.HasRole);
            })
            .OrderBy(r => r.Value.Count)
            .Select(r => r.Key)
            .FirstOrDefault();
        return Task.FromResult(eligible ?? requester);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
}
