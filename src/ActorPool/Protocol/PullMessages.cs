using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Starts a pull-mode run of <see cref="Source"/> on a <c>PoolSupervisor</c>; one run at a time per
/// supervisor. The sender is answered once: <see cref="RunCompleted"/> when the source says it is
/// finished and no task runs, or <c>Status.Failure</c> with the first task failure (unless
/// <c>pull.continue-on-error</c>), the failure of the source's questions,
/// <see cref="RunAbortedException"/> after <see cref="Abort"/>, or
/// <see cref="InvalidOperationException"/> when a run is already active.
/// </summary>
public sealed record Run : INoSerializationVerificationNeeded
{
    /// <summary>Starts a run of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public Run(ITaskSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
    }

    /// <summary>Where the run's tasks come from.</summary>
    public ITaskSource Source { get; }
}

/// <summary>Pauses the active run: no new task starts, running ones go on. Reply <c>Done</c> once none runs (at once if none did, or if no run is active).</summary>
public sealed class Pause : INoSerializationVerificationNeeded
{
    private Pause()
    {
    }

    /// <summary>The single instance.</summary>
    public static Pause Instance { get; } = new();
}

/// <summary>Resumes a paused run. Reply <c>Done</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Crawlee's name for it, beside Pause and Abort; a VB caller writes [Resume].")]
public sealed class Resume : INoSerializationVerificationNeeded
{
    private Resume()
    {
    }

    /// <summary>The single instance.</summary>
    public static Resume Instance { get; } = new();
}

/// <summary>
/// Aborts the active run, like Crawlee's <c>abort()</c>: no new task starts, running tasks see
/// their token cancelled, and the run ends with <see cref="RunAbortedException"/>. Reply
/// <c>Done</c>, also when no run was active.
/// </summary>
public sealed class Abort : INoSerializationVerificationNeeded
{
    private Abort()
    {
    }

    /// <summary>The single instance.</summary>
    public static Abort Instance { get; } = new();
}

/// <summary>How a pull-mode run ended when its source said it was finished.</summary>
/// <param name="Started">Tasks started.</param>
/// <param name="Succeeded">Tasks that completed normally.</param>
/// <param name="Failed">Tasks that failed (only non-zero with <c>pull.continue-on-error</c>).</param>
/// <param name="Took">How long the run lasted.</param>
public sealed record RunCompleted(long Started, long Succeeded, long Failed, TimeSpan Took) : INoSerializationVerificationNeeded;

/// <summary>A pull-mode run was ended by <see cref="Abort"/> (or its caller's token); its running tasks saw their token cancelled.</summary>
public sealed class RunAbortedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunAbortedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunAbortedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RunAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
