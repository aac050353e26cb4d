using ActorPool.Cluster.Internal.Leases;
using ActorPool.Cluster.Internal.Serialization;
using ActorPool.Cluster.Tests.Support;
using Akka.Actor;
using Akka.Serialization;

namespace ActorPool.Cluster.Tests.Leases;

/// <summary>Every remote-lease message crosses ActorPool.Cluster's serializer and comes back equal, actor references included.</summary>
public sealed class LeaseSerializationTests : Akka.TestKit.Xunit2.TestKit
{
    public LeaseSerializationTests()
        : base(ClusterNodes.Config("", []), "lease-serialization")
    {
    }

    public static TheoryData<string> Messages() => [.. Samples(ActorRefs.Nobody, ActorRefs.Nobody).Keys];

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_lease_message_round_trips_with_a_fixed_manifest(string name)
    {
        var holder = CreateTestProbe("holder").Ref;
        var entity = CreateTestProbe("entity").Ref;
        var message = Samples(holder, entity)[name];

        var serializer = Assert.IsType<ClusterMessageSerializer>(Sys.Serialization.FindSerializerFor(message));
        var manifest = serializer.Manifest(message);
        Assert.Equal(message.GetType(), serializer.Manifests[manifest]);
        var back = serializer.FromBinary(serializer.ToBinary(message), manifest);

        Assert.Equal(message, back);
    }

    [Fact]
    public void An_actor_reference_crosses_as_its_full_path_and_resolves_to_the_same_actor()
    {
        var holder = CreateTestProbe("holder");
        var message = new AcquireRemoteLease(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan, holder.Ref);
        var serializer = (ClusterMessageSerializer)Sys.Serialization.FindSerializerFor(message);

        var back = (AcquireRemoteLease)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.Equal(holder.Ref, back.Holder);
        Assert.Equal(Timeout.InfiniteTimeSpan, back.WaitUpTo);
        back.Holder!.Tell("hello");
        holder.ExpectMsg("hello");
        Assert.Contains(holder.Ref.Path.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Encoding.UTF8.GetString(serializer.ToBinary(message)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lease_request_out_of_range_is_refused_when_it_is_made_naming_the_field()
    {
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireRemoteLease(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal("LeaseFor", zero.ParamName);
        Assert.Contains("leaseFor must be > 0", zero.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new AcquireRemoteLease(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(-2)));
        Assert.Equal("WaitUpTo", negative.ParamName);
        var request = new AcquireRemoteLease(TimeSpan.FromSeconds(1), TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => request with { LeaseFor = TimeSpan.FromDays(30) });
    }

    internal static Dictionary<string, object> Samples(IActorRef holder, IActorRef entity)
    {
        var request = new AcquireRemoteLease(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(250), holder);
        var granted = new RemoteLeaseGranted("tenants", "t-1", "lease-3", "pool-2", entity, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        object[] all =
        [
            request,
            new AcquireRemoteLease(TimeSpan.FromSeconds(5), TimeSpan.Zero),
            granted,
            new LeaseLost("tenants", "t-1", "lease-3", "node akka.tcp://app@10.0.0.3:4053 hosting it was removed"),
            new LeaseAcquire(7, request),
            new LeaseAcquireAccepted(7),
            new LeaseAcquired(7, granted),
            new LeaseRefused(7, LeaseFault.Unavailable, "no pool within 0s"),
            new RenewRemoteLease("lease-3", TimeSpan.FromSeconds(2)),
            new ReleaseRemoteLease("lease-3"),
            new RemoteLeaseReleased("lease-3"),
            new LeaseFailed("lease-3", LeaseFault.Refused, "lease-3 already runs to actor-pool.lease.max-total"),
            new LeaseEnded("lease-3", LeaseEnd.Lost, "pool group [t-1] stopped"),
        ];
        return all.ToDictionary(m => m.GetType().Name + (m is AcquireRemoteLease { Holder: null } ? " without holder" : ""), m => m);
    }
}
