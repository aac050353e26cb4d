using Akka.Actor;

namespace ActorPool.Internal.Supervision;

/// <summary>Asks a supervisor for its books; a client asks once, then works without messages.</summary>
internal sealed class GetBooks : INoSerializationVerificationNeeded
{
    public static readonly GetBooks Instance = new();
}

/// <summary>The reply to <see cref="GetBooks"/>.</summary>
internal sealed record BooksOf(SupervisorBooks Books) : INoSerializationVerificationNeeded;

/// <summary>A lease request from <see cref="PoolClient"/> that names no duration: the supervisor's
/// own <c>lease.default-duration</c> applies.</summary>
internal sealed record AcquireDefaultLease(TimeSpan WaitUpTo) : INoSerializationVerificationNeeded;

/// <summary>A pool's threads have all ended.</summary>
internal sealed record PoolEnded(string Pool) : INoSerializationVerificationNeeded;

/// <summary>Something changed outside the supervisor (a lease taken, returned or ended, a request
/// waiting, a pool run dry) that it may have to act on. Coalesced: at most one is in the mailbox.</summary>
internal sealed class PoolsChanged : INoSerializationVerificationNeeded
{
    public static readonly PoolsChanged Instance = new();
}

/// <summary>Test hook: throws inside the supervisor, past its guard, so a test can make it restart.</summary>
internal sealed class CrashSupervisor : INoSerializationVerificationNeeded
{
    public static readonly CrashSupervisor Instance = new();
}

/// <summary>Test hook: a handler that throws <see cref="Error"/>, inside the guard every handler has.</summary>
internal sealed record FailInHandler(Exception Error) : INoSerializationVerificationNeeded;

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

    /// <summary>Jobs of a requirement started waiting for a pool: the capability policy decides now.</summary>
    public sealed class CapabilityWanted
    {
        public static readonly CapabilityWanted Instance = new();
    }

    /// <summary>Every sizing.decision-interval: the sizing loop decides from the live counters.</summary>
    public sealed class Decide
    {
        public static readonly Decide Instance = new();
    }
}
