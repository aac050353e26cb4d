namespace ActorPool.Internal.Sizing;

/*
 * Design notes: the throughput controller
 *
 * Goal: find the knee of throughput against worker count for jobs that block a share b of their
 * time on C cores (the knee is C / (1 - b) workers), get there in a few control ticks, and stay
 * there without a probe wave.
 *
 * What it builds on:
 * - Little's law / utilisation law. With n busy workers and a CPU share u of the machine, each
 *   worker uses u / n of it, so the machine saturates at n / u workers. When the load snapshot
 *   gives the CPU share, one measurement names the knee: the controller moves there at once,
 *   capped at max-growth x n per tick (the CPU sample may lag or be shared with other work).
 *   Two corrections make that one measurement honest (CpuReadings): a sample is read for the
 *   workers that ran during its window, not the size in force now (right after a move the
 *   latest sample still describes the size before it); and on a shared machine the CPU share
 *   saturates below 1 and below target-cpu, so once a move up stops raising it (less than half
 *   the rise Little's law predicts) the highest share seen is the ceiling: the knee is
 *   n x ceiling / u and the CPU counts as saturated at ceiling-ratio of it. Without them
 *   scenario B5 went 8 -> 20 -> 55 workers (knee 16) and crept on while the CPU read 0.9.
 *   This is what .NET's hill climbing (PortableThreadPool.HillClimbing.cs) does not use: it
 *   treats the pool as a black box, waits ~1 s of samples before its first move, moves a few
 *   threads a second, and keeps a square-wave probe on the thread count, so it oscillates by
 *   design and needs seconds to go from 2 to 18 threads. Nor does it see blocked workers: when
 *   every worker blocks, throughput stops responding and it falls back to the starvation
 *   injector's ~2 threads/s. Here CPU dropping while every worker is busy is exactly the signal
 *   that says "more workers", whatever blocks them.
 * - TCP Vegas (Brakmo and Peterson, IEEE JSAC 1995) and Netflix concurrency-limits' VegasLimit:
 *   expected against actual rate. base = the best per-worker rate measured while growing (a max,
 *   as Vegas's base RTT is a min); idle = n - throughput / base, the workers adding nothing.
 *   idle < alpha: still linear, grow; idle > beta: past the knee, go to the estimate
 *   throughput / base + alpha in one step (Vegas's decrease; at most halving the workers, as
 *   TCP's multiplicative decrease, so one tick in which a loaded host ran none of them does not
 *   cut the pools to one); in between: at the knee, hold.
 *   It trims the CPU estimate once the CPU is saturated, and is the whole controller when the
 *   snapshot has no CPU: slow start (x2 per tick), one step to the estimate past the knee, and,
 *   as TCP after a loss, additive steps (2 x alpha-ratio of the workers) below the size it
 *   overshot at, so the estimate is not doubled straight back into the overshoot; the CPU path
 *   too climbs back below that size in additive steps (else it went knee -> 2 x knee -> knee).
 * - Gradient / hill climbing only as a fallback idea: a change of the per-worker rate by more
 *   than beta-ratio at an unchanged size means the curve moved (jobs got slower or faster, e.g.
 *   started blocking), not that the size is past the knee, so where it overshot is forgotten
 *   (and, for a drop, the best rate too) and it probes upward again, where hill climbing would
 *   read it as noise and Vegas alone would shrink.
 * Holding at the knee learns nothing (else the base would sink to knee rates and it would creep),
 * and the loop's hysteresis band swallows the estimate's jitter, so a steady workload sees no
 * size change at all.
 *
 * When it fails: a CPU share that is not ours (other processes in the same quota, the SystemLoad
 * measuring the whole process while another supervisor is busy) overstates u and stops it short;
 * other processes on the same cores cap the share this process gets, which the ceiling follows
 * (a ceiling seen while they ran is forgotten once the share rises past it), but their load
 * moves from sample to sample, and so does the knee estimate;
 * jobs bound by something other than CPU (a lock, a connection pool, a remote rate limit) have a
 * knee that the CPU path cannot see: with the CPU far from target it keeps growing up to
 * max-pools, and only the Vegas trim (once the CPU is saturated) or max-pools stops it, so pair it
 * with a sensible max-pools there. Without a CPU share it needs log2(knee / start) ticks, overshoots once
 * and creeps back up in additive steps, settling within beta of the knee. It measures only while the pools are busy; an idle pool holds.
 * Cost: O(base-window) per tick.
 */

