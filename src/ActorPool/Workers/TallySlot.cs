namespace ActorPool.Internal.Workers;

/// <summary>
/// One worker's counters, alone on their cache lines: only that worker writes them while it runs,
/// so counting a job costs no write to a line other cores read. Jobs that end elsewhere (an async
/// job's last continuation, a drop on a caller's thread) go to the pool's shared slot with
/// interlocked writes.
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
internal sealed class TallySlot
{
#pragma warning disable CS0169, IDE0051 // padding: keeps the counters off the lines of neighbouring objects
    private readonly long _p0, _p1, _p2, _p3, _p4, _p5, _p6;
#pragma warning restore CS0169, IDE0051

    /// <summary>1 while the worker runs an item.</summary>
    public int Running;

    public long Started;

    /// <summary>The worker thread's allocation total as it last published it (see <see cref="PublishAllocated"/>).</summary>
    public long Allocated;

    private long _succeeded, _failed, _cancelled, _dropped, _timedOut, _crashed, _ranTicks;

#pragma warning disable CS0169, IDE0051
    private readonly long _q0, _q1, _q2, _q3, _q4, _q5, _q6;
#pragma warning restore CS0169, IDE0051

    /// <summary>A busy worker publishes its allocation total after this many work items (an idle one before it parks).</summary>
    public const int AllocationsPublishedEvery = 32;

    /// <summary>
    /// Publishes this worker thread's allocation total, so sizing can tell heap pressure our jobs
    /// make from pressure another part of the process makes: an absolute value from the runtime's
    /// per-thread context (about 3 ns a read), written on this worker's own line. Called on the
    /// worker's thread only.
    /// </summary>
    public void PublishAllocated() => Volatile.Write(ref Allocated, GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Records one ended job; <paramref name="shared"/> when other threads may write too.</summary>
    public void Record(JobOutcome outcome, TimeSpan ran, bool shared)
    {
        ref var count = ref Counter(outcome);
        if (shared)
        {
            Interlocked.Increment(ref count);
            Interlocked.Add(ref _ranTicks, ran.Ticks);
            return;
        }
        Volatile.Write(ref count, count + 1);
        Volatile.Write(ref _ranTicks, _ranTicks + ran.Ticks);
    }

    public JobCounts Read() => new(
        Volatile.Read(ref _succeeded), Volatile.Read(ref _failed), Volatile.Read(ref _cancelled), Volatile.Read(ref _dropped),
        Volatile.Read(ref _timedOut), Volatile.Read(ref _crashed), TimeSpan.FromTicks(Volatile.Read(ref _ranTicks)));

    private ref long Counter(JobOutcome outcome)
    {
        switch (outcome)
        {
            case JobOutcome.Succeeded: return ref _succeeded;
            case JobOutcome.Failed: return ref _failed;
            case JobOutcome.Cancelled: return ref _cancelled;
            case JobOutcome.Dropped: return ref _dropped;
            case JobOutcome.TimedOut: return ref _timedOut;
            default: return ref _crashed;
        }
    }
}
