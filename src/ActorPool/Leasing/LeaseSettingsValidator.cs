using ActorPool.Internal.Settings;
using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.Leasing;

/// <summary>Checks every rule of <see cref="LeaseSettings"/>, collecting all that fail.</summary>
/// <remarks>
/// Every duration is at most <see cref="DurationLimits.Max"/>, and so is max-total + grace: a lease
/// is revoked that long after its grant at the latest, and default-duration + grace is no more.
/// </remarks>
internal sealed class LeaseSettingsValidator(SettingsErrors errors)
{
    public void Check(LeaseSettings lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        errors.Positive(Prefix + LeaseDefaultDuration, lease.DefaultDuration);
        errors.NotAboveMax(Prefix + LeaseDefaultDuration, lease.DefaultDuration);
        errors.NotNegative(Prefix + LeaseGrace, lease.Grace);
        errors.NotAboveMax(Prefix + LeaseGrace, lease.Grace);
        errors.Positive(Prefix + LeaseRevokeTimeout, lease.RevokeTimeout);
        errors.NotAboveMax(Prefix + LeaseRevokeTimeout, lease.RevokeTimeout);
        errors.Positive(Prefix + LeaseMaxTotal, lease.MaxTotal);
        errors.NotAboveMax(Prefix + LeaseMaxTotal, lease.MaxTotal);
        errors.NotBelow(
            Prefix + LeaseMaxTotal, lease.MaxTotal, Prefix + LeaseDefaultDuration, lease.DefaultDuration);
        errors.SumNotAboveMax(Prefix + LeaseMaxTotal, lease.MaxTotal, Prefix + LeaseGrace, lease.Grace);
    }
}
