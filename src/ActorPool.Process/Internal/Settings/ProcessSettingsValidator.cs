using ActorPool.Internal.Settings;
using ActorPool.Process;
using static ActorPool.Internal.Process.Settings.ProcessKeys;

namespace ActorPool.Internal.Process.Settings;

/// <summary>Checks every rule of <see cref="ProcessSettings"/>, collecting all that fail.</summary>
internal sealed class ProcessSettingsValidator(SettingsErrors errors)
{
    public void Check(ProcessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Duration(StartTimeout, settings.StartTimeout);
        errors.NotNegative(Prefix + CancelGrace, settings.CancelGrace, " (0s kills at once)");
        errors.NotAboveMax(Prefix + CancelGrace, settings.CancelGrace);
        Duration(StopTimeout, settings.StopTimeout);
        Duration(ParentPollInterval, settings.ParentPollInterval);
        errors.AtLeast(Prefix + StderrLines, settings.StderrLines, 0);
        if (settings.MaxMemoryGrowth is { } growth && growth <= 0)
        {
            errors.Add($"{Prefix}{MaxMemoryGrowth} must be > 0 bytes, or off, was: [{growth}]");
        }

        if (settings.Env is null)
        {
            errors.Add($"{Prefix}{Env} must not be null");
        }
        else
        {
            foreach (var name in settings.Env.Keys.Where(n => n.Length == 0 || n.Contains('=', StringComparison.Ordinal)))
            {
                errors.Add($"{Prefix}{Env} names must be non-empty and hold no '=', was: [{name}]");
            }
        }

        if (settings.Initializer is { } initializer && ProcessJobRegistry.InitializerProblem(initializer) is { } problem)
        {
            errors.Add($"{Prefix}{Initializer} {problem}, was: [{initializer.AssemblyQualifiedName}]");
        }

        if (!string.IsNullOrEmpty(settings.DotnetHost) && !File.Exists(settings.DotnetHost))
        {
            errors.Add($"{Prefix}{DotnetHost} must name an existing dotnet executable, was: [{settings.DotnetHost}]");
        }
    }

    private void Duration(string key, TimeSpan value)
    {
        errors.Positive(Prefix + key, value);
        errors.NotAboveMax(Prefix + key, value);
    }
}
