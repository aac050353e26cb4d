using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorPool.Cluster.TestNode;

/// <summary>A <see cref="WorkRequest"/> for the plain entity <see cref="EntityId"/>.</summary>
/// <param name="EntityId">The entity, named like a group.</param>
/// <param name="Request">The work.</param>
public sealed record PlainEnvelope(string EntityId, WorkRequest Request);

/// <summary>
/// The <c>plain</c> mode's entity: answers a <see cref="WorkRequest"/> like <see cref="WorkJob"/>
/// does, with no pool, tracker or kept state: plain Akka.Cluster.Sharding.
/// </summary>
public sealed class PlainEntity : ReceiveActor
{
    /// <summary>Creates the entity.</summary>
    public PlainEntity()
    {
        var node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<WorkRequest>(request =>
        {
            var reply = new WorkReply(request.Seq, node);
            if (request.DelayMs <= 0)
            {
                Sender.Tell(reply);
                return;
            }
            Task.Delay(request.DelayMs).ContinueWith(_ => reply, TaskScheduler.Default).PipeTo(Sender);
        });
    }
}

/// <summary>One shard per entity, as ActorPool.Cluster has one shard per group, so both place and move the same units.</summary>
public sealed class PlainExtractor : IMessageExtractor
{
    /// <inheritdoc/>
    public string? EntityId(object message) => (message as PlainEnvelope)?.EntityId;

    /// <inheritdoc/>
    public object? EntityMessage(object message) => message is PlainEnvelope envelope ? envelope.Request : message;

    /// <inheritdoc/>
    public string? ShardId(object message) => EntityId(message);

    /// <inheritdoc/>
    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
