namespace ActorPool.Internal.Workers;

/// <summary>How a job ended, recorded once by the job base (<see cref="Job{T}"/>).</summary>
internal enum JobOutcome
{
    /// <summary>It returned a result.</summary>
    Succeeded,

    /// <summary>It threw, or its async task failed.</summary>
    Failed,

    /// <summary>Its caller's token (or a revoked lease) cancelled it.</summary>
    Cancelled,

    /// <summary>It never ran: dropped from a queue (a revoked lease, a stopped pool).</summary>
    Dropped,

    /// <summary>It outlived its timeout; its caller got <c>JobTimeoutException</c>.</summary>
    TimedOut,

    /// <summary>Its worker died under it (a child process).</summary>
    Crashed,
}
