using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ActorPool.Cluster.Internal.Serialization;

/// <summary>
/// Bound to the messages that must never cross nodes (<see cref="Submit"/>, <see cref="AcquireLease"/>,
/// <see cref="LeaseGranted"/>, <see cref="UpdateSettings"/>): sending one to a remote actor fails on
/// the sending side, and Akka.NET logs this serializer's message, which says what to send instead.
/// </summary>
public sealed class LocalOnlySerializer : Serializer
{
    /// <summary>Created by Akka.NET from <c>akka.actor.serializers</c>.</summary>
    /// <param name="system">The actor system.</param>
    public LocalOnlySerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => 7302;

    /// <inheritdoc/>
    public override bool IncludeManifest => false;

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) =>
        throw (LocalOnly.Refusal(obj) ?? new ArgumentException($"{obj.GetType()} is local only and cannot cross nodes."));

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException($"{type} is local only; no node sends it.");
}
