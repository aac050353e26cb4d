namespace ActorPool.Cluster.Internal.Placement;

/// <summary>
/// Replaces the load this node shares: while <see cref="Source"/> is set, the load publisher shares
/// its value (with this node's address) instead of the node's <c>SystemLoad</c> snapshot. Set
/// through <c>ClusterPools.UseLoadSource</c>; tests use it to make one node of an in-process
/// cluster overloaded, since all of them measure the same process.
/// </summary>
internal sealed class LoadOverride
{
    private Func<NodeLoad>? _source;

    /// <summary>The replacement, read on the publisher's thread each publish-interval; null for SystemLoad's.</summary>
    public Func<NodeLoad>? Source
    {
        get => Volatile.Read(ref _source);
        set => Volatile.Write(ref _source, value);
    }
}
