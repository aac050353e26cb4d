namespace ActorPool;

/// <summary>
/// A sizing rule: plain C#, no actors. At every control tick the supervisor's sizing loop gives it
/// an <see cref="Observation"/> and it proposes a desired pool count with its reason.
/// </summary>
/// <remarks>
/// <para>
/// Built-ins are chosen by name in <c>actor-pool.sizing.policy</c> (<c>units</c>, <c>load</c>,
/// <c>queue</c>, <c>throughput</c>). A user policy is named there by its assembly-qualified type
/// name; it needs a public parameterless constructor, and one instance serves one supervisor.
/// </para>
/// <para>
/// Threading: the loop calls <see cref="Decide"/> from the supervisor's thread, one call at a time,
/// so an implementation may keep state without locks. It must be quick and must not block. Time
/// comes only from <see cref="Observation.Timestamp"/>, never from a clock, so a policy replays
/// deterministically against a recorded trace. An exception or an out-of-range proposal is logged
/// by the loop and treated as "hold".
/// </para>
/// </remarks>
public interface ISizingPolicy
{
    /// <summary>The policy's name in decisions and logs, e.g. <c>load</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the policy reads <see cref="Observation.Load"/>, so the supervisor subscribes to the
    /// system's load. The default is <see langword="true"/>, as a user policy may read it.
    /// </summary>
    bool UsesLoad => true;

    /// <summary>
    /// Whether the policy sizes by the CPU share itself (and stops at its own target): the overload
    /// veto then leaves the CPU verdict and its overload memory out for it, since a verdict over a
    /// whole window would hold it after its jobs change. The default is <see langword="false"/>.
    /// </summary>
    bool ReadsCpu => false;

    /// <summary>Decides one tick. May update the policy's own state.</summary>
    /// <param name="observation">What the supervisor sees now.</param>
    /// <returns>The proposed pool count and why; never <see langword="null"/>.</returns>
    PolicyDecision Decide(Observation observation);
}
