using ActorPool.Internal.Settings;
using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.PullMode;

/// <summary>Checks every rule of <see cref="PullSettings"/>, collecting all that fail.</summary>
internal sealed class PullSettingsValidator(SettingsErrors errors)
{
    public void Check(PullSettings pull)
    {
        ArgumentNullException.ThrowIfNull(pull);
        errors.Positive(Prefix + PullMaybeRunInterval, pull.MaybeRunInterval);
        errors.NotAboveMax(Prefix + PullMaybeRunInterval, pull.MaybeRunInterval);
        if (pull.TaskTimeout is { } timeout)
        {
            errors.Positive(Prefix + PullTaskTimeout, timeout);
            errors.NotAboveMax(Prefix + PullTaskTimeout, timeout);
        }

        errors.AtLeast(Prefix + PullMaxTasksPerMinute, pull.MaxTasksPerMinute, 0);
        if (pull.LoggingInterval is { } interval)
        {
            errors.Positive(Prefix + PullLoggingInterval, interval);
            errors.NotAboveMax(Prefix + PullLoggingInterval, interval);
        }
    }
}
