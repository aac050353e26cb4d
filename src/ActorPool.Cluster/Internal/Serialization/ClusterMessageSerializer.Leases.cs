using System.Text.Json;
using System.Text.Json.Serialization;
using ActorPool.Cluster.Internal.Leases;
using Akka.Actor;

namespace ActorPool.Cluster.Internal.Serialization;

/// <summary>The remote-lease messages: they carry actor references, written as serialized actor paths.</summary>
public sealed partial class ClusterMessageSerializer
{
    partial void AddLeaseMessages()
    {
        var json = new JsonSerializerOptions(s_json) { Converters = { new ActorRefConverter(system) } };
        WithRefs<AcquireRemoteLease>("arl", json);
        WithRefs<RemoteLeaseGranted>("rlg", json);
        WithRefs<LeaseLost>("llo", json);
        WithRefs<LeaseAcquire>("lw-acq", json);
        WithRefs<LeaseAcquireAccepted>("lw-acc", json);
        WithRefs<LeaseAcquired>("lw-ok", json);
        WithRefs<LeaseRefused>("lw-no", json);
        WithRefs<RenewRemoteLease>("lw-ren", json);
        WithRefs<ReleaseRemoteLease>("lw-rel", json);
        WithRefs<RemoteLeaseReleased>("lw-reld", json);
        WithRefs<LeaseFailed>("lw-err", json);
        WithRefs<LeaseEnded>("lw-end", json);
    }

    private void WithRefs<T>(string manifest, JsonSerializerOptions json) =>
        Add(manifest, o => JsonSerializer.SerializeToUtf8Bytes((T)o, json), b => JsonSerializer.Deserialize<T>(b, json)!, typeof(T));

    /// <summary>
    /// An <see cref="IActorRef"/> as its serialized path (with the node's address and the actor's
    /// uid), resolved on the receiving node: a remote reference there, or the local actor.
    /// </summary>
    private sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
    {
        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { Length: > 0 } path ? system.Provider.ResolveActorRef(path) : ActorRefs.Nobody;

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
