using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorPool.Tests.Support;

/// <summary>
/// An unbounded mailbox that counts every user message enqueued for its actor, by message type, so
/// a test can prove how many messages reached the supervisor. Configured in HOCON as
/// <see cref="PoolTestKit.CountingMailboxId"/>.
/// </summary>
public sealed class CountingMailbox : MailboxType, IProducesMessageQueue<UnboundedMessageQueue>
{
    private static readonly ConcurrentDictionary<string, MessageCounts> s_counts = new();

    public CountingMailbox(Akka.Actor.Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <summary>The counts of the actor at <paramref name="owner"/>'s path.</summary>
    public static MessageCounts Of(IActorRef owner) => s_counts[owner.Path.ToString()];

    public override IMessageQueue Create(IActorRef owner, ActorSystem system)
    {
        var counts = s_counts.GetOrAdd(owner.Path.ToString(), _ => new MessageCounts());
        return new CountingQueue(new UnboundedMessageQueue(), counts);
    }

    private sealed class CountingQueue(UnboundedMessageQueue inner, MessageCounts counts)
        : IMessageQueue, IUnboundedMessageQueueSemantics
    {
        public bool HasMessages => inner.HasMessages;

        public int Count => inner.Count;

        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            counts.Add(envelope.Message.GetType());
            inner.Enqueue(receiver, envelope);
        }

        public bool TryDequeue(out Envelope envelope) => inner.TryDequeue(out envelope);

        public void CleanUp(IActorRef owner, IMessageQueue deadletters) => inner.CleanUp(owner, deadletters);
    }
}

/// <summary>Messages counted by type; thread-safe.</summary>
public sealed class MessageCounts
{
    private readonly ConcurrentDictionary<Type, int> _byType = new();

    public void Add(Type type) => _byType.AddOrUpdate(type, 1, (_, n) => n + 1);

    /// <summary>A copy of the counts now.</summary>
    public IReadOnlyDictionary<Type, int> Snapshot() => new Dictionary<Type, int>(_byType);
}
