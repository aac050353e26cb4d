namespace ActorPool;

/// <summary>How a pool's jobs have ended so far, and how long the ended ones ran in all (<see cref="PoolInfo.Jobs"/>).</summary>
/// <param name="Succeeded">Jobs that returned a result.</param>
/// <param name="Failed">Jobs that threw, or whose task failed.</param>
/// <param name="Cancelled">Jobs cancelled by their caller's token or a revoked lease.</param>
/// <param name="Dropped">Jobs that never ran: dropped from a queue (a revoked lease, a stopped pool).</param>
/// <param name="TimedOut">Jobs that outlived their timeout (<see cref="JobTimeoutException"/>).</param>
/// <param name="Crashed">Jobs whose worker died under them, or whose worker's initializer threw.</param>
/// <param name="Ran">The time the ended jobs spent from their start on a worker to their end.</param>
public readonly record struct JobCounts(long Succeeded, long Failed, long Cancelled, long Dropped, long TimedOut, long Crashed, TimeSpan Ran)
{
    /// <summary>Every ended job, whatever its outcome.</summary>
    public long Ended => Succeeded + Failed + Cancelled + Dropped + TimedOut + Crashed;

    /// <summary>The sum of these counts and <paramref name="other"/>.</summary>
    /// <param name="other">Counts to add.</param>
    /// <returns>The sums.</returns>
    public JobCounts Plus(JobCounts other) => new(
        Succeeded + other.Succeeded, Failed + other.Failed, Cancelled + other.Cancelled, Dropped + other.Dropped,
        TimedOut + other.TimedOut, Crashed + other.Crashed, Ran + other.Ran);
}
