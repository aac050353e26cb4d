namespace ActorPool.Internal.Sizing;

/// <summary>
/// The <c>capability</c> policy: jobs may require a capability set (<c>Submit.Requiring(job, "gpu")</c>),
/// pools are started with one, and each set is sized on its own by Scaler's task ratio. The last
/// pool able to serve waiting jobs is never shut.
/// </summary>
/// <remarks>
/// <para>
/// Jobs waiting for a pool with requirement R count against one group whose set contains R: a
/// group that has pools, the smallest such set first; if none has pools, a new group of exactly R.
/// Then per group, with jobs = running + queued + waiting and slots = pools x workers-per-pool:
/// </para>
/// <code>
/// jobs == 0:                                     0 pools (plain pools: min-pools)
/// pools == 0, or jobs/slots &gt; upper or &lt; lower: ceil(max(1, ceil(jobs / upper)) / workers-per-pool)
/// otherwise:                                     hold
/// </code>
/// Design notes: Scaler's capability scaling (finos/opengris-scaler <c>capability_scaling.py</c>)
/// groups pending tasks by capability set and wants max(1, ceil(tasks / 5)) workers a set, with
/// thresholds up above 5 and down below 0.5 tasks a worker; both are kept, and a set moves only
/// when its ratio leaves [lower, upper], so it does not flap by one pool. Scaler ignores idle sets;
/// here they go to zero (nothing else would stop them), but the plain group keeps min-pools, so an
/// idle supervisor is back to its plain pools. Stateless; O(groups x requirements).
/// </remarks>
internal sealed class CapabilityPolicy(CapabilityPolicySettings settings) : ISizingPolicy
{
    public const string PolicyName = "capability";

    public string Name => PolicyName;

    public bool UsesLoad => false;

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var groups = observation.CapabilityGroups.ToDictionary(g => g.Capabilities, StringComparer.Ordinal);
        groups.TryAdd("", new CapabilityGroup("", 0, 0, 0));
        var waiting = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (requirement, jobs) in observation.WaitingByRequirement)
        {
            var group = Serving(groups, requirement);
            groups.TryAdd(group, new CapabilityGroup(group, 0, 0, 0));
            waiting[group] = waiting.GetValueOrDefault(group) + jobs;
        }

        var wpp = observation.WorkersPerPool;
        var pools = new Dictionary<string, int>(StringComparer.Ordinal);
        var moves = new List<string>();
        foreach (var group in groups.Values.OrderBy(g => g.Capabilities, StringComparer.Ordinal))
        {
            long jobs = group.Running + group.Queued + waiting.GetValueOrDefault(group.Capabilities);
            long slots = (long)group.Pools * wpp;
            int target;
            if (jobs == 0)
            {
                target = 0;
            }
            else
            {
                var ratio = slots == 0 ? double.PositiveInfinity : jobs / (double)slots;
                target = ratio > settings.UpperTaskRatio || ratio < settings.LowerTaskRatio
                    ? (int)Math.Min(int.MaxValue, Math.Ceiling(Math.Max(1, Math.Ceiling(jobs / settings.UpperTaskRatio)) / wpp))
                    : group.Pools;
            }
            if (group.Capabilities.Length == 0)
            {
                target = Math.Max(target, observation.MinPools);
            }
            pools[group.Capabilities] = target;
            if (target != group.Pools)
            {
                moves.Add($"{Label(group.Capabilities)} {group.Pools} -> {target} ({jobs} jobs on {slots} workers)");
            }
        }
        var total = (int)Math.Min(int.MaxValue, pools.Values.Sum(p => (long)p));
        var reason = moves.Count == 0 ? "every capability set within its task ratio" : string.Join("; ", moves);
        var decision = new PolicyDecision(total, reason) { PoolsByCapabilities = pools };
        return decision.With("groups", string.Join(" ", groups.Values.Select(g => $"{Label(g.Capabilities)}={g.Pools}")))
            .With("waiting", string.Join(" ", observation.WaitingByRequirement.Select(w => $"{Label(w.Key)}={w.Value}")));
    }

    /// <summary>The group that serves <paramref name="requirement"/>: one with pools and the smallest superset, else a new group of exactly it.</summary>
    private static string Serving(Dictionary<string, CapabilityGroup> groups, string requirement)
    {
        var needed = Split(requirement);
        return groups.Values
            .Where(g => g.Pools > 0 && needed.All(Split(g.Capabilities).Contains))
            .OrderBy(g => Split(g.Capabilities).Length)
            .ThenBy(g => g.Capabilities, StringComparer.Ordinal)
            .Select(g => g.Capabilities)
            .FirstOrDefault() ?? requirement;
    }

    private static string[] Split(string capabilities) =>
        capabilities.Length == 0 ? [] : capabilities.Split(',');

    internal static string Label(string capabilities) => capabilities.Length == 0 ? "plain" : $"[{capabilities.Replace(",", ", ", StringComparison.Ordinal)}]";
}
