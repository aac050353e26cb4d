using ActorPool.Internal.Settings;
using Akka.Actor;

namespace ActorPool;

// Every lease message is valid by construction: each checked property is redeclared with an init
// accessor that checks, and its initializer (which bypasses that accessor) checks the constructor's
// argument, so neither `new` nor `with` can make a message that would throw inside an actor.
// A record prints and compares its synthesized properties before those it declares, so a message
// that redeclares some properties redeclares all of them, in order: ToString stays as it was.

/// <summary>
/// Asks a <c>PoolSupervisor</c> for exclusive use of one whole pool for <see cref="LeaseFor"/>.
/// </summary>
/// <remarks>
/// Reply: <see cref="LeaseGranted"/>, from an idle pool or from a new pool when none is idle and
/// fewer than <c>max-pools</c> exist. Otherwise the request waits, strictly first come first
/// served, up to <see cref="WaitUpTo"/>, then fails with
/// <see cref="Status.Failure"/>(<see cref="LeaseUnavailableException"/>); a zero wait fails at once,
/// and <see cref="Timeout.InfiniteTimeSpan"/> waits until a pool is free.
/// The message cannot hold a non-positive <see cref="LeaseFor"/>, nor a <see cref="WaitUpTo"/>
/// below zero other than <see cref="Timeout.InfiniteTimeSpan"/>, nor either above
/// <see cref="int.MaxValue"/> milliseconds (about 24.8 days, the longest Akka's scheduler takes):
/// the constructor and <c>with</c> throw <see cref="ArgumentOutOfRangeException"/>. A
/// <see cref="LeaseFor"/> above <c>lease.max-total</c> fails at the supervisor with
/// <see cref="Status.Failure"/>(<see cref="ArgumentException"/>) and changes nothing.
/// The holder (the sender, unless <see cref="Holder"/> is given) is watched: when it stops, its
/// lease is released at once. The temporary actor behind an <c>Ask</c> is not a holder, since it
/// stops as soon as the reply arrives; such a lease ends by release or expiry only.
/// </remarks>
/// <param name="LeaseFor">How long the lease lasts before it expires (soft expiry): above zero and
/// at most <see cref="int.MaxValue"/> milliseconds.</param>
/// <param name="WaitUpTo">How long to wait for a free pool: zero fails fast,
/// <see cref="Timeout.InfiniteTimeSpan"/> waits forever; otherwise zero to <see cref="int.MaxValue"/>
/// milliseconds.</param>
/// <param name="Holder">The actor whose death releases the lease, or <see langword="null"/> for the sender.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="LeaseFor"/> or
/// <paramref name="WaitUpTo"/> is out of range.</exception>
public sealed record AcquireLease(TimeSpan LeaseFor, TimeSpan WaitUpTo, IActorRef? Holder = null)
    : INoSerializationVerificationNeeded
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

    private static TimeSpan CheckLeaseFor(TimeSpan value)
    {
        MessageChecks.Positive(value, nameof(AcquireLease), nameof(LeaseFor));
        return MessageChecks.AtMostMax(value, nameof(AcquireLease), nameof(LeaseFor));
    }

    // Timeout.InfiniteTimeSpan is -1 ms, so it passes the upper bound too.
    private static TimeSpan CheckWaitUpTo(TimeSpan value) =>
        MessageChecks.AtMostMax(
            MessageChecks.NotNegativeOrInfinite(value, nameof(AcquireLease), nameof(WaitUpTo)), nameof(AcquireLease), nameof(WaitUpTo));
}

/// <summary>Reply to <see cref="AcquireLease"/>: the leased pool, ready for work.</summary>
/// <param name="Executor">Exclusive use of the pool until the lease ends; not <see langword="null"/>.</param>
/// <exception cref="ArgumentNullException"><paramref name="Executor"/> is <see langword="null"/>.</exception>
public sealed record LeaseGranted(ILeasedExecutor Executor) : INoSerializationVerificationNeeded
{
    /// <summary>Exclusive use of the pool until the lease ends.</summary>
    /// <value>Never <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> by <c>with</c>.</exception>
    public ILeasedExecutor Executor { get; init => field = Check(value); } = Check(Executor);

