namespace ActorPool.Internal.Sizing;

/*
 * Design notes: whose heap pressure is it?
 *
 * The memory-pressure stage steps the pools down while the snapshot says memory or GC is
 * overloaded, so that the pools' own jobs do not drive the process into the GC limit. Fewer
 * workers relieve the heap only when those workers make the pressure: a cache, a request
 * handler or a batch job elsewhere in the process that allocates toward the limit is not slowed
 * down by a smaller pool. Cutting then relieves nothing and starves the pools' own queue: in
 * scenario B9 (a thread allocating 32 KiB arrays toward 1 GiB, our jobs allocating next to
 * nothing) the stage cut the pools to 1 and p99 latency went from 304 ms (a static pool) to 6.4 s.
 *
 * Choice: attribute before acting. Each worker publishes its thread's allocation total
 * (GC.GetAllocatedBytesForCurrentThread, an absolute value, so no counter is incremented per
 * job) every 32 work items and before it parks; the supervisor sums them, and reads the
 * process's total (GC.GetTotalAllocatedBytes). Over one tick, own share = our bytes / the
 * process's bytes.
 * Allocation rate is what drives GC work (collections are triggered by allocation budgets, and
 * gen-2 time follows from what survives them), so it is the share of the pressure that a change
 * of our concurrency can change. The stage then cuts in proportion: ceil(step-down-ratio x share
 * x desired), and not at all below min-own-share ("not ours: hold"). The overload veto
 * leaves memory and GC out for the same reason: growth that allocates nothing adds no pressure.
 *
 * Rejected alternatives: a latency guard alone (never cut below what keeps the queue draining)
 * still cuts when the jobs are the cause but the queue is long, i.e. it trades the OOM the stage
 * exists to prevent for latency; a cut-and-measure loop (undo a cut that did not lower pressure)
 * needs several ticks of a GC signal that is itself windowed (seconds), so it would starve the
 * queue for those seconds on every episode. Attribution decides in the same tick, costs two
 * reads per tick, and a 3 ns read plus a store on the worker's own cache line every 32 items.
 *
 * When it fails: memory our jobs allocated long ago and still hold (a cache the jobs fill once)
 * shows a small allocation share: the stage holds, which is right for a cache (fewer workers
 * would not free it) and wrong for jobs that each hold large buffers for a long time while they
 * allocate little per tick; set min-own-share = 0 there for the old behaviour. A job's bytes are
 * published after it ends (within 32 items, or when its worker goes idle), so a job running
 * longer than a tick, or a tick's last few short jobs, count late. Without the two
 * counters (hand-built observations, a custom data source) the share is unknown and the
 * pressure is taken to be ours, as before.
 */

/// <summary>The pools' share of the process's allocations over the last tick: see the design notes above.</summary>
/// <remarks>Not thread-safe: the pipeline's caller only.</remarks>
internal sealed class HeapAttribution
{
    private long _ours = -1;
    private long _process = -1;

    /// <summary>The share, in 0..1, of the bytes the process allocated since the previous call that the pools allocated; NaN when unknown.</summary>
    public double Update(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var (lastOurs, lastProcess) = (_ours, _process);
        (_ours, _process) = (o.AllocatedBytes, o.ProcessAllocatedBytes);
        if (lastProcess < 0 || o.ProcessAllocatedBytes <= 0)
        {
            return double.NaN;
        }
        var process = o.ProcessAllocatedBytes - lastProcess;
        var ours = o.AllocatedBytes - lastOurs;
        // The process total is read imprecisely (threads' open allocation contexts are missed), so
        // ours may come out a little larger: clamp.
        return process <= 0 ? double.NaN : Math.Clamp((double)ours / process, 0, 1);
    }
}
