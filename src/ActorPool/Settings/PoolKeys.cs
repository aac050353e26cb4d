namespace ActorPool.Internal.Settings;

/// <summary>
/// The HOCON keys of <see cref="PoolSettings"/>, relative to <c>actor-pool</c>; prefix them with
/// <see cref="Prefix"/> for messages, which always name the full key.
/// </summary>
internal static class PoolKeys
{
    public const string Prefix = ActorPoolConfig.RootPath + ".";

    public const string MinPools = "min-pools";
    public const string MaxPools = "max-pools";
    public const string UnitsPerPool = "units-per-pool";
    public const string WorkersPerPool = "workers-per-pool";
    public const string CheckInterval = "check-interval";
    public const string OnSignalFailure = "on-signal-failure";
    public const string MaxQueuedJobs = "max-queued-jobs";
    public const string LoggingInterval = "logging-interval";
    public const string Lease = "lease";
    public const string LeaseDefaultDuration = "lease.default-duration";
    public const string LeaseGrace = "lease.grace";
    public const string LeaseRevokeTimeout = "lease.revoke-timeout";
    public const string LeaseMaxTotal = "lease.max-total";
    public const string Pull = "pull";
    public const string PullMaybeRunInterval = "pull.maybe-run-interval";
    public const string PullTaskTimeout = "pull.task-timeout";
    public const string PullMaxTasksPerMinute = "pull.max-tasks-per-minute";
    public const string PullContinueOnError = "pull.continue-on-error";
    public const string PullLoggingInterval = "pull.logging-interval";
    public const string Workers = "workers";
    public const string WorkersBackend = "workers.backend";
    public const string WorkersMode = "workers.mode";
    public const string WorkersMaxJobsPerWorker = "workers.max-jobs-per-worker";
    public const string WorkersMaxLifetime = "workers.max-lifetime";
    public const string WorkersMaxLifetimeVariance = "workers.max-lifetime-variance";
    public const string WorkersIdleTimeout = "workers.idle-timeout";
    public const string WorkersJobTimeout = "workers.job-timeout";
    public const string WorkersStuckReplacements = "workers.stuck-replacements";
    public const string WorkersMaxJobCrashes = "workers.max-job-crashes";
    public const string WorkersInitializer = "workers.initializer";
}
