using ActorPool.Internal.Diagnostics;
using Akka.Event;

namespace ActorPool.Internal.Process.Diagnostics;

/// <summary>
/// Every log message of the process backend, ids 2000-2999, as <see cref="Log"/> is for the core.
/// Each names its worker in brackets (e.g. <c>[pools-pool-1-worker-1]</c>) and its child's pid.
/// </summary>
/// <remarks>
/// A child that crashes, a job that ignores its cancellation, a child's stderr or a user callback
/// that throws are WARNING, one line; ERROR is kept for a failure in our own clean-up.
/// </remarks>
internal static class ProcessLog
{
    public static readonly LogEntry ChildReadyEntry = new(2001, "ChildReady", LogLevel.InfoLevel,
        "[{Worker}] child {Pid} is ready");

    public static readonly LogEntry ChildCrashedEntry = new(2002, "ChildCrashed", LogLevel.WarningLevel,
        "[{Worker}] child {Pid} {Exit}");

    public static readonly LogEntry ChildEndedEntry = new(2003, "ChildEnded", LogLevel.InfoLevel,
        "[{Worker}] child {Pid} ended ({Reason}), {Exit}");

    public static readonly LogEntry ChildStartFailedEntry = new(2004, "ChildStartFailed", LogLevel.WarningLevel,
        "[{Worker}] child {Pid} failed to start: {Error}");

    public static readonly LogEntry ChildNotStartedEntry = new(2005, "ChildNotStarted", LogLevel.WarningLevel,
        "[{Worker}] a child did not start: {Error}");

    public static readonly LogEntry ChildOutputEntry = new(2006, "ChildOutput", LogLevel.InfoLevel,
        "[{Worker}] child {Pid}: {Line}");

    public static readonly LogEntry ChildStderrEntry = new(2007, "ChildStderr", LogLevel.WarningLevel,
        "[{Worker}] child {Pid} stderr: {Line}");

    public static readonly LogEntry LinkBrokeEntry = new(2008, "LinkBroke", LogLevel.WarningLevel,
        "[{Worker}] child {Pid}: the link broke: {Error}");

    public static readonly LogEntry JobCrashedChildEntry = new(2010, "JobCrashedChild", LogLevel.WarningLevel,
        "[{Worker}] a {JobType} job crashed its child ({Crashes} of workers.max-job-crashes = {MaxJobCrashes}); running it again on a fresh one");

    public static readonly LogEntry CancellationIgnoredEntry = new(2011, "CancellationIgnored", LogLevel.WarningLevel,
        "[{Worker}] child {Pid}: the {JobId} job ignored its cancellation for {CancelGrace}; killing the child");

    public static readonly LogEntry ChildRetiredEntry = new(2012, "ChildRetired", LogLevel.InfoLevel,
        "[{Worker}] child {Pid}: working set grew by {Grown} bytes since its first job, past {Limit}; retiring it");

    public static readonly LogEntry KillFailedEntry = new(2020, "KillFailed", LogLevel.WarningLevel,
        "[{Worker}] killing the child failed: {Error}");

    public static readonly LogEntry StopFailedEntry = new(2021, "StopFailed", LogLevel.WarningLevel,
        "[{Worker}] stopping a child failed: {Error}");

    public static readonly LogEntry ChildExitedCallbackFailedEntry = new(2022, "ChildExitedCallbackFailed", LogLevel.WarningLevel,
        "[{Worker}] the ChildExited callback threw ({ExceptionType}: {Error})");

    public static readonly LogEntry CleanupFailedEntry = new(2030, "CleanupFailed", LogLevel.ErrorLevel,
        "[{Worker}] cleaning up after a {JobId} job failed");

    public static void ChildReady(ILoggingAdapter log, string worker, int pid) => ChildReadyEntry.Write(log, worker, pid);

    public static void ChildCrashed(ILoggingAdapter log, string worker, int pid, string exit) => ChildCrashedEntry.Write(log, worker, pid, exit);

    public static void ChildEnded(ILoggingAdapter log, string worker, int pid, object reason, string exit) =>
        ChildEndedEntry.Write(log, worker, pid, reason.ToString(), exit);

    public static void ChildStartFailed(ILoggingAdapter log, string worker, int pid, string error) => ChildStartFailedEntry.Write(log, worker, pid, error);

    public static void ChildNotStarted(ILoggingAdapter log, string worker, string error) => ChildNotStartedEntry.Write(log, worker, error);

    public static void ChildOutput(ILoggingAdapter log, string worker, int pid, string line) => ChildOutputEntry.Write(log, worker, pid, line);

    public static void ChildStderr(ILoggingAdapter log, string worker, int pid, string line) => ChildStderrEntry.Write(log, worker, pid, line);

    public static void LinkBroke(ILoggingAdapter log, string worker, int pid, string error) => LinkBrokeEntry.Write(log, worker, pid, error);

    public static void JobCrashedChild(ILoggingAdapter log, string worker, string jobType, int crashes, int maxJobCrashes) =>
        JobCrashedChildEntry.Write(log, worker, jobType, crashes, maxJobCrashes);

    public static void CancellationIgnored(ILoggingAdapter log, string worker, int pid, object jobId, TimeSpan cancelGrace) =>
        CancellationIgnoredEntry.Write(log, worker, pid, jobId.ToString(), Readable.Duration(cancelGrace));

    public static void ChildRetired(ILoggingAdapter log, string worker, int pid, long grown, long limit) =>
        ChildRetiredEntry.Write(log, worker, pid, grown, limit);

    public static void KillFailed(ILoggingAdapter log, string worker, string error) => KillFailedEntry.Write(log, worker, error);

    public static void StopFailed(ILoggingAdapter log, string worker, string error) => StopFailedEntry.Write(log, worker, error);

    public static void ChildExitedCallbackFailed(ILoggingAdapter log, string worker, Exception error) =>
        ChildExitedCallbackFailedEntry.Write(log, worker, error.GetType().Name, error.Message);

    public static void CleanupFailed(ILoggingAdapter log, string worker, object jobId, Exception error) =>
        CleanupFailedEntry.Write(log, error, worker, jobId.ToString());
}
