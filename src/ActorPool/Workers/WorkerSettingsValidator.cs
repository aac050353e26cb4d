using ActorPool.Internal.Settings;
using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.Workers;

/// <summary>Checks every rule of <see cref="WorkerSettings"/>, collecting all that fail.</summary>
internal sealed class WorkerSettingsValidator(SettingsErrors errors)
{
    public void Check(WorkerSettings workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (!Enum.IsDefined(workers.Backend))
        {
            errors.Add($"{Prefix}{WorkersBackend} must be thread or process, was: [{workers.Backend}]");
        }
        else if (PoolRuntimes.Missing(workers.Backend) is { } missing)
        {
            errors.Add($"{Prefix}{WorkersBackend} = {workers.Backend.ToString().ToLowerInvariant()} {missing}");
        }
        if (!Enum.IsDefined(workers.Mode))
        {
            errors.Add($"{Prefix}{WorkersMode} must be reuse or ephemeral, was: [{workers.Mode}]");
        }
        errors.AtLeast(Prefix + WorkersMaxJobsPerWorker, workers.MaxJobsPerWorker, 0);
        Optional(WorkersMaxLifetime, workers.MaxLifetime);
        errors.Between(Prefix + WorkersMaxLifetimeVariance, workers.MaxLifetimeVariance, 0, 0.5);
        Optional(WorkersIdleTimeout, workers.IdleTimeout);
        Optional(WorkersJobTimeout, workers.JobTimeout);
        errors.AtLeast(Prefix + WorkersStuckReplacements, workers.StuckReplacements, 0);
        errors.AtLeast(Prefix + WorkersMaxJobCrashes, workers.MaxJobCrashes, 1);
        if (workers.Backend == WorkerBackend.Process && workers.Initializer is { } initializer)
        {
            // Refused rather than skipped: a pool whose initializer silently never ran is worse than no pool.
            errors.Add($"{Prefix}{WorkersInitializer} cannot be used with {Prefix}{WorkersBackend} = process, was: "
                + $"[{initializer.GetType().FullName}]: an in-process IWorkerInitializer cannot run in a child process; "
                + "name an ActorPool.Process.IProcessInitializer in actor-pool.process.initializer instead");
        }
    }

    private void Optional(string key, TimeSpan? value)
    {
        if (value is { } set)
        {
            errors.Positive(Prefix + key, set);
            errors.NotAboveMax(Prefix + key, set);
        }
    }
}
