using Akka.Event;

namespace ActorPool.Cluster.Internal.Leases;

// The wire between a node's lease tracker (LeaseTracker) and a group's entity (GroupLeases) for
// leases taken with ClusterPools.AcquireLeaseAsync. The tracker sends LeaseAcquire through the
// region; the entity answers LeaseAcquireAccepted at once, then LeaseAcquired or LeaseRefused with
// the request's id, and later LeaseEnded when the lease ends on the group's node. The handle
// renews and releases by asking the entity directly. Jobs under a lease are RunJob with a LeaseId,
// sent straight to the entity by the job tracker.

/// <summary>Messages the group's entity hands to its <see cref="GroupLeases"/>.</summary>
internal interface IGroupLeaseMessage : IPortableMessage;

/// <summary>Request <see cref="RequestId"/> of the sending tracker; its holder is never null.</summary>
internal sealed record LeaseAcquire(long RequestId, AcquireRemoteLease Request) : IGroupLeaseMessage;

/// <summary>The group took request <see cref="RequestId"/>: from now on it is lost with the group's node.</summary>
internal sealed record LeaseAcquireAccepted(long RequestId) : IPortableMessage;

/// <summary>Request <see cref="RequestId"/> was granted.</summary>
internal sealed record LeaseAcquired(long RequestId, RemoteLeaseGranted Granted) : IPortableMessage;

/// <summary>Request <see cref="RequestId"/> failed; a fixed kind, so no type name crosses.</summary>
internal sealed record LeaseRefused(long RequestId, LeaseFault Fault, string Reason) : IPortableMessage;

/// <summary>Moves a lease's expiry later, like the core's <see cref="RenewLease"/>. Reply: <see cref="LeaseRenewed"/> or <see cref="LeaseFailed"/>.</summary>
internal sealed record RenewRemoteLease(string LeaseId, TimeSpan Extra) : IGroupLeaseMessage;

/// <summary>Ends a lease, like the core's <see cref="ReleaseLease"/>. Reply: <see cref="RemoteLeaseReleased"/> once the pool is back, or <see cref="LeaseFailed"/>.</summary>
internal sealed record ReleaseRemoteLease(string LeaseId) : IGroupLeaseMessage;

/// <summary>The pool of lease <see cref="LeaseId"/> is back with its group (or the lease had ended already).</summary>
internal sealed record RemoteLeaseReleased(string LeaseId) : IPortableMessage;

/// <summary>A renewal or release failed on the group's node.</summary>
internal sealed record LeaseFailed(string LeaseId, LeaseFault Fault, string Reason) : IPortableMessage;

/// <summary>
/// Lease <see cref="LeaseId"/> of the sending entity ended. Told to the tracker that acquired it,
/// which may be gone by then: no dead letter is logged.
/// </summary>
internal sealed record LeaseEnded(string LeaseId, LeaseEnd End, string Detail) : IPortableMessage, IDeadLetterSuppression;

/// <summary>How a lease ended on the group's node.</summary>
internal enum LeaseEnd
{
    /// <summary>Released by its holder; its submitted work finished or was cut off.</summary>
    Released = 1,

    /// <summary>Its holder actor stopped, or the holder's node was removed.</summary>
    HolderStopped = 2,

    /// <summary>Revoked at hard expiry.</summary>
    Revoked = 3,

    /// <summary>The group stopped on its node with the lease active: it is lost with the group.</summary>
    Lost = 4,
}
