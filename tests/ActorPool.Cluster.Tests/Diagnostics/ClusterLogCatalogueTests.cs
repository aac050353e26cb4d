using ActorPool.Tests.Diagnostics;

namespace ActorPool.Cluster.Tests.Diagnostics;

/// <summary>The cluster module's log catalogue: stable ids in 3000-3999, each documented.</summary>
public sealed class ClusterLogCatalogueTests
{
    [Fact]
    public void EveryEntry_HasAUniqueIdInItsRange_AndARowInTheDoc()
    {
        // Internal to ActorPool.Cluster and not visible here: found by name.
        var catalogue = typeof(ClusterPools).Assembly.GetType("ActorPool.Cluster.Internal.Diagnostics.ClusterLog", throwOnError: true)!;

        Assert.Empty(LogCatalogueCheck.Problems(catalogue, 3000, 3999));
    }
}
