using Akka.Event;

namespace ActorPool.Internal.Diagnostics;

/// <summary>
/// Every log message of the core package, ids 1000-1999 (the process backend has 2000-2999, the
/// cluster 3000-3999): one entry and one method per message, so a message's id, level and fields
/// are written once, and <c>docs/operations-logs.md</c> lists them all (a test keeps it so).
/// </summary>
/// <remarks>
/// A failure the user's code or the environment causes (a job or callback that throws, a lease
/// revoked, a failing size signal or probe, a refused change) is a one-line WARNING without a
/// stack trace; ERROR with a stack trace is kept for a bug of ours. Every message names its
/// supervisor or pool.
/// </remarks>
internal static class Log
{
    // --- supervision: 1000-1019 ---
    public static readonly LogEntry PoolsResizedEntry = new(1001, "PoolsResized", LogLevel.InfoLevel,
        "{Supervisor}: {Policy} pools {From} -> {To} ({Reason}): {Rationale}");

    public static readonly LogEntry SizingPolicyFailedEntry = new(1002, "SizingPolicyFailed", LogLevel.WarningLevel,
        "{Supervisor}: the sizing policy failed, holding at {Pools} pools: {Rationale}");

    public static readonly LogEntry SizeSignalFailedEntry = new(1003, "SizeSignalFailed", LogLevel.WarningLevel,
        "{Supervisor}: the size signal failed ({Error}); using {Units} units");

    public static readonly LogEntry SupervisorRestartedEntry = new(1004, "SupervisorRestarted", LogLevel.WarningLevel,
        "{Supervisor} restarted after {ExceptionType}: {Error}; its pools, leases and jobs are kept");

    public static readonly LogEntry RequestRefusedEntry = new(1005, "RequestRefused", LogLevel.WarningLevel,
        "{Supervisor}: {Request} refused: {Error}; nothing was changed");

    public static readonly LogEntry RequestFailedEntry = new(1006, "RequestFailed", LogLevel.ErrorLevel,
        "{Supervisor}: {Request} failed ({ExceptionType}: {Error}); nothing was changed by it");

    public static readonly LogEntry LoadUnavailableEntry = new(1007, "LoadUnavailable", LogLevel.WarningLevel,
        "{Supervisor}: SystemLoad could not start, so the status shows no load and a policy that reads it (sizing.policy = {Policy}) sizes on unknown load: {Error}");

    public static readonly LogEntry PoolRestartedEntry = new(1008, "PoolRestarted", LogLevel.WarningLevel,
        "{Pool} crashed ({ExceptionType}: {Error}); restarted with its threads and jobs");

    public static readonly LogEntry BoundsChangedEntry = new(1009, "PoolBoundsChanged", LogLevel.InfoLevel,
        "{Supervisor}: pool bounds {OldMin}..{OldMax} -> {MinPools}..{MaxPools}");

    public static readonly LogEntry StateLineEntry = new(1010, "StateLine", LogLevel.InfoLevel,
        "{Supervisor} - desired={Desired} total={Total} idle={Idle} leased={Leased} busy={Busy} draining={Draining} queued={Queued} load={Load}");

    public static readonly LogEntry WorkersKilledEntry = new(1011, "WorkersKilled", LogLevel.InfoLevel,
        "{Supervisor}: replacing every worker of {Pools} pools (KillWorkers)");

    // --- workers: 1020-1029 ---
    public static readonly LogEntry StuckWorkerNotReplacedEntry = new(1020, "StuckWorkerNotReplaced", LogLevel.WarningLevel,
        "{Pool}: a job outlived its timeout and holds its worker; {Allowance} such workers already have replacements (workers.stuck-replacements), so the pool runs with one worker less until it returns");

    public static readonly LogEntry WorkerInitializerFailedEntry = new(1021, "WorkerInitializerFailed", LogLevel.WarningLevel,
        "{Pool}: the worker initializer {Initializer} threw ({ExceptionType}: {Error}); the worker's next job fails with it and a fresh worker takes its place");

    // --- leases: 1030-1039 ---
    public static readonly LogEntry LeaseExpiredEntry = new(1030, "LeaseExpired", LogLevel.WarningLevel,
        "{LeaseId} on {Pool} expired; it is revoked in {UntilRevoke} unless renewed");

    public static readonly LogEntry LeaseRevokedEntry = new(1031, "LeaseRevoked", LogLevel.WarningLevel,
        "{LeaseId} on {Pool} revoked ({Reason}); its work is cancelled");

    public static readonly LogEntry LeasedPoolStuckEntry = new(1032, "LeasedPoolStuck", LogLevel.WarningLevel,
        "{Supervisor}: {Pool} is stuck: {Jobs} ignored cancellation for actor-pool.lease.revoke-timeout = {RevokeTimeout}; it still counts against max-pools");

    // --- system load: 1040-1049 ---
    public static readonly LogEntry LoadProbeFailedEntry = new(1040, "LoadProbeFailed", LogLevel.WarningLevel,
        "{SystemLoad}: load probe for [{Signal}] failed, reporting the signal as unknown (logged at most once a minute): {ExceptionType}: {Error}");

