using System.Globalization;
using System.Text;
using ActorPool.Internal.Settings;
using ActorPool.Internal.Sizing;

namespace ActorPool.Hosting;

/// <summary>
/// Code-first settings of one pool supervisor, for <c>WithActorPool</c>. Every property is
/// nullable: <see langword="null"/> keeps the value from HOCON (the application's <c>actor-pool</c>
/// block, else the embedded defaults). Keys and meanings are those of <c>HOCON/reference.conf</c>.
/// </summary>
/// <remarks>
/// The options are checked with the HOCON under them when the supervisor starts, by the same rules:
/// a bad value fails the start, naming its key. Every duration is at most 24.20:31:23.647
/// (<see cref="int.MaxValue"/> milliseconds, the longest Akka's scheduler waits).
/// </remarks>
public sealed class ActorPoolOptions
{
    /// <summary><c>min-pools</c>: the fewest pools kept. <value>The default value is <see langword="null"/> (HOCON: 1).</value></summary>
    public int? MinPools { get; set; }

    /// <summary><c>max-pools</c>: the most pools at once, draining ones included. <value>The default value is <see langword="null"/> (HOCON: 8).</value></summary>
    public int? MaxPools { get; set; }

    /// <summary><c>units-per-pool</c>: units one pool serves. <value>The default value is <see langword="null"/> (HOCON: 10).</value></summary>
    public int? UnitsPerPool { get; set; }

    /// <summary><c>workers-per-pool</c>: worker threads per pool. <value>The default value is <see langword="null"/> (HOCON: 4).</value></summary>
    public int? WorkersPerPool { get; set; }

    /// <summary><c>check-interval</c>: how often the size provider is re-read. <value>The default value is <see langword="null"/> (HOCON: 120 s).</value></summary>
    public TimeSpan? CheckInterval { get; set; }

    /// <summary><c>on-signal-failure</c>: hold or zero. <value>The default value is <see langword="null"/> (HOCON: hold).</value></summary>
    public SignalFailureMode? OnSignalFailure { get; set; }

    /// <summary><c>max-queued-jobs</c>: jobs that may wait for a worker. <value>The default value is <see langword="null"/> (HOCON: 10000).</value></summary>
    public int? MaxQueuedJobs { get; set; }

    /// <summary><c>logging-interval</c>: how often the state line is logged; <see cref="TimeSpan.Zero"/> turns it off,
    /// as it does for <see cref="PoolSettings.LoggingInterval"/> (which says off with <see langword="null"/> too).
    /// <value>The default value is <see langword="null"/> (HOCON: 60 s).</value></summary>
    public TimeSpan? LoggingInterval { get; set; }

    /// <summary><c>lease.default-duration</c>. <value>The default value is <see langword="null"/> (HOCON: 300 s).</value></summary>
    public TimeSpan? LeaseDefaultDuration { get; set; }

    /// <summary><c>lease.grace</c>. <value>The default value is <see langword="null"/> (HOCON: 15 s).</value></summary>
    public TimeSpan? LeaseGrace { get; set; }

    /// <summary><c>lease.revoke-timeout</c>. <value>The default value is <see langword="null"/> (HOCON: 10 s).</value></summary>
    public TimeSpan? LeaseRevokeTimeout { get; set; }

    /// <summary><c>lease.max-total</c>. <value>The default value is <see langword="null"/> (HOCON: 1 h).</value></summary>
    public TimeSpan? LeaseMaxTotal { get; set; }

    /// <summary>
    /// <c>sizing.policy</c>: <c>units</c>, <c>load</c>, <c>queue</c>, <c>throughput</c>,
    /// <c>capability</c>, or the assembly-qualified name of an <c>ISizingPolicy</c> type.
    /// <value>The default value is <see langword="null"/> (HOCON: units).</value></summary>
    public string? SizingPolicy { get; set; }

    /// <summary><c>sizing.decision-interval</c>. <value>The default value is <see langword="null"/> (HOCON: 1 s).</value></summary>
    public TimeSpan? SizingDecisionInterval { get; set; }

    /// <summary><c>pull.maybe-run-interval</c>. <value>The default value is <see langword="null"/> (HOCON: 500 ms).</value></summary>
    public TimeSpan? PullMaybeRunInterval { get; set; }

    /// <summary><c>pull.task-timeout</c>; <see cref="TimeSpan.Zero"/> writes <c>off</c>. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public TimeSpan? PullTaskTimeout { get; set; }

    /// <summary><c>pull.max-tasks-per-minute</c>; 0 is off. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public int? PullMaxTasksPerMinute { get; set; }

    /// <summary><c>pull.continue-on-error</c>. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public bool? PullContinueOnError { get; set; }

    /// <summary><c>workers.backend</c>. <value>The default value is <see langword="null"/> (HOCON: thread).</value></summary>
    public WorkerBackend? WorkerBackend { get; set; }

    /// <summary><c>workers.mode</c>. <value>The default value is <see langword="null"/> (HOCON: reuse).</value></summary>
    public WorkerMode? WorkerMode { get; set; }

