namespace ActorPool.Cluster.Internal.Groups;

/// <summary>
/// What a group keeps across moves and node loss: its last unit count and the settings changes
/// made through <see cref="ChangeGroupSettings"/>. One entry per group in a Distributed Data
/// last-writer-wins map per group type.
/// </summary>
internal sealed record GroupState(int? Units, ChangeGroupSettings Changes) : IPortableMessage
{
    public static GroupState Empty { get; } = new(null, new ChangeGroupSettings());
}

/// <summary>The hand-off stop message: the group drains its work (<see cref="StopGracefully"/>) before it stops.</summary>
internal sealed class GroupHandOff
{
    public static GroupHandOff Instance { get; } = new();

    private GroupHandOff()
    {
    }
}
