namespace ActorPool;

/// <summary>
/// Marks a message that may cross to another node: it holds only data (no delegate, no actor-local
/// object), and ActorPool.Cluster binds this interface to its System.Text.Json serializer in
/// <c>HOCON/cluster.conf</c>. Messages without it (<see cref="Submit"/>, <see cref="AcquireLease"/>,
/// <see cref="LeaseGranted"/>, <see cref="UpdateSettings"/>) are local only: they carry code or a
/// local executor, and the cluster module refuses them on the sending side.
/// </summary>
public interface IPortableMessage
{
}
