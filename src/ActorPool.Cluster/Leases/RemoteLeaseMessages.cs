using ActorPool.Internal.Settings;
using Akka.Actor;

namespace ActorPool.Cluster;

// As the core's lease messages: each checked property is redeclared with an init accessor that
// checks, so neither `new` nor `with` makes a message that would throw inside an actor, and a
// message that redeclares some properties redeclares all of them, in order (ToString stays as it was).

/// <summary>
/// Asks a pool group, wherever it lives, for exclusive use of one of its pools: the cross-node form
/// of the core's <see cref="AcquireLease"/>. Send it in a <see cref="PoolEnvelope"/>; most callers
/// use <see cref="ClusterPools.AcquireLeaseAsync"/>, which sends it for them and returns a
/// <see cref="RemoteLeasedExecutor"/>.
/// </summary>
/// <remarks>
/// <para>The group's node acquires the lease from its local <c>PoolSupervisor</c> with
/// <see cref="Holder"/> as the core lease's holder, so the core watches that actor across nodes as
/// it watches a local one: when the holder stops, or its node is removed from the cluster, the lease
/// is released. The holder receives the core's <see cref="LeaseExpiring"/> and
/// <see cref="LeaseRevoked"/> from the group's node.</para>
/// <para>Reply: <see cref="RemoteLeaseGranted"/>; or <see cref="Status.Failure"/> with the core's
/// <see cref="LeaseUnavailableException"/> (no pool within <see cref="WaitUpTo"/>, or the group is
/// moving) or <see cref="ArgumentException"/> (<see cref="LeaseFor"/> above
/// <c>lease.max-total</c>). Renew and release the lease by sending the core's
/// <see cref="RenewLease"/> and <see cref="ReleaseLease"/> to <see cref="RemoteLeaseGranted.Entity"/>.
/// A lease taken with this message alone is not followed by ActorPool on the sender's node: nobody
/// receives <see cref="LeaseLost"/> for it; use <see cref="ClusterPools.AcquireLeaseAsync"/> for that.</para>
/// </remarks>
/// <param name="LeaseFor">How long the lease lasts before it expires (soft expiry): above zero and at
/// most <see cref="int.MaxValue"/> milliseconds.</param>
/// <param name="WaitUpTo">How long to wait for a free pool: zero fails fast,
/// <see cref="Timeout.InfiniteTimeSpan"/> waits until a pool is free; otherwise zero to
/// <see cref="int.MaxValue"/> milliseconds.</param>
/// <param name="Holder">The actor, on any node, whose death releases the lease; <see langword="null"/>
/// for the sender, which is not watched when it is the temporary actor of an <c>Ask</c>.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="LeaseFor"/> or
/// <paramref name="WaitUpTo"/> is out of range.</exception>
public sealed record AcquireRemoteLease(TimeSpan LeaseFor, TimeSpan WaitUpTo, IActorRef? Holder = null) : IPortableMessage
{
    /// <summary>How long the lease lasts before it expires (soft expiry).</summary>
    /// <value>Above zero and at most <see cref="int.MaxValue"/> milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set out of range by <c>with</c>.</exception>
    public TimeSpan LeaseFor { get; init => field = CheckLeaseFor(value); } = CheckLeaseFor(LeaseFor);

    /// <summary>How long to wait for a free pool.</summary>
    /// <value>Zero (fail fast) to <see cref="int.MaxValue"/> milliseconds, or
    /// <see cref="Timeout.InfiniteTimeSpan"/> to wait until a pool is free.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set out of range by <c>with</c>.</exception>
    public TimeSpan WaitUpTo { get; init => field = CheckWaitUpTo(value); } = CheckWaitUpTo(WaitUpTo);

    /// <summary>The actor whose death releases the lease.</summary>
    /// <value>The default value is <see langword="null"/>: the sender holds the lease.</value>
    public IActorRef? Holder { get; init; } = Holder;

    private static TimeSpan CheckLeaseFor(TimeSpan value) =>
        value > TimeSpan.Zero && value <= DurationLimits.Max
            ? value
            : throw OutOfRange(nameof(LeaseFor), value, $"AcquireRemoteLease leaseFor must be > 0 and <= [{DurationLimits.MaxText}], was: [{value}]");

    private static TimeSpan CheckWaitUpTo(TimeSpan value) =>
        (value >= TimeSpan.Zero && value <= DurationLimits.Max) || value == Timeout.InfiniteTimeSpan
            ? value
            : throw OutOfRange(nameof(WaitUpTo), value,
                $"AcquireRemoteLease waitUpTo must be >= 0 and <= [{DurationLimits.MaxText}], or Timeout.InfiniteTimeSpan to wait forever, was: [{value}]");

    // Its ParamName is the property (and constructor parameter) that was out of range.
    private static ArgumentOutOfRangeException OutOfRange(string property, TimeSpan value, string message) => new(property, value, message);
}

/// <summary>
/// Reply to <see cref="AcquireRemoteLease"/>: a pool of group <see cref="GroupId"/> is leased. The
/// pool and its local <see cref="ILeasedExecutor"/> stay on the group's node; this names them.
/// </summary>
/// <remarks>
/// Send the core's <see cref="RenewLease"/> and <see cref="ReleaseLease"/> with
/// <see cref="LeaseId"/> to <see cref="Entity"/>, not through the region: the lease belongs to this
/// incarnation of the group, on this node, and does not move with the group. The deadlines are
/// durations from the moment the group's node granted the lease, because the clocks of two nodes
/// are not comparable.
/// </remarks>
/// <param name="TypeName">The pool group type.</param>
/// <param name="GroupId">The pool group.</param>
/// <param name="LeaseId">The lease's id, unique within this incarnation of the group.</param>
/// <param name="Pool">The leased pool's name, as in <see cref="PoolInfo.Name"/>.</param>
/// <param name="Entity">The group's actor on its hosting node; its address is that node.</param>
/// <param name="UntilSoftExpiry">Time left until the lease expires, at the grant.</param>
/// <param name="UntilHardExpiry">Time left until it is revoked (<c>lease.grace</c> later), at the grant.</param>
public sealed record RemoteLeaseGranted(
    string TypeName,
    string GroupId,
    string LeaseId,
    string Pool,
    IActorRef Entity,
    TimeSpan UntilSoftExpiry,
    TimeSpan UntilHardExpiry) : IPortableMessage;

/// <summary>
/// Told to the holder of a lease taken with <see cref="ClusterPools.AcquireLeaseAsync"/> when the
/// lease ended because its pool group was lost: the node hosting the group was removed from the
/// cluster (crashed and downed, or left), or the group stopped there (it moved to another node).
/// The leased pool is gone with it: the lease's jobs in flight fail with
/// <see cref="GroupLostException"/> and its <see cref="RemoteLeasedExecutor"/> refuses new ones.
/// </summary>
/// <remarks>
/// Sent once per lease, by the node that acquired the lease, to the holder given there; nothing is
/// sent when no holder was given. Acquire again to lease a pool of the group on its new node.
/// </remarks>
/// <param name="TypeName">The pool group type.</param>
/// <param name="GroupId">The pool group.</param>
/// <param name="LeaseId">The lost lease's id.</param>
/// <param name="Reason">Why, naming the group's node, e.g. <c>node akka.tcp://app@10.0.0.3:4053 hosting it was removed from the cluster</c>.</param>
public sealed record LeaseLost(string TypeName, string GroupId, string LeaseId, string Reason) : IPortableMessage;
