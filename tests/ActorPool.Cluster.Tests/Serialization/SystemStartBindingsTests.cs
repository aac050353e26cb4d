using ActorPool.Cluster.Tests.Support;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.DistributedData;
using Akka.DistributedData.Internal;
using Akka.DistributedData.Serialization;

namespace ActorPool.Cluster.Tests.Serialization;

/// <summary>
/// A system created over <see cref="ClusterPools.DefaultConfig"/> has Distributed Data's and
/// sharding's serializers bound from its first moment, before any extension injects its defaults:
/// those injections race when several threads start extensions at once, and the replicator, which
/// looks its serializer up once, then fell back to Newtonsoft (an ERROR in about one run in six of
/// samples/ClusterThreeNodes).
/// </summary>
public sealed class SystemStartBindingsTests
{
    [Fact]
    public async Task DistributedDataAndSharding_AreBoundToTheirOwnSerializers_BeforeAnyExtensionStarts()
    {
        var system = ActorSystem.Create("bindings", ClusterNodes.Config("", []));
        try
        {
            Assert.IsType<ReplicatorMessageSerializer>(system.Serialization.FindSerializerForType(typeof(DataEnvelope)));
            Assert.IsType<ReplicatedDataSerializer>(system.Serialization.FindSerializerForType(typeof(LWWDictionary<string, NodeLoad>)));
            Assert.Equal("Akka.Cluster.Sharding.Serialization.ClusterShardingMessageSerializer",
                system.Serialization.FindSerializerForType(typeof(ShardRegion.StartEntity)).GetType().FullName);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
