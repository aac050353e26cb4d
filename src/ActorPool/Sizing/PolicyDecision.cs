namespace ActorPool;

/// <summary>What one <see cref="ISizingPolicy"/> proposes at one tick: a pool count and its reason.</summary>
/// <param name="Pools">The proposed desired pool count; the loop clamps it to min-pools..max-pools.</param>
/// <param name="Reason">Why, in words, e.g. <c>ceil(31 units / 10) = 4 pools</c>.</param>
/// <remarks>Immutable. Add the values the policy used with <see cref="With"/>.</remarks>
public sealed record PolicyDecision(int Pools, string Reason)
{
    /// <summary>
    /// The demand behind <see cref="Pools"/> before rounding to whole pools (e.g. 3.1 for 31 units
    /// at 10 per pool), or <see langword="null"/> when the policy steps rather than measures. The
    /// loop's hysteresis judges the change on it, so a demand that jitters around a pool boundary
    /// does not flip the pool count.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? Demand { get; init; }

    /// <summary>The values the policy used, by name, in the order they were added.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<KeyValuePair<string, string>> Inputs { get; init; } = [];

    /// <summary>
    /// Pools per capability set (names sorted, joined by commas; plain pools under the empty set),
    /// when the policy sizes capability pools; <see cref="Pools"/> is then their total. Null for a
    /// single count of plain pools.
    /// </summary>
    public IReadOnlyDictionary<string, int>? PoolsByCapabilities { get; init; }

    /// <summary>A copy with one more input.</summary>
    /// <param name="name">The input's name, e.g. <c>running</c>.</param>
    /// <param name="value">Its value, rendered with the invariant culture.</param>
    /// <returns>The copy.</returns>
    public PolicyDecision With(string name, object? value) =>
        this with { Inputs = [.. Inputs, new(name, Format(value))] };

    /// <summary>A proposal to keep the pool count of <paramref name="observation"/>.</summary>
    /// <param name="observation">The observation decided on.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The proposal.</returns>
    public static PolicyDecision Hold(Observation observation, string reason)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new PolicyDecision(observation.Desired, reason);
    }

    internal static string Format(object? value) => value switch
    {
        null => "null",
        double d => Math.Round(d, 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
