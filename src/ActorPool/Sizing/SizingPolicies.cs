namespace ActorPool.Internal.Sizing;

/// <summary>The built-in policies by name, and user policies by assembly-qualified type name.</summary>
internal static class SizingPolicies
{
    public static readonly IReadOnlyList<string> BuiltIns =
        [UnitsPolicy.PolicyName, LoadPolicy.PolicyName, QueuePolicy.PolicyName, ThroughputPolicy.PolicyName, CapabilityPolicy.PolicyName];

    /// <summary>A new instance (policies keep state) of the policy <paramref name="settings"/> names.</summary>
    /// <exception cref="ArgumentException">The name is neither a built-in nor a usable type.</exception>
    public static ISizingPolicy Create(SizingSettings settings, int unitsPerPool)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Policy switch
        {
            UnitsPolicy.PolicyName => new UnitsPolicy(unitsPerPool),
            LoadPolicy.PolicyName => new LoadPolicy(settings.Load),
            QueuePolicy.PolicyName => new QueuePolicy(settings.Queue),
            ThroughputPolicy.PolicyName => new ThroughputPolicy(settings.Throughput),
            CapabilityPolicy.PolicyName => new CapabilityPolicy(settings.Capability),
            _ => CreateCustom(settings.Policy),
        };
    }

    private static ISizingPolicy CreateCustom(string name) => Settings.UserTypes.Create<ISizingPolicy>(PolicyKey, name);

    /// <summary>Whether the hysteresis stage runs for <paramref name="policy"/>: its block says; a user policy's is on.</summary>
    public static bool Hysteresis(SizingSettings settings, ISizingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return policy switch
        {
            UnitsPolicy => settings.Units.Hysteresis,
            LoadPolicy => settings.Load.Hysteresis,
            QueuePolicy => settings.Queue.Hysteresis,
            ThroughputPolicy => settings.Throughput.Hysteresis,
            // Per-set counts move together with their total; the task-ratio band is its hysteresis.
            CapabilityPolicy => false,
            _ => true,
        };
    }

    /// <summary>Whether <paramref name="name"/> is read as a type name rather than a built-in's.</summary>
    public static bool IsTypeName(string name) => name.Contains(',', StringComparison.Ordinal) || name.Contains('.', StringComparison.Ordinal);

    /// <summary>The user policy type <paramref name="name"/> names, or null and why not.</summary>
    public static Type? CustomType(string name, out string error) => Settings.UserTypes.Find<ISizingPolicy>(PolicyKey, name, out error);

    private const string PolicyKey = "actor-pool.sizing.policy";
}
