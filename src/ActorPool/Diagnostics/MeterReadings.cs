using System.Diagnostics.Metrics;
using ActorPool.Internal.Supervision;

namespace ActorPool.Internal.Diagnostics;

/// <summary>
/// The observable instruments of the <c>ActorPool</c> meter: each callback reads the published
/// status of every supervisor running in the process (<see cref="LocalSupervisors.All"/>), so a
/// supervisor does no work for them between collections, and a stopped one's series end with it.
/// </summary>
/// <remarks>
/// Each callback builds the statuses it reads afresh (a few microseconds a supervisor), so a value
/// is never older than the supervisor's last message. A collection runs about twenty callbacks;
/// caching the statuses across them would make a series lag the status it reports, for a saving
/// that only matters with thousands of supervisors collected every second.
/// </remarks>
internal static class MeterReadings
{
    public static void Register(Meter meter)
    {
        meter.CreateObservableUpDownCounter("actorpool.pool.count", () => PoolCounts(), "{pool}",
            "Pools by state: idle, busy, leased, draining (not stuck), stuck; the states sum to the total");
        Int(meter, "actorpool.pool.desired", "{pool}", "The pool count the sizing policy wants now", s => s.Desired);
        Int(meter, "actorpool.pool.min", "{pool}", "The min-pools bound", s => s.MinPools);
        Int(meter, "actorpool.pool.max", "{pool}", "The max-pools bound", s => s.MaxPools);
        Int(meter, "actorpool.units", "{unit}", "The unit count the target is computed from", s => s.Units);
        Int(meter, "actorpool.job.queued", "{job}", "Jobs accepted and not yet started by a worker", s => s.Queued);
        Int(meter, "actorpool.job.running", "{job}", "Jobs running now, lease work included", s => s.RunningJobs);
        meter.CreateObservableCounter("actorpool.job.completed", () => Completed(), "{job}",
            "Jobs ended so far, by outcome: succeeded, failed, cancelled, dropped, timed_out, crashed");
        meter.CreateObservableCounter("actorpool.job.rejected", () => Each(s => s.JobsRejected), "{job}",
            "Jobs refused at submission (JobRejectedException) so far");
        Int(meter, "actorpool.worker.count", "{worker}", "Live workers of every pool", s => s.Pools.Sum(p => p.LiveWorkers));
        Int(meter, "actorpool.worker.stuck", "{worker}", "Workers held by a job that outlived its timeout", s => s.Pools.Sum(p => p.StuckWorkers));
        meter.CreateObservableUpDownCounter("actorpool.lease.count", () => LeaseCounts(), "{lease}",
            "Leases by state: active, grace (past its soft expiry), released (finishing its work)");
        Int(meter, "actorpool.lease.waiting", "{request}", "Lease requests waiting for a pool", s => s.LeaseWaiters);
        Load(meter, "actorpool.load.cpu", "1", "CPU time of the process against the CPUs it may use, 0..1", LoadSignal.Cpu, l => l.Cpu);
        Load(meter, "actorpool.load.memory", "1", "Memory in use against its limit, 0..1", LoadSignal.Memory, l => l.Memory);
        Load(meter, "actorpool.load.scheduling_lag", "s", "How late the latest scheduling probe ran",
            LoadSignal.SchedulingLag, l => l.SchedulingLag.TotalSeconds);
        meter.CreateObservableGauge("actorpool.load.overloaded", () => Overloaded(), "1",
            "1 while any load signal is overloaded over its current window, else 0");
    }

    /// <summary>Every live supervisor's status, built now.</summary>
    private static IEnumerable<(SupervisorMeter Meter, PoolStatus Status)> Statuses() =>
        LocalSupervisors.All.Select(b => (b.Meter, b.View.Current));

    private static void Int(Meter meter, string name, string unit, string description, Func<PoolStatus, int> read) =>
        meter.CreateObservableUpDownCounter(name, () => Each(read), unit, description);

    private static void Load(Meter meter, string name, string unit, string description, LoadSignal signal, Func<LoadSnapshot, double> read) =>
        meter.CreateObservableGauge(name, () => Statuses()
            .Where(s => !s.Status.Load.UnknownSignals.Contains(signal))
            .Select(s => new Measurement<double>(read(s.Status.Load), s.Meter.Tags)), unit, description);

    private static IEnumerable<Measurement<T>> Each<T>(Func<PoolStatus, T> read)
        where T : struct =>
        Statuses().Select(s => new Measurement<T>(read(s.Status), s.Meter.Tags));

    private static IEnumerable<Measurement<int>> PoolCounts()
    {
        foreach (var (meter, s) in Statuses())
        {
            var tags = meter.ByPoolState;
            yield return new(s.Idle, tags[0]);
            yield return new(s.Busy, tags[1]);
            yield return new(s.Leased, tags[2]);
            // The status counts stuck pools as draining too; here each pool has one state.
            yield return new(s.Draining - s.Stuck, tags[3]);
            yield return new(s.Stuck, tags[4]);
        }
    }

    private static IEnumerable<Measurement<long>> Completed()
    {
        foreach (var (meter, s) in Statuses())
        {
            var jobs = s.Jobs;
            yield return new(jobs.Succeeded, meter.ByOutcome(Workers.JobOutcome.Succeeded));
            yield return new(jobs.Failed, meter.ByOutcome(Workers.JobOutcome.Failed));
            yield return new(jobs.Cancelled, meter.ByOutcome(Workers.JobOutcome.Cancelled));
            yield return new(jobs.Dropped, meter.ByOutcome(Workers.JobOutcome.Dropped));
            yield return new(jobs.TimedOut, meter.ByOutcome(Workers.JobOutcome.TimedOut));
            yield return new(jobs.Crashed, meter.ByOutcome(Workers.JobOutcome.Crashed));
        }
    }

    private static IEnumerable<Measurement<int>> LeaseCounts()
    {
        foreach (var (meter, s) in Statuses())
        {
            var tags = meter.ByLeaseState;
            yield return new(s.Leases.Count(l => !l.Released && l.UntilSoftExpiry >= TimeSpan.Zero), tags[0]);
            yield return new(s.Leases.Count(l => !l.Released && l.UntilSoftExpiry < TimeSpan.Zero), tags[1]);
            yield return new(s.Leases.Count(l => l.Released), tags[2]);
        }
    }

    private static IEnumerable<Measurement<int>> Overloaded() =>
        Statuses()
            .Where(s => s.Status.Load.UnknownSignals.Count < LoadSignals.All.Count)
            .Select(s => new Measurement<int>(s.Status.Load.Overloaded ? 1 : 0, s.Meter.Tags));
}
