using Akka.Actor;

namespace ActorPool.Cluster.Internal.Leases;

/// <summary>The kinds of failure a lease request can end with across nodes; each maps to one exception type.</summary>
internal enum LeaseFault
{
    /// <summary><see cref="LeaseUnavailableException"/>: no pool within the wait, or the group is moving.</summary>
    Unavailable = 1,

    /// <summary><see cref="ArgumentException"/>: e.g. a lease longer than <c>lease.max-total</c>.</summary>
    Invalid = 2,

    /// <summary><see cref="InvalidOperationException"/>: e.g. a renewal of a lease already at <c>lease.max-total</c>.</summary>
    Refused = 3,

    /// <summary><see cref="LeaseExpiredException"/>.</summary>
    Expired = 4,

    /// <summary><see cref="LeaseReleasedException"/>.</summary>
    Released = 5,

    /// <summary><see cref="UnknownLeaseException"/>: the group's node holds no lease of that id.</summary>
    Unknown = 6,

    /// <summary><see cref="OperationCanceledException"/>: the group's supervisor stopped.</summary>
    Stopped = 7,

    /// <summary><see cref="TimeoutException"/>: the group's supervisor did not answer in time.</summary>
    TimedOut = 8,
}

/// <summary>Turns a lease failure into a fixed kind on the group's node, and back into an exception on the caller's.</summary>
internal static class LeaseFaults
{
    public static LeaseFault Of(Exception error) => Unwrap(error) switch
    {
        LeaseUnavailableException => LeaseFault.Unavailable,
        UnknownLeaseException => LeaseFault.Unknown,
        LeaseExpiredException => LeaseFault.Expired,
        LeaseReleasedException => LeaseFault.Released,
        ArgumentException => LeaseFault.Invalid,
        AskTimeoutException or TimeoutException => LeaseFault.TimedOut,
        OperationCanceledException => LeaseFault.Stopped,
        _ => LeaseFault.Refused,
    };

    /// <summary>The message to send along: the error's own, then where it happened.</summary>
    public static string Reason(Exception error, string groupId, string node) =>
        $"{Unwrap(error).Message} (pool group [{groupId}] on {node})";

    public static Exception ToException(LeaseFault fault, string reason) => fault switch
    {
        LeaseFault.Unavailable => new LeaseUnavailableException(reason),
        LeaseFault.Invalid => new ArgumentException(reason),
        LeaseFault.Expired => new LeaseExpiredException(reason),
        LeaseFault.Released => new LeaseReleasedException(reason),
        LeaseFault.Unknown => new UnknownLeaseException(reason),
        LeaseFault.Stopped => new OperationCanceledException(reason),
        LeaseFault.TimedOut => new TimeoutException(reason),
        _ => new InvalidOperationException(reason),
    };

    public static Exception Unwrap(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : error;
}
