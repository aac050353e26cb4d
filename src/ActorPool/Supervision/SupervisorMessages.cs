using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using Akka.Actor;

namespace ActorPool.Internal.Supervision;

/// <summary>Jobs wait in the overflow queue while a table with pools exists: hand them out.</summary>
internal sealed class DrainOverflow : INoSerializationVerificationNeeded
{
    public static readonly DrainOverflow Instance = new();
}

/// <summary>Asks a supervisor for its data plane; a client asks once, then submits without messages.</summary>
internal sealed class GetDataPlane : INoSerializationVerificationNeeded
{
    public static readonly GetDataPlane Instance = new();
}

/// <summary>A lease request from <see cref="PoolClient"/> that names no duration: the supervisor's
/// own <c>lease.default-duration</c> applies.</summary>
internal sealed record AcquireDefaultLease(TimeSpan WaitUpTo) : INoSerializationVerificationNeeded;

/// <summary>A released lease's work has finished: its pool is back.</summary>
internal sealed record LeaseReturned(LeasedExecutor Lease, LeaseStep Step) : INoSerializationVerificationNeeded;

/// <summary>A lease was revoked at hard expiry: its pool drains.</summary>
internal sealed record LeaseWasRevoked(LeasedExecutor Lease) : INoSerializationVerificationNeeded;

/// <summary>A pool's threads have all ended.</summary>
internal sealed record PoolEnded(string Pool) : INoSerializationVerificationNeeded;

/// <summary>A shared pool ran out of work while lease requests waited.</summary>
internal sealed class PoolIdle : INoSerializationVerificationNeeded
{
    public static readonly PoolIdle Instance = new();
}

/// <summary>Timer messages of the supervisor.</summary>
internal static class Ticks
{
    public sealed class Check
    {
        public static readonly Check Instance = new();
    }

    public sealed class LogState
    {
        public static readonly LogState Instance = new();
    }

    public sealed record WaiterDue(long Waiter);

    /// <summary>A revoked pool's revoke-timeout is up; names the lease and holder for the Stuck event.</summary>
    public sealed record StuckDue(string Pool, string LeaseId, string Holder);
}

/// <summary>The reply to <see cref="GetDataPlane"/>.</summary>
internal sealed record DataPlaneOf(DataPlane Plane) : INoSerializationVerificationNeeded;
