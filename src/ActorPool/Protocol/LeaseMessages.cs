using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Asks a <c>PoolSupervisor</c> for exclusive use of one whole pool for <see cref="LeaseFor"/>.
/// </summary>
/// <remarks>
/// Reply: <see cref="LeaseGranted"/>, from an idle pool or from a new pool when none is idle and
/// fewer than <c>max-pools</c> exist. Otherwise the request waits, strictly first come first
/// served, up to <see cref="WaitUpTo"/>, then fails with
/// <see cref="Status.Failure"/>(<see cref="LeaseUnavailableException"/>); a zero wait fails at once.
/// A non-positive <see cref="LeaseFor"/>, one above <c>lease.max-total</c>, or a negative
/// <see cref="WaitUpTo"/> fails with <see cref="ArgumentException"/> and changes nothing.
/// The holder (the sender, unless <see cref="Holder"/> is given) is watched: when it stops, its
/// lease is released at once. The temporary actor behind an <c>Ask</c> is not a holder, since it
/// stops as soon as the reply arrives; such a lease ends by release or expiry only.
/// </remarks>
/// <param name="LeaseFor">How long the lease lasts before it expires (soft expiry).</param>
/// <param name="WaitUpTo">How long to wait for a free pool; zero fails fast.</param>
/// <param name="Holder">The actor whose death releases the lease, or <see langword="null"/> for the sender.</param>
public sealed record AcquireLease(TimeSpan LeaseFor, TimeSpan WaitUpTo, IActorRef? Holder = null)
    : INoSerializationVerificationNeeded;

/// <summary>Reply to <see cref="AcquireLease"/>: the leased pool, ready for work.</summary>
/// <param name="Executor">Exclusive use of the pool until the lease ends.</param>
public sealed record LeaseGranted(ILeasedExecutor Executor) : INoSerializationVerificationNeeded;

/// <summary>
/// Told to a lease's holder at soft expiry: the lease is revoked after <see cref="UntilRevoke"/>
/// unless it is renewed.
/// </summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="UntilRevoke">The grace left before the lease is revoked.</param>
public sealed record LeaseExpiring(string LeaseId, TimeSpan UntilRevoke) : INoSerializationVerificationNeeded;

/// <summary>Told to a lease's holder at hard expiry: the lease was revoked and its work cancelled.</summary>
/// <param name="LeaseId">The lease.</param>
public sealed record LeaseRevoked(string LeaseId) : INoSerializationVerificationNeeded;

/// <summary>Moves a lease's expiry later by <see cref="Extra"/>, up to <c>lease.max-total</c>. Reply: <see cref="LeaseRenewed"/>.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Extra">A positive duration.</param>
public sealed record RenewLease(string LeaseId, TimeSpan Extra) : INoSerializationVerificationNeeded;

/// <summary>Reply to <see cref="RenewLease"/>.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="UntilSoftExpiry">Time left until it expires.</param>
/// <param name="UntilHardExpiry">Time left until it is revoked.</param>
/// <param name="Capped">Whether <c>lease.max-total</c> cut the renewal short.</param>
public sealed record LeaseRenewed(string LeaseId, TimeSpan UntilSoftExpiry, TimeSpan UntilHardExpiry, bool Capped)
    : INoSerializationVerificationNeeded;

/// <summary>
/// Ends a lease, like <see cref="ILeasedExecutor.ReleaseAsync()"/>. Reply: <see cref="Akka.Done.Instance"/>
/// once the pool is back; <see cref="UnknownLeaseException"/> for an id the supervisor never granted.
/// </summary>
/// <param name="LeaseId">The lease.</param>
public sealed record ReleaseLease(string LeaseId) : INoSerializationVerificationNeeded;
