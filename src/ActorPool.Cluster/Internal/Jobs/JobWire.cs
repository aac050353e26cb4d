namespace ActorPool.Cluster.Internal.Jobs;

/// <summary>
/// Runs one remote job on the group that receives it. Sent once, never re-sent, so the job runs
/// at most once. <see cref="TimeoutMs"/> is what is left of the caller's timeout when sent.
/// </summary>
internal sealed record RunJob(long Id, string JobType, string ArgumentJson, long TimeoutMs, string? LeaseId = null) : IPortableMessage;

/// <summary>The group took the job: from now on the job is lost with the group's node.</summary>
internal sealed record JobAccepted(long Id) : IPortableMessage;

/// <summary>
/// How a job ended on the group's node: a result (JSON) or a failure of a fixed kind, so the
/// caller's node rebuilds a typed exception without reading a type name off the wire.
/// </summary>
internal sealed record JobOutcome(long Id, string? ResultJson, JobFailure? Failure, string? Error) : IPortableMessage;

/// <summary>The kinds of failure a remote job can end with; each maps to one exception type.</summary>
internal enum JobFailure
{
    /// <summary>The job threw: <see cref="RemoteJobException"/>.</summary>
    Threw = 1,

    /// <summary>The job's type is not registered on the group's node: <see cref="RemoteJobException"/>.</summary>
    Unregistered = 2,

    /// <summary><see cref="JobTimeoutException"/>.</summary>
    TimedOut = 3,

    /// <summary><see cref="JobRejectedException"/> (queue full, or the group is stopping).</summary>
    Rejected = 4,

    /// <summary><see cref="WorkerCrashedException"/>.</summary>
    Crashed = 5,

    /// <summary>The job was cancelled on its node: <see cref="OperationCanceledException"/>.</summary>
    Cancelled = 6,

    /// <summary>A lease-specific end: <see cref="LeaseExpiredException"/>.</summary>
    LeaseExpired = 7,

    /// <summary>A lease-specific end: <see cref="LeaseReleasedException"/>.</summary>
    LeaseReleased = 8,
}
