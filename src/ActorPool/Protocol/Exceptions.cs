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
