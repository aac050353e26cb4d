using ActorPool.Cluster.Internal.Groups;
using ActorPool.Cluster.Internal.Jobs;
using ActorPool.Cluster.Internal.Serialization;
using ActorPool.Cluster.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;

namespace ActorPool.Cluster.Tests.Serialization;

/// <summary>
/// Every message that crosses nodes goes through ActorPool.Cluster's serializer and comes back
/// the same; the local-only ones are refused on the sending side with what to send instead.
/// </summary>
public sealed class SerializationTests : TestKit
{
    private static readonly Config s_config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ClusterPools.DefaultConfig());

    public SerializationTests()
        : base(s_config)
    {
    }

    /// <summary>One sample of every type in the serializer's manifest table but the lease ones (LeaseSerializationTests has those).</summary>
    public async Task<IReadOnlyList<object>> SamplesAsync()
    {
        var supervisor = Sys.ActorOf(PoolSupervisor.Props(PoolSettings.Create(Sys) with { MinPools = 2 }));
        var status = await supervisor.Ask<PoolStatus>(AwaitSettled.Instance, TimeSpan.FromSeconds(10));
        var overloaded = status with { Load = LoadSnapshot.Of(DateTimeOffset.UnixEpoch, LoadSignal.Cpu) };
        var node = new NodeLoad("akka.tcp://app@127.0.0.1:4053", 0.42, double.NaN, false, DateTimeOffset.UnixEpoch);
        return
        [
            new ScaleChanged(5), ScaleChanged.Recheck, GetPoolStatus.Instance, AwaitSettled.Instance,
            KillWorkers.Instance, StopGracefully.Instance, new SetPoolBounds(1, 4), status, overloaded,
            new RenewLease("lease-1", TimeSpan.FromSeconds(5)), new ReleaseLease("lease-1"),
            new LeaseRenewed("lease-1", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), Capped: true),
            new LeaseExpiring("lease-1", TimeSpan.FromSeconds(3)), new LeaseRevoked("lease-1"),
            new PoolEnvelope("tenant-1", new ScaleChanged(3)), new PoolEnvelope("tenant-1", new ChangeGroupSettings(MaxPools: 4)),
            new PoolEnvelope("tenant-1", new SetPoolBounds(0, 2)),
            new ChangeGroupSettings(1, 5, null, 2), new GetClusterPoolStatus("tenants"),
            new ClusterPoolStatus("tenants", [new GroupStatus("tenant-1", node.Address, status)], ["tenant-2"], [node]),
            new GroupStatus("tenant-1", node.Address, status), node,
            new GroupState(7, new ChangeGroupSettings(MaxPools: 6)), GroupState.Empty,
            new RunJob(1, "Acme.Resize", "{\"width\":640}", 30_000), new RunJob(2, "Acme.Resize", "null", 1, "lease-1"),
            new JobAccepted(1), new JobOutcome(1, "{\"square\":144}", null, null), new JobOutcome(2, null, JobFailure.Threw, "boom"),
        ];
    }

    [Fact]
    public async Task Every_cross_node_message_round_trips_through_the_cluster_serializer()
    {
        var samples = await SamplesAsync();
        var serialization = Sys.Serialization;
        foreach (var message in samples)
        {
            var serializer = serialization.FindSerializerFor(message);
            Assert.IsType<ClusterMessageSerializer>(serializer);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
            var bytes = serializer.ToBinary(message);

            var back = serialization.Deserialize(bytes, serializer.Identifier, manifest);

            Assert.Equal(message.GetType(), back.GetType());
            // Written again, it gives the same bytes: nothing was dropped or changed on the way.
            Assert.Equal(bytes, serializer.ToBinary(back));
            if (message is not PoolStatus and not ClusterPoolStatus and not GroupStatus)
            {
                // Records without collections compare by value.
                Assert.Equal(message, back);
            }
        }
    }

    [Fact]
    public async Task Every_manifest_in_the_table_has_a_sample_here()
    {
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerForType(typeof(ScaleChanged));
        var sampled = (await SamplesAsync())
            .Concat(Leases.LeaseSerializationTests.Samples(TestActor, TestActor).Values)
            .Select(s => s.GetType())
            .ToHashSet();

        var missing = serializer.Manifests.Values.Where(t => !sampled.Contains(t)).Select(t => t.Name).ToList();

        Assert.True(missing.Count == 0, "No round-trip sample for: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task A_status_keeps_its_pools_and_load()
    {
        var status = (PoolStatus)(await SamplesAsync()).Last(s => s is PoolStatus);
        var serializer = Sys.Serialization.FindSerializerFor(status);

        var back = (PoolStatus)Sys.Serialization.Deserialize(serializer.ToBinary(status), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, status));

        Assert.Equal(2, back.Pools.Count);
        Assert.Equal(status.Pools[0], back.Pools[0] with { Capabilities = status.Pools[0].Capabilities });
        Assert.Equal(status.Pools[0].Capabilities, back.Pools[0].Capabilities);
        Assert.True(back.Load.Overloaded);
        Assert.Equal(status.Settled, back.Settled);
    }

    [Fact]
    public void A_status_keeps_its_unknown_load_readings()
    {
        var node = new NodeLoad("a", double.NaN, 0.5, true, DateTimeOffset.UnixEpoch);
        var serializer = Sys.Serialization.FindSerializerFor(node);

        var back = (NodeLoad)Sys.Serialization.Deserialize(serializer.ToBinary(node), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, node));

        Assert.True(double.IsNaN(back.Cpu));
        Assert.Equal(0.5, back.Score);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_without_loading_a_type()
    {
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerForType(typeof(ScaleChanged));

        var e = Assert.Throws<System.Runtime.Serialization.SerializationException>(
            () => serializer.FromBinary([], "System.Diagnostics.Process, System"));

        Assert.Contains("cannot read manifest [System.Diagnostics.Process, System]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_job_is_refused_on_the_sending_side_with_what_to_send_instead()
    {
        var submit = new Submit(() => 42);

        var envelope = Assert.Throws<NotPortableJobException>(() => new PoolEnvelope("tenant-1", submit));
        var serializer = Sys.Serialization.FindSerializerFor(submit);
        var wire = Assert.Throws<NotPortableJobException>(() => serializer.ToBinary(submit));

        Assert.IsType<LocalOnlySerializer>(serializer);
        Assert.Contains("IProcessJob", envelope.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterPools.SubmitAsync", wire.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_leases_and_settings_objects_are_refused_in_an_envelope()
    {
        var lease = Assert.Throws<ArgumentException>(() => new PoolEnvelope("t", new AcquireLease(TimeSpan.FromSeconds(1), TimeSpan.Zero)));
        var update = Assert.Throws<ArgumentException>(() => new PoolEnvelope("t", UpdateSettings.Change(s => s)));
        Assert.Throws<ArgumentException>(() => new PoolEnvelope(" ", new ScaleChanged(1)));

        Assert.Contains("AcquireRemoteLease", lease.Message, StringComparison.Ordinal);
        Assert.Contains("ChangeGroupSettings", update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_portable_message_type_the_serializer_does_not_know_names_itself()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new UnknownPortable());

        var e = Assert.Throws<ArgumentException>(() => serializer.ToBinary(new UnknownPortable()));

        Assert.Contains(nameof(UnknownPortable), e.Message, StringComparison.Ordinal);
    }

    private sealed record UnknownPortable : IPortableMessage;
}
