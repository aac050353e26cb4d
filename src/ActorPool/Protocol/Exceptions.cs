namespace ActorPool;

/// <summary>A job was refused at admission: <c>max-queued-jobs</c> jobs already wait.</summary>
public sealed class JobRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobRejectedException()
    {
    }

    /// <summary>Creates the exception with a message naming the limit.</summary>
    public JobRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JobRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The base of every lease failure.</summary>
public abstract class LeaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected LeaseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    protected LeaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    protected LeaseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// No pool could be leased within the requested wait: every pool was leased or busy and
/// <c>max-pools</c> were in use.
/// </summary>
public sealed class LeaseUnavailableException : LeaseException
{
    /// <summary>Creates the exception.</summary>
    public LeaseUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LeaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the time the request waited.</summary>
    public LeaseUnavailableException(string message, TimeSpan waited)
        : base(message)
    {
        Waited = waited;
    }

    /// <summary>
    /// How long the request waited in the supervisor, from its arrival to its refusal, as the
    /// supervisor measured it; <see langword="null"/> when unknown.
    /// </summary>
    public TimeSpan? Waited { get; }
}

/// <summary>
/// The lease was revoked at hard expiry: new and queued work fails with this, and a running job
/// that stopped on its cancelled token fails with this (the cancellation as its inner exception).
/// </summary>
public sealed class LeaseExpiredException : LeaseException
{
    /// <summary>Creates the exception.</summary>
    public LeaseExpiredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LeaseExpiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The lease was released (or its holder stopped) before the work was submitted or started.</summary>
public sealed class LeaseReleasedException : LeaseException
{
    /// <summary>Creates the exception.</summary>
    public LeaseReleasedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseReleasedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LeaseReleasedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A lease id the supervisor does not know (never granted, or long ended).</summary>
public sealed class UnknownLeaseException : LeaseException
{
    /// <summary>Creates the exception.</summary>
    public UnknownLeaseException()
    {
    }

    /// <summary>Creates the exception with a message naming the id.</summary>
    public UnknownLeaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UnknownLeaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A job did not finish within its timeout (<c>actor-pool.workers.job-timeout</c>, or the one it
/// was submitted with). A queued job is dropped; a running one has its <see cref="CancellationToken"/>
/// cancelled, and a synchronous or uncooperative one keeps its worker, reported stuck, until it returns.
/// </summary>
public sealed class JobTimeoutException : TimeoutException
{
    /// <inheritdoc />
    public JobTimeoutException()
    {
    }

    /// <inheritdoc />
    public JobTimeoutException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public JobTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A job that ran out of <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The timeout it had.</param>
    public JobTimeoutException(TimeSpan timeout)
        : base($"The job did not finish within its timeout of {Internal.Diagnostics.Readable.Duration(timeout)}.")
    {
        Timeout = timeout;
    }

    /// <summary>The timeout the job had, when known.</summary>
    public TimeSpan? Timeout { get; }
}

/// <summary>
/// A job was handed to a worker whose <see cref="IWorkerInitializer"/> threw; the initializer's
/// exception is the inner exception. The worker is replaced, and the fresh one runs the
/// initializer again.
/// </summary>
public sealed class WorkerInitializationException : Exception
{
    /// <inheritdoc />
    public WorkerInitializationException()
    {
    }

    /// <inheritdoc />
    public WorkerInitializationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public WorkerInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A job cannot run on a process-backed pool: only a registered job type crosses to a child
/// process, and a delegate (a lambda, a method group) or an unregistered type cannot.
/// </summary>
/// <remarks>It is thrown on the submitting side, before anything is sent to a child.</remarks>
public sealed class NotPortableJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotPortableJobException()
    {
    }

    /// <summary>Creates the exception with a message saying how to make the job portable.</summary>
    public NotPortableJobException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NotPortableJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The worker running a job died under it: a child process exited (SIGKILL, <c>Environment.Exit</c>,
/// an unhandled exception, out of memory) or failed to start. Every job on that worker fails with it.
/// </summary>
/// <remarks>
/// The message names the exit code and, for a signal, its name; <see cref="LastStderrLines"/> holds
/// the end of the child's standard error, where the runtime writes an unhandled exception.
/// </remarks>
public sealed class WorkerCrashedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerCrashedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkerCrashedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WorkerCrashedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with what is known of the worker's end.</summary>
    /// <param name="message">What happened, naming the worker and the exit.</param>
    /// <param name="exitCode">The child's exit code; <see langword="null"/> when it did not exit (a failed start).</param>
    /// <param name="signal">The signal that ended the child, when the exit code says one did.</param>
    /// <param name="lastStderrLines">The last lines the child wrote to standard error, oldest first.</param>
    /// <param name="crashes">How many workers this job has crashed, counting this one.</param>
    /// <param name="innerException">The previous crash of the same job, or <see langword="null"/>.</param>
    public WorkerCrashedException(
        string message, int? exitCode, int? signal, IReadOnlyList<string> lastStderrLines, int crashes = 1,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Signal = signal;
        LastStderrLines = lastStderrLines ?? [];
        Crashes = crashes;
    }

    /// <summary>The child's exit code, or <see langword="null"/> when it never ran (a failed start).</summary>
    public int? ExitCode { get; }

    /// <summary>The signal that ended the child (9 for SIGKILL), or <see langword="null"/>.</summary>
    /// <remarks>.NET reports a child killed by signal N as exit code 128 + N, so an exit code above
    /// 128 is read as a signal: a child that called <c>Environment.Exit(137)</c> is taken for SIGKILL.</remarks>
    public int? Signal { get; }

    /// <summary>The last lines the child wrote to standard error, oldest first; empty when none.</summary>
    public IReadOnlyList<string> LastStderrLines { get; } = [];

    /// <summary>How many workers this job has crashed: more than 1 after retries on fresh workers.</summary>
    public int Crashes { get; } = 1;
}
