using ActorPool.Internal.Settings;
using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.Workers;

/// <summary>Reads the <c>actor-pool.workers</c> block.</summary>
internal static class WorkerSettingsReader
{
    private static readonly Dictionary<string, WorkerBackend> s_backends =
        new(StringComparer.Ordinal) { ["thread"] = WorkerBackend.Thread, ["process"] = WorkerBackend.Process };

    private static readonly Dictionary<string, WorkerMode> s_modes =
        new(StringComparer.Ordinal) { ["reuse"] = WorkerMode.Reuse, ["ephemeral"] = WorkerMode.Ephemeral };

    public static WorkerSettings Read(HoconReader read, SettingsErrors errors)
    {
        var defaults = new WorkerSettings();
        return new WorkerSettings
        {
            Backend = read.OneOf(WorkersBackend, s_backends, defaults.Backend),
            Mode = read.OneOf(WorkersMode, s_modes, defaults.Mode),
            MaxJobsPerWorker = read.IntOrOff(WorkersMaxJobsPerWorker, defaults.MaxJobsPerWorker),
            MaxLifetime = read.DurationOrOff(WorkersMaxLifetime, defaults.MaxLifetime),
            MaxLifetimeVariance = read.Double(WorkersMaxLifetimeVariance, defaults.MaxLifetimeVariance),
            IdleTimeout = read.DurationOrOff(WorkersIdleTimeout, defaults.IdleTimeout),
            JobTimeout = read.DurationOrOff(WorkersJobTimeout, defaults.JobTimeout),
            StuckReplacements = read.Int(WorkersStuckReplacements, defaults.StuckReplacements),
            MaxJobCrashes = read.Int(WorkersMaxJobCrashes, defaults.MaxJobCrashes),
            Initializer = Initializer(read.Text(WorkersInitializer, ""), errors),
        };
    }

    private static IWorkerInitializer? Initializer(string name, SettingsErrors errors)
    {
        if (name.Length == 0)
        {
            return null;
        }
        try
        {
            return UserTypes.Create<IWorkerInitializer>(Prefix + WorkersInitializer, name);
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
            return null;
        }
    }
}
