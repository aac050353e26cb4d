namespace ActorPool.Internal.Sizing;

/// <summary>What the pipeline decided at one tick, and which stage had the last word.</summary>
internal sealed record PipelineResult(
    int Pools,
    string Policy,
    string Rationale,
    IReadOnlyList<KeyValuePair<string, string>> Inputs,
    IReadOnlyList<KeyValuePair<string, int>> Proposals)
{
    /// <summary>Pools per capability set, fitted to <see cref="Pools"/>; null for plain pools only.</summary>
    public IReadOnlyDictionary<string, int>? PoolsByCapabilities { get; init; }
}

/// <summary>
/// One policy and the stages around it, in order: the policy proposes (a throw or a proposal out
/// of range is a hold named <c>failed</c>); <c>hysteresis</c> damps it (when the policy's block
/// says so); <c>memory-pressure</c> steps down early while memory or GC is overloaded, by the
/// pools' share of the process's allocations (<see cref="HeapAttribution"/>), and not at all below
/// <c>min-own-share</c>; <c>overload-veto</c> refuses growth while the snapshot is overloaded
/// (memory and GC only when that pressure is the pools' own); <c>bounds</c> clamps to
/// min-pools..max-pools. The last stage that changed the count is the decision's policy.
/// </summary>
/// <remarks>Not thread-safe: the supervisor's thread, or a test's, calls it.</remarks>
internal sealed class SizingPipeline(ISizingPolicy policy, SizingSettings settings, bool hysteresis)
{
    public const string Failed = "failed";
    public const string HysteresisStage = "hysteresis";
    public const string MemoryPressure = "memory-pressure";
    public const string OverloadVeto = "overload-veto";
    public const string Bounds = "bounds";

    private readonly Hysteresis _hysteresis = new(settings.Stabilization);
    private readonly HeapAttribution _heap = new();
    private (int Pools, DateTimeOffset At)? _overloaded;

    public ISizingPolicy Policy => policy;

    public PipelineResult Decide(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("desired", PolicyDecision.Format(o.Desired)),
            new("units", PolicyDecision.Format(o.Units)),
            new("running", PolicyDecision.Format(o.Running)),
            new("queued", PolicyDecision.Format(o.Queued)),
            new("completed", PolicyDecision.Format(o.CompletedJobs)),
            new("load", o.Load.ToString()),
        };
        var proposals = new List<KeyValuePair<string, int>>();
        var (decision, name) = Propose(o);
        inputs.AddRange(decision.Inputs.Select(i => new KeyValuePair<string, string>($"{name}.{i.Key}", i.Value)));
        proposals.Add(new(name, decision.Pools));
        var pools = decision.Pools;
        var rationale = decision.Reason;

        void Stage(string stage, int to, string why)
        {
            if (to == pools)
            {
                return;
            }
            rationale = $"{why}; {name} proposed {pools}";
            pools = to;
            name = stage;
            proposals.Add(new(stage, to));
        }

