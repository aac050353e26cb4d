namespace ActorPool.Cluster;

/// <summary>
/// A job or lease was accepted by a node that was then removed from the cluster (crashed and
/// downed, or left) before its answer came back: the outcome is unknown, the job may have run in
/// part or in full. It is never run again by ActorPool (at most once).
/// </summary>
public sealed class GroupLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was lost, where, and why.</param>
    public GroupLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GroupLostException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was lost.</param>
    /// <param name="innerException">The cause.</param>
    public GroupLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A remote job failed on the group's node: the job threw (its type and message are in
/// <see cref="Exception.Message"/>), or its type is not registered there.
/// </summary>
public sealed class RemoteJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, on which node.</param>
    public RemoteJobException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RemoteJobException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