    // --- pull mode: 1050-1059 ---
    public static readonly LogEntry RunStartedEntry = new(1050, "RunStarted", LogLevel.InfoLevel,
        "{Supervisor} run started");

    public static readonly LogEntry RunPausedEntry = new(1051, "RunPaused", LogLevel.InfoLevel,
        "{Supervisor} run paused with {Running} running");

    public static readonly LogEntry RunTaskFailedEntry = new(1052, "RunTaskFailed", LogLevel.WarningLevel,
        "{Supervisor} run: a task failed, going on (pull.continue-on-error = on): {Error}");

    public static readonly LogEntry RunEndedEntry = new(1053, "RunEnded", LogLevel.InfoLevel,
        "{Supervisor} run ended ({Why}): {State}");

    public static readonly LogEntry RunStateEntry = new(1054, "RunState", LogLevel.InfoLevel,
        "{Supervisor} run - {State}");

    public static void PoolsResized(ILoggingAdapter log, string supervisor, string policy, int from, int to, string reason, string rationale) =>
        PoolsResizedEntry.Write(log, supervisor, policy, from, to, reason, rationale);

    public static void SizingPolicyFailed(ILoggingAdapter log, string supervisor, int pools, string rationale) =>
        SizingPolicyFailedEntry.Write(log, supervisor, pools, rationale);

    public static void SizeSignalFailed(ILoggingAdapter log, string supervisor, string error, int units) =>
        SizeSignalFailedEntry.Write(log, supervisor, error, units);

    public static void SupervisorRestarted(ILoggingAdapter log, string supervisor, Exception reason) =>
        SupervisorRestartedEntry.Write(log, supervisor, reason.GetType().Name, reason.Message);

    /// <summary>A request refused as invalid (an <see cref="ArgumentException"/>): the sender is told why; one line.</summary>
    public static void RequestRefused(ILoggingAdapter log, string supervisor, string request, Exception error) =>
        RequestRefusedEntry.Write(log, supervisor, request, error.Message);

    /// <summary>A handler threw something else: a bug of ours, so with its stack trace.</summary>
    public static void RequestFailed(ILoggingAdapter log, string supervisor, string request, Exception error) =>
        RequestFailedEntry.Write(log, error, supervisor, request, error.GetType().Name, error.Message);

    public static void LoadUnavailable(ILoggingAdapter log, string supervisor, string policy, string error) =>
        LoadUnavailableEntry.Write(log, supervisor, policy, error);

    public static void PoolRestarted(ILoggingAdapter log, string pool, Exception reason) =>
        PoolRestartedEntry.Write(log, pool, reason.GetType().Name, reason.Message);

    public static void BoundsChanged(ILoggingAdapter log, string supervisor, int oldMin, int oldMax, int minPools, int maxPools) =>
        BoundsChangedEntry.Write(log, supervisor, oldMin, oldMax, minPools, maxPools);

    public static void StateLine(ILoggingAdapter log, string supervisor, PoolStatus status) =>
        StateLineEntry.Write(log, Supervision.StatusBuilder.StateLineFields(supervisor, status));

    public static void WorkersKilled(ILoggingAdapter log, string supervisor, int pools) =>
        WorkersKilledEntry.Write(log, supervisor, pools);

    public static void StuckWorkerNotReplaced(ILoggingAdapter log, string pool, int allowance) =>
        StuckWorkerNotReplacedEntry.Write(log, pool, allowance);

    public static void WorkerInitializerFailed(ILoggingAdapter log, string pool, string initializer, Exception error) =>
        WorkerInitializerFailedEntry.Write(log, pool, initializer, error.GetType().Name, error.Message);

    public static void LeaseExpired(ILoggingAdapter log, string leaseId, string pool, TimeSpan untilRevoke) =>
        LeaseExpiredEntry.Write(log, leaseId, pool, Readable.Duration(untilRevoke));

    public static void LeaseRevoked(ILoggingAdapter log, string leaseId, string pool, string reason) =>
        LeaseRevokedEntry.Write(log, leaseId, pool, reason);

    public static void LeasedPoolStuck(ILoggingAdapter log, string supervisor, string pool, string jobs, string revokeTimeout) =>
        LeasedPoolStuckEntry.Write(log, supervisor, pool, jobs, revokeTimeout);

    public static void LoadProbeFailed(ILoggingAdapter log, string systemLoad, string signal, Exception error) =>
        LoadProbeFailedEntry.Write(log, systemLoad, signal, error.GetType().Name, error.Message);

    public static void RunStarted(ILoggingAdapter log, string supervisor) => RunStartedEntry.Write(log, supervisor);

    public static void RunPaused(ILoggingAdapter log, string supervisor, int running) => RunPausedEntry.Write(log, supervisor, running);

    public static void RunTaskFailed(ILoggingAdapter log, string supervisor, string error) => RunTaskFailedEntry.Write(log, supervisor, error);

    public static void RunEnded(ILoggingAdapter log, string supervisor, string why, string state) => RunEndedEntry.Write(log, supervisor, why, state);

    public static void RunState(ILoggingAdapter log, string supervisor, string state) => RunStateEntry.Write(log, supervisor, state);
}
