using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// Builds the sizing loop's <see cref="Observation"/> from the books and the data plane's live
/// counters: per-pool running and queued jobs, jobs in flight and waiting for a pool, jobs taken
/// up (each worker counts its own on its own cache line, summed here).
/// Read on the supervisor's thread at each decision; no message per job.
/// </summary>
internal static class SizingObservation
{
    public static Observation Of(SupervisorBooks books, DateTimeOffset now)
    {
        var shared = books.Pools.All.Where(p => p.Runtime.Mode == PoolMode.Shared).ToList();
        // Running: started and not ended, so an async job awaiting I/O holds its slot as Crawlee's
        // running tasks do (Pending and Queued are read apart, hence the clamp).
        var pools = shared.Select(p => (p, Queued: p.Runtime.Queued))
            .Select(x => new PoolLoad(x.p.Name, Math.Max(0, x.p.Runtime.Pending - x.Queued), x.Queued)).ToList();
        var settings = books.Settings;
        return new Observation
        {
            Timestamp = now,
            Units = books.Units,
            // Every supervisor receives the load for its status, but only a policy that reads it
            // sizes on it: the units rule is not vetoed by a busy machine it was never asked about.
            Load = books.Loop.UsesLoad ? books.Load : LoadSnapshot.Unknown(now),
            InFlight = books.Plane.InFlight,
            Running = pools.Sum(p => p.Running),
            Queued = pools.Sum(p => p.Queued) + books.Plane.Overflowing,
            Pools = pools,
            CompletedJobs = books.Pools.JobsStarted,
            AllocatedBytes = books.Pools.AllocatedBytes,
            // Imprecise: no lock, and it may miss the threads' current allocation contexts (a few KiB each).
            ProcessAllocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            CapabilityGroups = [.. shared.GroupBy(p => string.Join(',', p.Runtime.Capabilities.Names))
                .Select(g => new CapabilityGroup(g.Key, g.Count(), g.Sum(p => Math.Max(0, p.Runtime.Pending - p.Runtime.Queued)), g.Sum(p => p.Runtime.Queued)))],
            WaitingByRequirement = books.Plane.WaitingByRequirement().Where(w => !w.Key.IsNone)
                .ToDictionary(w => string.Join(',', w.Key.Names), w => w.Value),
            Desired = books.Desired,
            MinPools = settings.MinPools,
            MaxPools = settings.MaxPools,
            WorkersPerPool = settings.WorkersPerPool,
        };
    }
}
