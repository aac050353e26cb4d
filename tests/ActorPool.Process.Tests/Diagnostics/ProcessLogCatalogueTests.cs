using ActorPool.Internal.Process.Diagnostics;
using ActorPool.Tests.Diagnostics;

namespace ActorPool.Process.Tests.Diagnostics;

/// <summary>The process backend's log catalogue: stable ids in 2000-2999, each documented.</summary>
public sealed class ProcessLogCatalogueTests
{
    [Fact]
    public void EveryEntry_HasAUniqueIdInItsRange_AndARowInTheDoc()
    {
        Assert.Empty(LogCatalogueCheck.Problems(typeof(ProcessLog), 2000, 2999));
    }
}
