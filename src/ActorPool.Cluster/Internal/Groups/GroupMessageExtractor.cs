using Akka.Cluster.Sharding;

namespace ActorPool.Cluster.Internal.Groups;

/// <summary>
/// One shard per group: the group's key is both its entity id and its shard id, so the allocation
/// strategy places and moves groups one by one. (Akka.NET handles <c>ShardRegion.StartEntity</c>
/// itself, for remember-groups.)
/// </summary>
internal sealed class GroupMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        PoolEnvelope envelope => envelope.GroupId,
        _ => null,
    };

    public object? EntityMessage(object message) => message switch
    {
        PoolEnvelope envelope => envelope.Message,
        _ => message,
    };

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