    private static ILeasedExecutor Check(ILeasedExecutor value) =>
        MessageChecks.NotNull(value, nameof(LeaseGranted), nameof(Executor));
}

/// <summary>
/// Told to a lease's holder at soft expiry: the lease is revoked after <see cref="UntilRevoke"/>
/// unless it is renewed.
/// </summary>
/// <param name="LeaseId">The lease; not <see langword="null"/>.</param>
/// <param name="UntilRevoke">The grace left before the lease is revoked.</param>
/// <exception cref="ArgumentNullException"><paramref name="LeaseId"/> is <see langword="null"/>.</exception>
public sealed record LeaseExpiring(string LeaseId, TimeSpan UntilRevoke) : IPortableMessage, INoSerializationVerificationNeeded
{
    /// <summary>The lease.</summary>
    /// <value>Never <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> by <c>with</c>.</exception>
    public string LeaseId { get; init => field = Check(value); } = Check(LeaseId);

    /// <summary>The grace left before the lease is revoked.</summary>
    public TimeSpan UntilRevoke { get; init; } = UntilRevoke;

    private static string Check(string value) => MessageChecks.NotNull(value, nameof(LeaseExpiring), nameof(LeaseId));
}

/// <summary>Told to a lease's holder at hard expiry: the lease was revoked and its work cancelled.</summary>
/// <param name="LeaseId">The lease; not <see langword="null"/>.</param>
/// <exception cref="ArgumentNullException"><paramref name="LeaseId"/> is <see langword="null"/>.</exception>
public sealed record LeaseRevoked(string LeaseId) : IPortableMessage, INoSerializationVerificationNeeded
{
    /// <summary>The lease.</summary>
    /// <value>Never <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> by <c>with</c>.</exception>
    public string LeaseId { get; init => field = Check(value); } = Check(LeaseId);

    private static string Check(string value) => MessageChecks.NotNull(value, nameof(LeaseRevoked), nameof(LeaseId));
}

/// <summary>Moves a lease's expiry later by <see cref="Extra"/>, up to <c>lease.max-total</c>. Reply: <see cref="LeaseRenewed"/>.</summary>
/// <param name="LeaseId">The lease, as in <see cref="ILeasedExecutor.LeaseId"/>; not null, empty or whitespace.</param>
/// <param name="Extra">A positive duration; any, up to <see cref="TimeSpan.MaxValue"/>: the lease
/// is renewed up to its <c>lease.max-total</c> and <see cref="LeaseRenewed.Capped"/> says so.</param>
/// <exception cref="ArgumentNullException"><paramref name="LeaseId"/> is <see langword="null"/>.</exception>
/// <exception cref="ArgumentException"><paramref name="LeaseId"/> is empty or whitespace.</exception>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Extra"/> is not positive.</exception>
public sealed record RenewLease(string LeaseId, TimeSpan Extra) : IPortableMessage, INoSerializationVerificationNeeded
{
    /// <summary>The lease.</summary>
    /// <value>Not null, empty or whitespace.</value>
    /// <exception cref="ArgumentException">Set to null, empty or whitespace by <c>with</c>.</exception>
    public string LeaseId { get; init => field = CheckLeaseId(value); } = CheckLeaseId(LeaseId);

    /// <summary>How much later the lease should expire.</summary>
    /// <value>Above zero.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less by <c>with</c>.</exception>
    public TimeSpan Extra { get; init => field = CheckExtra(value); } = CheckExtra(Extra);

    private static string CheckLeaseId(string value) => MessageChecks.NotBlank(value, nameof(RenewLease), nameof(LeaseId));

    private static TimeSpan CheckExtra(TimeSpan value) => MessageChecks.Positive(value, nameof(RenewLease), nameof(Extra));
}

