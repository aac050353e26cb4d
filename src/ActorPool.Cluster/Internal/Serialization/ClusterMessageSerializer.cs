using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorPool.Cluster.Internal.Groups;
using ActorPool.Cluster.Internal.Jobs;
using Akka.Actor;
using Akka.Serialization;

namespace ActorPool.Cluster.Internal.Serialization;

/// <summary>
/// The one serializer of every message that crosses nodes (<see cref="IPortableMessage"/>):
/// System.Text.Json with a fixed, short manifest per type. The manifest table is the allow-list:
/// a manifest off the wire is only looked up in it, never loaded as a type name.
/// </summary>
public sealed partial class ClusterMessageSerializer : SerializerWithStringManifest
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        // Load readings are NaN when unknown.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new ReadOnlySetConverter<LoadSignal>() },
    };

    private readonly Dictionary<Type, Entry> _byType = [];
    private readonly Dictionary<string, Entry> _byManifest = new(StringComparer.Ordinal);

    /// <summary>Created by Akka.NET from <c>akka.actor.serializers</c>.</summary>
    /// <param name="system">The actor system.</param>
    public ClusterMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
        // Core messages.
        Add("sc", _ => Json(new ScaleDto(((ScaleChanged)_).Units)), b => Read<ScaleDto>(b).Units is { } u ? new ScaleChanged(u) : ScaleChanged.Recheck, typeof(ScaleChanged));
        Singleton("gps", GetPoolStatus.Instance);
        Singleton("as", AwaitSettled.Instance);
        Singleton("kw", KillWorkers.Instance);
        Singleton("sg", StopGracefully.Instance);
        Record<SetPoolBounds>("spb");
        Record<PoolStatus>("ps");
        Record<RenewLease>("rnl");
        Record<ReleaseLease>("rll");
        Record<LeaseRenewed>("lrd");
        Record<LeaseExpiring>("lex");
        Record<LeaseRevoked>("lrv");

        // Cluster messages.
        Add("env", o => Envelope((PoolEnvelope)o), Envelope, typeof(PoolEnvelope));
        Record<ChangeGroupSettings>("cgs");
        Record<GetClusterPoolStatus>("gcs");
        Record<ClusterPoolStatus>("cps");
        Record<GroupStatus>("gs");
        Record<NodeLoad>("nl");
        Record<GroupState>("gst");
        Record<RunJob>("jr");
        Record<JobAccepted>("ja");
        Record<JobOutcome>("jo");
        AddLeaseMessages();
    }

    /// <inheritdoc/>
    public override int Identifier => 7301;

    /// <summary>Every manifest this serializer knows, with its type (for tests and docs).</summary>
    internal IReadOnlyDictionary<string, Type> Manifests => _byManifest.ToDictionary(e => e.Key, e => e.Value.Type);

    /// <inheritdoc/>
    public override string Manifest(object o) => Find(o).Manifest;

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) => Find(obj).Write(obj);

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest) =>
        _byManifest.TryGetValue(manifest, out var entry)
            ? entry.Read(bytes)
            : throw new SerializationException($"ActorPool.Cluster cannot read manifest [{manifest}]: it is not one of its message types (a node running another version?).");

    /// <summary>Lease messages; kept apart so the remote-lease types register in one place.</summary>
    partial void AddLeaseMessages();

    private Entry Find(object o) =>
        _byType.TryGetValue(o.GetType(), out var entry)
            ? entry
            : throw new ArgumentException(
                $"{o.GetType()} is marked IPortableMessage but ActorPool.Cluster's serializer has no manifest for it; "
                + "bind your own message types to a serializer of your own in akka.actor.serialization-bindings.");

    private void Add(string manifest, Func<object, byte[]> write, Func<byte[], object> read, Type type)
    {
        var entry = new Entry(manifest, type, write, read);
        _byType.Add(type, entry);
        _byManifest.Add(manifest, entry);
    }

    private void Record<T>(string manifest) => Add(manifest, o => Json((T)o), b => Read<T>(b)!, typeof(T));

    private void Singleton(string manifest, object instance) => Add(manifest, _ => [], _ => instance, instance.GetType());

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, s_json);

    private static T Read<T>(byte[] bytes) => JsonSerializer.Deserialize<T>(bytes, s_json)!;

    private byte[] Envelope(PoolEnvelope envelope)
    {
        // The wrapped message goes through whichever serializer it is bound to (ours, or the user's).
        var serializer = system.Serialization.FindSerializerFor(envelope.Message);
        return Json(new EnvelopeDto(envelope.GroupId, serializer.Identifier,
            Akka.Serialization.Serialization.ManifestFor(serializer, envelope.Message), serializer.ToBinary(envelope.Message)));
    }

    private PoolEnvelope Envelope(byte[] bytes)
    {
        var dto = Read<EnvelopeDto>(bytes);
        return new PoolEnvelope(dto.GroupId, system.Serialization.Deserialize(dto.Payload, dto.SerializerId, dto.Manifest));
    }

    /// <summary>Reads an <see cref="IReadOnlySet{T}"/> (the load snapshot's signal sets) as a <see cref="HashSet{T}"/>.</summary>
    private sealed class ReadOnlySetConverter<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<HashSet<T>>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }

    private sealed record Entry(string Manifest, Type Type, Func<object, byte[]> Write, Func<byte[], object> Read);

    private sealed record ScaleDto(int? Units);

    private sealed record EnvelopeDto(string GroupId, int SerializerId, string Manifest, byte[] Payload);
}
