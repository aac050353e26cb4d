using ActorPool.Internal.Sizing;
using Akka.Configuration;
using static ActorPool.Internal.Settings.PoolKeys;

namespace ActorPool.Internal.Settings;

/// <summary>
/// Builds <see cref="PoolSettings"/> from a block shaped like <c>actor-pool</c>, over the embedded
/// defaults, and throws one exception listing every unknown key, unreadable value and broken rule.
/// </summary>
internal static class PoolSettingsReader
{
    // actor-pool.process belongs to ActorPool.Process and actor-pool.cluster to ActorPool.Cluster,
    // whose readers check them key by key: here each is only required to be a block, so an
    // application configuring them passes, and a misspelt key beside them is still reported.
    private static readonly Lazy<KnownKeys> s_known = new(() => new KnownKeys(ActorPoolConfig.DefaultBlock, ownedElsewhere: ["process", "cluster"]));

    private static readonly Dictionary<string, SignalFailureMode> s_signalFailureModes =
        new(StringComparer.Ordinal) { ["hold"] = SignalFailureMode.Hold, ["zero"] = SignalFailureMode.Zero };

    public static PoolSettings Read(Config block)
    {
        ArgumentNullException.ThrowIfNull(block);
        // Nothing of a value can be read, and Akka would fail with a NullReferenceException.
        RootBlock.ThrowIfNotABlock(block);
        var errors = new SettingsErrors();
        s_known.Value.Check(block, Prefix, errors);

        // Stand-ins for unreadable values come from the record's own defaults.
        var defaults = new PoolSettings();
        var read = new HoconReader(block.WithFallback(ActorPoolConfig.DefaultBlock), Prefix, errors);
        var settings = new PoolSettings
        {
            MinPools = read.Int(MinPools, defaults.MinPools),
            MaxPools = read.Int(MaxPools, defaults.MaxPools),
            UnitsPerPool = read.Int(UnitsPerPool, defaults.UnitsPerPool),
            WorkersPerPool = read.Int(WorkersPerPool, defaults.WorkersPerPool),
            CheckInterval = read.Duration(CheckInterval, defaults.CheckInterval),
            OnSignalFailure = read.OneOf(OnSignalFailure, s_signalFailureModes, defaults.OnSignalFailure),
            MaxQueuedJobs = read.Int(MaxQueuedJobs, defaults.MaxQueuedJobs),
            LoggingInterval = read.DurationOrOff(LoggingInterval, defaults.LoggingInterval),
            Sizing = SizingSettingsReader.Read(read),
            Lease = new LeaseSettings
            {
                DefaultDuration = read.Duration(LeaseDefaultDuration, defaults.Lease.DefaultDuration),
                Grace = read.Duration(LeaseGrace, defaults.Lease.Grace),
                RevokeTimeout = read.Duration(LeaseRevokeTimeout, defaults.Lease.RevokeTimeout),
                MaxTotal = read.Duration(LeaseMaxTotal, defaults.Lease.MaxTotal),
            },
            Pull = new PullSettings
            {
                MaybeRunInterval = read.Duration(PullMaybeRunInterval, defaults.Pull.MaybeRunInterval),
                TaskTimeout = read.DurationOrOff(PullTaskTimeout, defaults.Pull.TaskTimeout),
                MaxTasksPerMinute = read.IntOrOff(PullMaxTasksPerMinute, defaults.Pull.MaxTasksPerMinute),
                ContinueOnError = read.Bool(PullContinueOnError, defaults.Pull.ContinueOnError),
                LoggingInterval = read.DurationOrOff(PullLoggingInterval, defaults.Pull.LoggingInterval),
            },
            Workers = Internal.Workers.WorkerSettingsReader.Read(read, errors),
        };

        new PoolSettingsValidator(errors).Check(settings);
        SettingsErrors.ThrowIfAny(errors.Messages);
        return settings;
    }
}
