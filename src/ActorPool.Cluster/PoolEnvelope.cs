using Akka.Actor;

namespace ActorPool.Cluster;

/// <summary>
/// Delivers <see cref="Message"/> to the pool group <see cref="GroupId"/> wherever in the cluster it
/// lives: send it to the group type's region (<see cref="ClusterPools.Region"/>) from any node.
/// Replies go to the sender, across nodes.
/// </summary>
/// <remarks>
/// <para>The message must be portable (<see cref="IPortableMessage"/>): <see cref="ScaleChanged"/>,
/// <see cref="GetPoolStatus"/>, <see cref="AwaitSettled"/>, <see cref="KillWorkers"/>,
/// <see cref="StopGracefully"/>, <see cref="ChangeGroupSettings"/>, <see cref="RenewLease"/>,
/// <see cref="ReleaseLease"/>, <c>AcquireRemoteLease</c>, or a message of your own with a
/// serializer. A group may move to another node at any moment, so a local-only message is refused
/// here, before anything is sent, even when the group happens to live on this node.</para>
/// </remarks>
public sealed record PoolEnvelope : IPortableMessage
{
    /// <summary>Wraps <paramref name="message"/> for group <paramref name="groupId"/>.</summary>
    /// <param name="groupId">The group's key: a tenant, a device fleet; not empty.</param>
    /// <param name="message">What to deliver to the group's supervisor.</param>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty, or
    /// <paramref name="message"/> is an <see cref="AcquireLease"/> (use <c>AcquireRemoteLease</c>)
    /// or <see cref="UpdateSettings"/> (use <see cref="ChangeGroupSettings"/>).</exception>
    /// <exception cref="NotPortableJobException"><paramref name="message"/> is a <see cref="Submit"/>:
    /// its delegate cannot cross nodes.</exception>
    public PoolEnvelope(string groupId, object message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentNullException.ThrowIfNull(message);
        if (LocalOnly.Refusal(message) is { } refusal)
        {
            throw refusal;
        }
        GroupId = groupId;
        Message = message;
    }

    /// <summary>The group's key.</summary>
    public string GroupId { get; }

    /// <summary>The message for the group's supervisor.</summary>
    public object Message { get; }
}

/// <summary>The messages that never cross nodes, and what to send instead.</summary>
internal static class LocalOnly
{
    public static Exception? Refusal(object message) => message switch
    {
        Submit => new NotPortableJobException(
            "A Submit carries a delegate, whose code and captured state cannot cross nodes, and a pool group may "
            + "move to another node at any moment. Write a job class implementing ActorPool.Process.IProcessJob<TArgument, TResult>, "
            + "register it on the hosting nodes (actor-pool.cluster.job-types or ClusterPools.RegisterJob<TJob>()), and call "
            + "ClusterPools.SubmitAsync<TJob, TArgument, TResult>(typeName, groupId, argument, timeout)."),
        AcquireLease => new ArgumentException(
            "An AcquireLease is answered with a LeasedExecutor that runs work on local threads, so it cannot cross nodes. "
            + "Send AcquireRemoteLease, or call ClusterPools.AcquireLeaseAsync(typeName, groupId, leaseFor, waitUpTo).",
            nameof(message)),
        UpdateSettings => new ArgumentException(
            "An UpdateSettings carries settings objects or a delegate, which do not cross nodes. Send ChangeGroupSettings "
            + "(min-pools, max-pools, units-per-pool, workers-per-pool); the group keeps it when it moves.",
            nameof(message)),
        LeaseGranted => new ArgumentException(
            "A LeaseGranted holds a LeasedExecutor that runs work on local threads; it cannot cross nodes. "
            + "A remote holder gets a RemoteLeaseGranted instead.",
            nameof(message)),
        PoolEnvelope => new ArgumentException("A PoolEnvelope cannot wrap another PoolEnvelope.", nameof(message)),
        _ => null,
    };
}
