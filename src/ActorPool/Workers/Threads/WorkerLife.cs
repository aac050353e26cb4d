namespace ActorPool.Internal.Workers.Threads;

/// <summary>
/// When a worker thread's life ends (the <c>workers</c> block): after <c>max-jobs-per-worker</c>
/// jobs (one in ephemeral mode), past <c>max-lifetime</c> shortened by a random share of up to
/// <c>max-lifetime-variance</c> (HikariCP's jitter, so workers started together do not all retire
/// together), or after <c>idle-timeout</c> without work.
/// </summary>
internal sealed class WorkerLife(int maxJobs, TimeSpan? maxLifetime, double variance, TimeSpan? idleTimeout, TimeProvider clock, bool ephemeral = false)
{
    /// <summary>Workers that live as long as their pool.</summary>
    public static readonly WorkerLife Forever = new(0, null, 0, null, TimeProvider.System);

    /// <summary>One worker per job: started by its job's enqueue, gone when the job ends.</summary>
    public bool Ephemeral => ephemeral;

    /// <summary>How long a worker waits for work before it leaves; a job arriving later starts one again.</summary>
    public TimeSpan? IdleTimeout => idleTimeout;

    /// <summary>Whether a worker can end before its pool does.</summary>
    public bool IsForever => !ephemeral && maxJobs == 0 && maxLifetime is null && idleTimeout is null;

    /// <summary>A new worker's clock.</summary>
    public Clock Start()
    {
        if (maxLifetime is not { } lifetime)
        {
            return new Clock(0, long.MaxValue);
        }
        var shortened = lifetime * (1 - (variance * Random.Shared.NextDouble()));
        return new Clock(0, clock.GetTimestamp() + (long)(shortened.TotalSeconds * clock.TimestampFrequency));
    }

    /// <summary>A worker finished a job: true when its life is over (it is replaced).</summary>
    public bool AfterJob(ref Clock worker)
    {
        worker.Jobs++;
        return ephemeral || (maxJobs > 0 && worker.Jobs >= maxJobs) || Expired(worker);
    }

    /// <summary>Whether the worker is past its lifetime (it is replaced).</summary>
    public bool Expired(Clock worker) => worker.Deadline != long.MaxValue && clock.GetTimestamp() >= worker.Deadline;

    /// <summary>Now, on the clock lifetimes and idle times are measured with.</summary>
    public long Now => clock.GetTimestamp();

    /// <summary>
    /// How long a worker idle since <paramref name="idleSince"/> may wait before it must look at its
    /// life again: at most <paramref name="atMost"/>, so a parked worker also notices, within that
    /// long, that it was asked to leave (a wake-up may go to another worker).
    /// </summary>
    public TimeSpan Wait(Clock worker, long idleSince, TimeSpan atMost)
    {
        var wait = atMost;
        if (worker.Deadline != long.MaxValue)
        {
            wait = Min(wait, Elapsed(clock.GetTimestamp(), worker.Deadline));
        }
        if (idleTimeout is { } idle)
        {
            wait = Min(wait, idle - Elapsed(idleSince, clock.GetTimestamp()));
        }
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>Whether a worker idle since <paramref name="idleSince"/> has waited out <c>idle-timeout</c>.</summary>
    public bool IdledOut(long idleSince) => idleTimeout is { } idle && Elapsed(idleSince, clock.GetTimestamp()) >= idle;

    private TimeSpan Elapsed(long from, long to) => TimeSpan.FromSeconds((to - from) / (double)clock.TimestampFrequency);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>One worker's jobs so far and the timestamp it retires at.</summary>
    public struct Clock(int jobs, long deadline)
    {
        public int Jobs = jobs;
        public readonly long Deadline = deadline;
    }
}