    /// <summary><c>workers.max-jobs-per-worker</c>; 0 is off. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public int? MaxJobsPerWorker { get; set; }

    /// <summary><c>workers.max-lifetime</c>; <see cref="TimeSpan.Zero"/> writes <c>off</c>. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public TimeSpan? WorkerMaxLifetime { get; set; }

    /// <summary><c>workers.idle-timeout</c>; <see cref="TimeSpan.Zero"/> writes <c>off</c>. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public TimeSpan? WorkerIdleTimeout { get; set; }

    /// <summary><c>workers.job-timeout</c>; <see cref="TimeSpan.Zero"/> writes <c>off</c>. <value>The default value is <see langword="null"/> (HOCON: off).</value></summary>
    public TimeSpan? JobTimeout { get; set; }

    /// <summary>The options that are set, as HOCON keys relative to <c>actor-pool</c>: the core's key
    /// constants, so a key is spelt once (tests/ActorPool.Docs.Tests checks them against reference.conf).</summary>
    internal string ToHocon()
    {
        var hocon = new StringBuilder();
        Add(hocon, PoolKeys.MinPools, MinPools);
        Add(hocon, PoolKeys.MaxPools, MaxPools);
        Add(hocon, PoolKeys.UnitsPerPool, UnitsPerPool);
        Add(hocon, PoolKeys.WorkersPerPool, WorkersPerPool);
        Add(hocon, PoolKeys.CheckInterval, CheckInterval);
        if (OnSignalFailure is { } mode)
        {
            hocon.Append(PoolKeys.OnSignalFailure).Append(" = ").AppendLine(mode == SignalFailureMode.Zero ? "zero" : "hold");
        }
        Add(hocon, PoolKeys.MaxQueuedJobs, MaxQueuedJobs);
        if (LoggingInterval is { } every)
        {
            hocon.Append(PoolKeys.LoggingInterval).Append(" = ").AppendLine(every == TimeSpan.Zero ? "off" : Duration(every));
        }
        Add(hocon, PoolKeys.LeaseDefaultDuration, LeaseDefaultDuration);
        Add(hocon, PoolKeys.LeaseGrace, LeaseGrace);
        Add(hocon, PoolKeys.LeaseRevokeTimeout, LeaseRevokeTimeout);
        Add(hocon, PoolKeys.LeaseMaxTotal, LeaseMaxTotal);
        if (SizingPolicy is { } policy)
        {
            // Quoted: a type name has commas, spaces and '='.
            hocon.Append(SizingKeys.Policy).Append(" = \"").Append(policy.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).AppendLine("\"");
        }
        Add(hocon, SizingKeys.DecisionInterval, SizingDecisionInterval);
        Add(hocon, PoolKeys.PullMaybeRunInterval, PullMaybeRunInterval);
        if (PullTaskTimeout is { } timeout)
        {
            hocon.Append(PoolKeys.PullTaskTimeout).Append(" = ").AppendLine(timeout == TimeSpan.Zero ? "off" : Duration(timeout));
        }
        Add(hocon, PoolKeys.PullMaxTasksPerMinute, PullMaxTasksPerMinute);
        if (PullContinueOnError is { } goOn)
        {
            hocon.Append(PoolKeys.PullContinueOnError).Append(" = ").AppendLine(goOn ? "on" : "off");
        }
        if (WorkerBackend is { } backend)
        {
            hocon.Append(PoolKeys.WorkersBackend).Append(" = ").AppendLine(backend.ToString().ToLowerInvariant());
        }
        if (WorkerMode is { } workerMode)
        {
            hocon.Append(PoolKeys.WorkersMode).Append(" = ").AppendLine(workerMode.ToString().ToLowerInvariant());
        }
        Add(hocon, PoolKeys.WorkersMaxJobsPerWorker, MaxJobsPerWorker);
        AddOrOff(hocon, PoolKeys.WorkersMaxLifetime, WorkerMaxLifetime);
        AddOrOff(hocon, PoolKeys.WorkersIdleTimeout, WorkerIdleTimeout);
        AddOrOff(hocon, PoolKeys.WorkersJobTimeout, JobTimeout);
        return hocon.ToString();
    }

    private static void AddOrOff(StringBuilder hocon, string key, TimeSpan? value)
    {
        if (value is { } v)
        {
            hocon.Append(key).Append(" = ").AppendLine(v == TimeSpan.Zero ? "off" : Duration(v));
        }
    }

    private static void Add(StringBuilder hocon, string key, int? value)
    {
        if (value is { } v)
        {
            hocon.Append(key).Append(" = ").AppendLine(v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Add(StringBuilder hocon, string key, TimeSpan? value)
    {
        if (value is { } v)
        {
            hocon.Append(key).Append(" = ").AppendLine(Duration(v));
        }
    }

    // Milliseconds keep every TimeSpan a user would give; a negative one stays negative, so the
    // settings validator names it instead of it being lost here.
    private static string Duration(TimeSpan value) =>
        value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
