using ActorPool.Internal.Leasing;
using ActorPool.Internal.PullMode;
using ActorPool.Internal.Sizing;
using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.Settings;

/// <summary>Checks every rule of <see cref="PoolSettings"/>, collecting all that fail.</summary>
internal sealed class PoolSettingsValidator(SettingsErrors errors)
{
    /// <summary>Every problem of <paramref name="settings"/>; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(PoolSettings settings)
    {
        var errors = new SettingsErrors();
        new PoolSettingsValidator(errors).Check(settings);
        return errors.Messages;
    }

    public static string InvalidUnitsPerPoolMessage(int unitsPerPool) =>
        SettingsErrors.AtLeastMessage(Prefix + UnitsPerPool, unitsPerPool, 1);

    public void Check(PoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        errors.AtLeast(Prefix + MinPools, settings.MinPools, 0);
        errors.NotAbove(Prefix + MinPools, settings.MinPools, Prefix + MaxPools, settings.MaxPools);
        errors.AtLeast(Prefix + MaxPools, settings.MaxPools, 1);
        errors.AtLeast(Prefix + UnitsPerPool, settings.UnitsPerPool, 1);
        errors.AtLeast(Prefix + WorkersPerPool, settings.WorkersPerPool, 1);
        errors.Positive(Prefix + CheckInterval, settings.CheckInterval);
        errors.NotAboveMax(Prefix + CheckInterval, settings.CheckInterval);
        if (!Enum.IsDefined(settings.OnSignalFailure))
        {
            errors.Add($"{Prefix}{OnSignalFailure} must be hold or zero, was: [{settings.OnSignalFailure}]");
        }

        errors.AtLeast(Prefix + MaxQueuedJobs, settings.MaxQueuedJobs, 0);
        if (settings.LoggingInterval is { } interval)
        {
            // Zero is off, and is kept as null; only a negative interval is left to refuse.
            errors.NotNegative(Prefix + LoggingInterval, interval, " (0s or off for none)");
            errors.NotAboveMax(Prefix + LoggingInterval, interval);
        }

        if (settings.Sizing is null)
        {
            errors.Add($"{Prefix}sizing must not be null");
        }
        else
        {
            new SizingSettingsValidator(errors).Check(settings.Sizing);
        }

        if (settings.Lease is null)
        {
            errors.Add($"{Prefix}{Lease} must not be null");
        }
        else
        {
            new LeaseSettingsValidator(errors).Check(settings.Lease);
        }

        if (settings.Pull is null)
        {
            errors.Add($"{Prefix}{Pull} must not be null");
        }
        else
        {
            new PullSettingsValidator(errors).Check(settings.Pull);
        }

        if (settings.Workers is null)
        {
            errors.Add($"{Prefix}{PoolKeys.Workers} must not be null");
        }
        else
        {
            new ActorPool.Internal.Workers.WorkerSettingsValidator(errors).Check(settings.Workers);
        }
    }
}
