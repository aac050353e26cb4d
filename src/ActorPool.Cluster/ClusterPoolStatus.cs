namespace ActorPool.Cluster;

/// <summary>Asks for every group of one type with its node and status, and every node's load: send it to <see cref="ClusterPools.Ref"/>. Reply: <see cref="ClusterPoolStatus"/>, or <see cref="Akka.Actor.Status.Failure"/> when the type is not started on that node.</summary>
/// <param name="TypeName">The group type, as passed to <see cref="ClusterPools.StartAsync"/>.</param>
public sealed record GetClusterPoolStatus(string TypeName) : IPortableMessage;

/// <summary>The groups of one type across the cluster, and the load of each node.</summary>
/// <param name="TypeName">The group type.</param>
/// <param name="Groups">Every group that answered, by key.</param>
/// <param name="Unanswered">Groups the coordinator knows that did not answer in time (moving, or on a lost node).</param>
/// <param name="Nodes">The latest load each node shared.</param>
public sealed record ClusterPoolStatus(
    string TypeName,
    IReadOnlyList<GroupStatus> Groups,
    IReadOnlyList<string> Unanswered,
    IReadOnlyList<NodeLoad> Nodes) : IPortableMessage;

/// <summary>One group: where it lives and its supervisor's status.</summary>
/// <param name="GroupId">The group's key.</param>
/// <param name="Node">The address of the node hosting it.</param>
/// <param name="Status">Its supervisor's status.</param>
public sealed record GroupStatus(string GroupId, string Node, PoolStatus Status) : IPortableMessage;