/// <summary>The <c>throughput</c> policy: see the design notes at the top of this file.</summary>
internal sealed class ThroughputPolicy(ThroughputPolicySettings settings) : ISizingPolicy
{
    public const string PolicyName = "throughput";

    private readonly Queue<double> _rates = new();
    private readonly CpuReadings _cpu = new(settings);
    private DateTimeOffset? _lastTime;
    private long _lastCompleted;
    private long _lastWorkers = -1;
    private double _lastPerWorker;

    // The size last seen past the knee (TCP's ssthresh): slow start stops below it, and growth
    // near it is additive, so the estimate after an overshoot is not doubled straight back.
    private long _ceiling = long.MaxValue;

    public string Name => PolicyName;

    public bool ReadsCpu => true;

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var o = observation;
        var n = o.DesiredWorkers;
        _cpu.Track(o, _lastTime);
        if (_lastTime is not { } since || o.Timestamp <= since)
        {
            Restart(o);
            return PolicyDecision.Hold(o, "measurement started");
        }
        var rate = (o.CompletedJobs - _lastCompleted) / (o.Timestamp - since).TotalSeconds;
        var sameSize = n == _lastWorkers;
        var previousPerWorker = _lastPerWorker;
        Restart(o);
        if (n == 0)
        {
            return o.Queued + o.Running > 0 ? new PolicyDecision(1, "no workers and jobs waiting: one pool") : PolicyDecision.Hold(o, "no workers, no jobs");
        }
        var busyAt = (long)Math.Floor(settings.DesiredConcurrencyRatio * n);
        if (o.Queued == 0 && o.Running < busyAt)
        {
            return PolicyDecision.Hold(o, $"not busy: running {o.Running} < {busyAt}, nothing queued").With("throughput", rate);
        }
        var perWorker = rate / n;
        _lastPerWorker = perWorker;
        if (sameSize && previousPerWorker > 0 && Math.Abs(perWorker - previousPerWorker) > previousPerWorker * settings.BetaRatio)
        {
            // The curve moved under a fixed size: where it overshot no longer holds, nor (when the
            // rate fell) the best rate seen; a rate that rose is learned as usual below.
            if (perWorker < previousPerWorker)
            {
                _rates.Clear();
            }
            _ceiling = long.MaxValue;
        }
        var cpu = o.Load.UnknownSignals.Contains(LoadSignal.Cpu) ? double.NaN : o.Load.Cpu;
        var covered = _cpu.Covered(n);
        _cpu.Saturation(covered, cpu);
        var top = double.IsNaN(_cpu.Ceiling) ? 1 : _cpu.Ceiling;
        var saturatedAt = Math.Min(settings.TargetCpu, settings.CeilingRatio * top);
        var decision = cpu >= 0 && cpu < saturatedAt
            ? ByCpu(o, n, covered, cpu, top)
            : ByRate(o, n, rate, perWorker, saturated: cpu >= saturatedAt);
        decision = decision.With("throughput", rate).With("per-worker", perWorker).With("cpu", cpu);
        return double.IsNaN(_cpu.Ceiling) ? decision : decision.With("cpu-ceiling", _cpu.Ceiling);
    }

    /// <summary>
    /// Little's law: <paramref name="covered"/> busy workers (those the CPU sample covers, which
    /// may be fewer than n right after a move) use <paramref name="cpu"/> of the machine, so
    /// covered x top / cpu saturate it, top being 1 or the ceiling the CPU was seen to stop at.
    /// Busy workers that use no CPU at all (every one blocked) put the knee out of sight: it grows
    /// by max-growth.
    /// </summary>
    private PolicyDecision ByCpu(Observation o, long n, double covered, double cpu, double top)
    {
        Learn();
        var knee = cpu > 0 ? covered * top / cpu : double.PositiveInfinity;
        var capped = Math.Min(knee, n * settings.MaxGrowth);
        var cap = capped < knee ? $", capped at max-growth {PolicyDecision.Format(settings.MaxGrowth)} x {n}" : "";
        if (_ceiling != long.MaxValue && capped >= _ceiling - 1)
        {
            // Where it overshot before: additive steps up to one below it, as the rate rule does.
            capped = Math.Max(n, Math.Min(_ceiling - 1, n + Math.Max(1, (long)Math.Ceiling(settings.AlphaRatio * 2 * n))));
            cap = $", overshot at {_ceiling}: to {capped}";
        }
        var pools = ToPools(o, capped);
        var workers = Math.Abs(covered - n) < 1e-9 ? $"{n}" : $"{PolicyDecision.Format(covered)} (the sample's window; {n} now)";
        var ceiling = top < 1 ? $" x ceiling {PolicyDecision.Format(top)}" : "";
        return new PolicyDecision(pools, $"cpu {PolicyDecision.Format(cpu)} with {workers} busy workers: knee at {PolicyDecision.Format(covered)}{ceiling} / {PolicyDecision.Format(cpu)} = {PolicyDecision.Format(knee)} workers{cap}")
        {
            Demand = capped / o.WorkersPerPool,
        };
    }

    /// <summary>Vegas: the workers that add nothing, measured against the best per-worker rate.</summary>
    private PolicyDecision ByRate(Observation o, long n, double rate, double perWorker, bool saturated)
    {
        var best = _rates.Count == 0 ? 0 : _rates.Max();
        var baseRate = Math.Max(best, perWorker);
        if (baseRate <= 0)
        {
            return PolicyDecision.Hold(o, "no completed jobs measured yet");
        }
        var idle = n - rate / baseRate;
        var alpha = Math.Max(0.5, settings.AlphaRatio * n);
        var beta = Math.Max(2, settings.BetaRatio * n);
        var measured = $"{PolicyDecision.Format(rate)} jobs/s at {n} workers, best {PolicyDecision.Format(baseRate)}/worker: {PolicyDecision.Format(idle)} idle";
        if (idle > beta)
        {
            // Past the knee: what was learned below it stays; the estimate is one step, but at
            // most half the workers (TCP's multiplicative decrease): one tick in which a loaded
            // host ran none of them reads as a rate near 0 (B5 at load 10 went 41 -> 1).
            _ceiling = n;
            var estimate = rate / baseRate + alpha;
            var knee = Math.Max(estimate, n / 2.0);
            var halved = knee > estimate ? $", at most halved: {PolicyDecision.Format(knee)}" : "";
            return new PolicyDecision(ToPools(o, knee), $"{measured} > beta {PolicyDecision.Format(beta)}: to the knee estimate {PolicyDecision.Format(estimate)} workers{halved}");
        }
        if (idle < alpha && !saturated && n < _ceiling - 1)
        {
            Learn();
            var doubled = n * Math.Min(2, settings.MaxGrowth);
            if (doubled < _ceiling)
            {
                return new PolicyDecision(ToPools(o, doubled), $"{measured} < alpha {PolicyDecision.Format(alpha)}: still linear, x{PolicyDecision.Format(Math.Min(2, settings.MaxGrowth))}");
            }
            var added = Math.Min(_ceiling - 1, n + Math.Max(1, (long)Math.Ceiling(settings.AlphaRatio * 2 * n)));
            return new PolicyDecision(ToPools(o, added), $"{measured} < alpha {PolicyDecision.Format(alpha)}, overshot at {_ceiling}: +{added - n}");
        }
        if (perWorker >= best)
        {
            Learn();
        }
        var why = saturated ? $"cpu saturated; {measured}"
            : idle < alpha ? $"{measured}, one below where it overshot ({_ceiling})"
            : $"{measured} within [alpha {PolicyDecision.Format(alpha)}, beta {PolicyDecision.Format(beta)}]";
        return PolicyDecision.Hold(o, why + ": at the knee");
    }

    /// <summary>Keeps the latest per-worker rate as a candidate base: called while growing, or for a better rate.</summary>
    private void Learn()
    {
        _rates.Enqueue(_lastPerWorker);
        while (_rates.Count > settings.BaseWindow)
        {
            _rates.Dequeue();
        }
    }

    private void Restart(Observation o)
    {
        _lastTime = o.Timestamp;
        _lastCompleted = o.CompletedJobs;
        _lastWorkers = o.DesiredWorkers;
    }

    private static int ToPools(Observation o, double workers) =>
        (int)Math.Min(int.MaxValue, Math.Max(1, Math.Ceiling(workers / o.WorkersPerPool - 1e-9)));
}
