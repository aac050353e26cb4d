using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.Settings;

/// <summary>Checks every rule of <see cref="LeaseSettings"/>, collecting all that fail.</summary>
internal sealed class LeaseSettingsValidator(SettingsErrors errors)
{
    public void Check(LeaseSettings lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        errors.Positive(Prefix + LeaseDefaultDuration, lease.DefaultDuration);
        errors.NotNegative(Prefix + LeaseGrace, lease.Grace);
        errors.Positive(Prefix + LeaseRevokeTimeout, lease.RevokeTimeout);
        errors.Positive(Prefix + LeaseMaxTotal, lease.MaxTotal);
        errors.NotBelow(
            Prefix + LeaseMaxTotal, lease.MaxTotal, Prefix + LeaseDefaultDuration, lease.DefaultDuration);
    }
}
