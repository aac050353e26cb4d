namespace ActorPool.Process;

/// <summary>
/// A job threw in its child process. The exception itself cannot cross the process boundary, so
/// this carries its type name, message and stack trace as text.
/// </summary>
public sealed class ProcessJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProcessJobException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessJobException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ProcessJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from what the child sent.</summary>
    /// <param name="remoteType">The full name of the exception type thrown in the child.</param>
    /// <param name="remoteMessage">Its message.</param>
    /// <param name="remoteStackTrace">Its stack trace in the child, or <see langword="null"/>.</param>
    public ProcessJobException(string remoteType, string remoteMessage, string? remoteStackTrace)
        : base($"{remoteType}: {remoteMessage}")
    {
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception type the job threw, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; } = "";

    /// <summary>The message of the exception the job threw.</summary>
    public string RemoteMessage { get; } = "";

    /// <summary>The stack trace in the child, or <see langword="null"/>.</summary>
    public string? RemoteStackTrace { get; }
}