        if (hysteresis)
        {
            var damped = _hysteresis.Apply(o.Timestamp, o.Desired, pools, decision.Demand);
            Stage(HysteresisStage, damped, _hysteresis.LastReason);
        }
        // Memory and GC verdicts count only as far as the pressure is the pools' own (see
        // HeapAttribution): a cut that cannot relieve the heap only starves the queue (B9).
        var share = _heap.Update(o);
        var memory = o.Load.OverloadedSignals.Where(s => s is LoadSignal.Memory or LoadSignal.Gc).ToList();
        var notOurs = memory.Count > 0 && share < settings.MemoryMinOwnShare;
        if (memory.Count > 0)
        {
            inputs.Add(new("memory-pressure.own-share", PolicyDecision.Format(share)));
        }
        if (settings.MemoryStepDownRatio > 0 && memory.Count > 0 && o.Desired > o.MinPools && !notOurs)
        {
            // Unknown share (no counters): taken to be ours, the safe side of an OOM.
            var own = double.IsNaN(share) ? 1 : share;
            var step = Math.Max(1, (int)Math.Ceiling((settings.MemoryStepDownRatio * own * o.Desired) - 1e-9));
            var cap = Math.Max(o.MinPools, o.Desired - step);
            var whose = double.IsNaN(share) ? "" : $" ({PolicyDecision.Format(share * 100)}% of the allocations ours)";
            Stage(MemoryPressure, Math.Min(pools, cap), $"{LoadPolicy.Names(memory)} overloaded{whose}: -{step} from {o.Desired}");
        }
        var counted = notOurs
            ? [.. o.Load.OverloadedSignals.Where(s => s is not (LoadSignal.Memory or LoadSignal.Gc))]
            : o.Load.OverloadedSignals.ToList();
        if (counted.Count > 0)
        {
            _overloaded = (o.Desired, o.Timestamp);
        }
        // The throughput controller reads the CPU share itself, sample by sample, and stops at
        // target-cpu: a CPU verdict over the current window would hold it for that window after
        // the jobs change (scenario B7). Its other signals still veto.
        var vetoing = policy.ReadsCpu ? [.. counted.Where(s => s != LoadSignal.Cpu)] : counted;
        if (settings.OverloadVeto && pools > o.Desired)
        {
            if (vetoing.Count > 0)
            {
                Stage(OverloadVeto, o.Desired, $"{LoadPolicy.Names(vetoing)} overloaded over the current window: no growth");
            }
            // Not for the throughput controller: it reads the CPU share itself and stops at the
            // knee, and a memory of CPU saturation at the knee of CPU-bound jobs would hold it there
            // for the whole overload-memory when the jobs start blocking (scenario B7).
            else if (_overloaded is { } seen && !policy.ReadsCpu && o.Timestamp - seen.At < settings.OverloadMemory && pools >= seen.Pools)
            {
                var since = (o.Timestamp - seen.At).TotalSeconds;
                Stage(OverloadVeto, Math.Max(o.Desired, seen.Pools - 1), $"overloaded at {seen.Pools} pools {since}s ago (overload-memory {settings.OverloadMemory.TotalSeconds}s): stays below it");
            }
        }
        Stage(Bounds, Math.Clamp(pools, o.MinPools, Math.Max(o.MinPools, o.MaxPools)), $"clamped to [{o.MinPools}, {o.MaxPools}]");
        if (hysteresis)
        {
            _hysteresis.Moved(o.Desired, pools);
        }
        return new PipelineResult(pools, name, rationale, inputs, proposals)
        {
            PoolsByCapabilities = decision.PoolsByCapabilities is { } sets ? Fit(sets, pools, o.MinPools) : null,
        };
    }

    /// <summary>The policy's proposal, or a hold when it throws or proposes nonsense: a user policy never fails the supervisor.</summary>
    /// <summary>
    /// Fits per-set counts to the total the stages settled on (a veto or the bounds may have moved
    /// it): a cut comes off the largest capability set first, plain pools last and never below
    /// min-pools; a raise goes to plain pools.
    /// </summary>
    internal static IReadOnlyDictionary<string, int> Fit(IReadOnlyDictionary<string, int> sets, int total, int minPools)
    {
        var fitted = new Dictionary<string, int>(sets, StringComparer.Ordinal);
        fitted.TryAdd("", 0);
        var sum = fitted.Values.Sum(v => (long)v);
        while (sum > total)
        {
            var (largest, count) = fitted.Where(s => s.Key.Length > 0 && s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault();
            if (largest is null)
            {
                if (fitted[""] <= minPools)
                {
                    break;
                }
                largest = "";
                count = fitted[""];
            }
            fitted[largest] = count - 1;
            sum--;
        }
        if (sum < total)
        {
            fitted[""] += (int)(total - sum);
        }
        return fitted;
    }

    private (PolicyDecision Decision, string Name) Propose(Observation o)
    {
        try
        {
            var decision = policy.Decide(o);
            if (decision is null)
            {
                return (PolicyDecision.Hold(o, $"{policy.Name} returned null; holding"), Failed);
            }
            if (decision.Pools < 0)
            {
                return (PolicyDecision.Hold(o, $"{policy.Name} proposed {decision.Pools} pools; holding"), Failed);
            }
            return (decision, policy.Name);
        }
        catch (Exception e)
        {
            return (PolicyDecision.Hold(o, $"{policy.Name} threw {e.GetType().Name}: {e.Message}; holding"), Failed);
        }
    }
}
