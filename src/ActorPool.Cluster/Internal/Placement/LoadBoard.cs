using System.Collections.Immutable;

namespace ActorPool.Cluster.Internal.Placement;

/// <summary>
/// The latest <see cref="NodeLoad"/> of every node, as Distributed Data last delivered it to this
/// node. Written by the load publisher, read by the allocation strategy on the coordinator's thread.
/// </summary>
internal sealed class LoadBoard
{
    private ImmutableDictionary<string, NodeLoad> _loads = ImmutableDictionary<string, NodeLoad>.Empty;

    public ImmutableDictionary<string, NodeLoad> Loads => Volatile.Read(ref _loads);

    public void Set(ImmutableDictionary<string, NodeLoad> loads) => Volatile.Write(ref _loads, loads);
}
