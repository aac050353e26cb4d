namespace ActorPool.Internal.Sizing;

/// <summary>
/// The <c>units</c> policy, leasepool's rule moved behind the seam unchanged:
/// <c>desired = min(max-pools, max(min-pools, ceil(units / units-per-pool)))</c>. It jumps straight
/// to the target, which suits a signal that counts real demand (devices, tenants) and changes in
/// steps. Stateless; it never reads the load.
/// </summary>
internal sealed class UnitsPolicy(int unitsPerPool) : ISizingPolicy
{
    public const string PolicyName = "units";

    public string Name => PolicyName;

    public bool UsesLoad => false;

    /// <summary>The pool count for a unit count, within the bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is negative.</exception>
    public static int DesiredPools(int units, int unitsPerPool, int minPools, int maxPools)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ArgumentOutOfRangeException.ThrowIfLessThan(unitsPerPool, 1);
        // In long, so units near int.MaxValue cannot overflow the rounding up.
        var needed = (units + (long)unitsPerPool - 1) / unitsPerPool;
        return (int)Math.Min(maxPools, Math.Max(minPools, needed));
    }

    public PolicyDecision Decide(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var pools = DesiredPools(observation.Units, unitsPerPool, observation.MinPools, observation.MaxPools);
        var reason = $"ceil({observation.Units} units / {unitsPerPool}) within [{observation.MinPools}, {observation.MaxPools}] = {pools} pools";
        return new PolicyDecision(pools, reason) { Demand = observation.Units / (double)unitsPerPool }
            .With("units", observation.Units)
            .With("units-per-pool", unitsPerPool);
    }
}
