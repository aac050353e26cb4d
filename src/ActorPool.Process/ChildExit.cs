namespace ActorPool.Process;

/// <summary>Why a child process ended.</summary>
public enum ChildExitReason
{
    /// <summary>It died on its own: a signal, <c>Environment.Exit</c>, an unhandled exception, out of memory.</summary>
    Crashed,

    /// <summary>It was killed because a cancelled or timed-out job ignored its token past <c>cancel-grace</c>,
    /// or because <see cref="ProcessWorker.KillChildAsync"/> was called.</summary>
    Killed,

    /// <summary>It was retired after a job because its working set grew past <c>max-memory-growth</c>.</summary>
    Retired,

    /// <summary>It was stopped because its worker was disposed.</summary>
    Stopped,
}

/// <summary>The end of one child process.</summary>
/// <param name="Pid">The child's process id.</param>
/// <param name="ExitCode">Its exit code (128 + N for signal N on Unix).</param>
/// <param name="Signal">The signal that ended it, or <see langword="null"/>.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="LastStderrLines">Its last standard-error lines, oldest first.</param>
public sealed record ChildExit(int Pid, int ExitCode, int? Signal, ChildExitReason Reason, IReadOnlyList<string> LastStderrLines);