/// <summary>Reply to <see cref="RenewLease"/>.</summary>
/// <param name="LeaseId">The lease; not <see langword="null"/>.</param>
/// <param name="UntilSoftExpiry">Time left until it expires.</param>
/// <param name="UntilHardExpiry">Time left until it is revoked.</param>
/// <param name="Capped">Whether <c>lease.max-total</c> cut the renewal short.</param>
/// <exception cref="ArgumentNullException"><paramref name="LeaseId"/> is <see langword="null"/>.</exception>
public sealed record LeaseRenewed(string LeaseId, TimeSpan UntilSoftExpiry, TimeSpan UntilHardExpiry, bool Capped)
    : IPortableMessage, INoSerializationVerificationNeeded
{
    /// <summary>The lease.</summary>
    /// <value>Never <see langword="null"/>.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/> by <c>with</c>.</exception>
    public string LeaseId { get; init => field = Check(value); } = Check(LeaseId);

    /// <summary>Time left until it expires.</summary>
    public TimeSpan UntilSoftExpiry { get; init; } = UntilSoftExpiry;

    /// <summary>Time left until it is revoked.</summary>
    public TimeSpan UntilHardExpiry { get; init; } = UntilHardExpiry;

    /// <summary>Whether <c>lease.max-total</c> cut the renewal short.</summary>
    public bool Capped { get; init; } = Capped;

    private static string Check(string value) => MessageChecks.NotNull(value, nameof(LeaseRenewed), nameof(LeaseId));
}

/// <summary>
/// Ends a lease, like <see cref="ILeasedExecutor.ReleaseAsync()"/>. Reply: <see cref="Akka.Done.Instance"/>
/// once the pool is back; <see cref="UnknownLeaseException"/> for an id the supervisor never granted.
/// </summary>
/// <param name="LeaseId">The lease, as in <see cref="ILeasedExecutor.LeaseId"/>; not null, empty or whitespace.</param>
/// <exception cref="ArgumentNullException"><paramref name="LeaseId"/> is <see langword="null"/>.</exception>
/// <exception cref="ArgumentException"><paramref name="LeaseId"/> is empty or whitespace.</exception>
public sealed record ReleaseLease(string LeaseId) : IPortableMessage, INoSerializationVerificationNeeded
{
    /// <summary>The lease.</summary>
    /// <value>Not null, empty or whitespace.</value>
    /// <exception cref="ArgumentException">Set to null, empty or whitespace by <c>with</c>.</exception>
    public string LeaseId { get; init => field = Check(value); } = Check(LeaseId);

    private static string Check(string value) => MessageChecks.NotBlank(value, nameof(ReleaseLease), nameof(LeaseId));
}

/// <summary>
/// The argument checks of the lease messages. Each error's ParamName is the property (and
/// constructor parameter) and its message names the message type, the field and the value.
/// </summary>
file static class MessageChecks
{
    public static T NotNull<T>(T? value, string message, string property)
        where T : class =>
        value ?? throw new ArgumentNullException(property, $"{message} {Field(property)} must not be null, was: [null]");

    public static string NotBlank(string? value, string message, string property)
    {
        NotNull(value, message, property);
        return string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{message} {Field(property)} must not be empty or whitespace, was: [{value}]", property)
            : value;
    }

    public static TimeSpan Positive(TimeSpan value, string message, string property) =>
        value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(property, value, $"{message} {Field(property)} must be > 0, was: [{value}]");

    // Keeps the "must be >= 0, was: [...]" shape of every other range message, then names the
    // one negative value a wait may take.
    public static TimeSpan NotNegativeOrInfinite(TimeSpan value, string message, string property) =>
        value >= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(
                property,
                value,
                $"{message} {Field(property)} must be >= 0, was: [{value}]; the one negative value allowed is Timeout.InfiniteTimeSpan, to wait forever");

    public static TimeSpan AtMostMax(TimeSpan value, string message, string property) =>
        value <= DurationLimits.Max
            ? value
            : throw new ArgumentOutOfRangeException(
                property,
                value,
                $"{message} {Field(property)} must be <= [{DurationLimits.Max}] (int.MaxValue ms, the longest Akka's scheduler takes), was: [{value}]");

    // The messages spell fields as the rest of the project does: leaseFor, waitUpTo, leaseId.
    private static string Field(string property) => char.ToLowerInvariant(property[0]) + property[1..];
}
