using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Tells a <c>PoolSupervisor</c> that its sizing signal changed. Fire and forget: there is no reply;
/// ask <see cref="GetPoolStatus"/> or <see cref="AwaitSettled"/> to see the outcome.
/// </summary>
/// <remarks>
/// <c>new ScaleChanged(31)</c> sets the unit count to 31. When the supervisor also has a size
/// provider, the provider's value replaces it at the next check. <see cref="Recheck"/> re-reads the
/// size provider now instead of waiting for <c>check-interval</c>, like leasepool's
/// <c>notify_scale_changed()</c>.
/// </remarks>
public sealed record ScaleChanged : IPortableMessage, INoSerializationVerificationNeeded
{
    /// <summary>Sets the unit count.</summary>
    /// <param name="units">The new unit count, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is negative.</exception>
    public ScaleChanged(int units)
    {
        if (units < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"ScaleChanged units must be >= 0, was: [{units}]");
        }
        Units = units;
    }

    private ScaleChanged()
    {
        Units = null;
    }

    /// <summary>A message that makes the supervisor re-read its size provider at once.</summary>
    public static ScaleChanged Recheck { get; } = new();

    /// <summary>The unit count this message sets, or <see langword="null"/> for <see cref="Recheck"/>.</summary>
    public int? Units { get; }

    /// <summary>Whether this is <see cref="Recheck"/>.</summary>
    public bool IsRecheck => Units is null;

    /// <inheritdoc/>
    public override string ToString() => IsRecheck ? "ScaleChanged(recheck)" : $"ScaleChanged({Units})";
}

/// <summary>Asks a <c>PoolSupervisor</c> for a <see cref="PoolStatus"/>.</summary>
public sealed class GetPoolStatus : IPortableMessage, INoSerializationVerificationNeeded
{
    private GetPoolStatus()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetPoolStatus Instance { get; } = new();
}

/// <summary>
/// Asks a <c>PoolSupervisor</c> for a <see cref="PoolStatus"/> as soon as it is settled: as many
/// pools as desired and none draining. Replies at once when it already is.
/// </summary>
public sealed class AwaitSettled : IPortableMessage, INoSerializationVerificationNeeded
{
    private AwaitSettled()
    {
    }

    /// <summary>The single instance.</summary>
    public static AwaitSettled Instance { get; } = new();
}
