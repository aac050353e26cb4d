namespace ActorPool;

/// <summary>
/// Work a supervisor pulls, the way Crawlee's <c>AutoscaledPool</c> is driven: start a run with
/// <see cref="PoolClient.RunAsync"/> (or send <see cref="Run"/>); whenever a shared worker is free
/// the run asks <see cref="IsTaskReadyAsync"/> and, on yes, runs <see cref="RunTaskAsync"/> on that
/// worker; when nothing is ready and nothing runs it asks <see cref="IsFinishedAsync"/>.
/// </summary>
/// <remarks>
/// <see cref="IsTaskReadyAsync"/> and <see cref="IsFinishedAsync"/> are called one at a time, never
/// concurrently with each other, and should return quickly. <see cref="RunTaskAsync"/> runs on a
/// pool worker, its awaits resume on that pool, and several run at once: it must be thread-safe.
/// A method that throws or fails ends the run with its exception.
/// </remarks>
public interface ITaskSource
{
    /// <summary>Whether a task should start now.</summary>
    ValueTask<bool> IsTaskReadyAsync(CancellationToken cancellationToken);

    /// <summary>Runs one task. The token is cancelled by <see cref="Abort"/>, by <c>pull.task-timeout</c> and when the supervisor stops.</summary>
    Task RunTaskAsync(CancellationToken cancellationToken);

    /// <summary>Whether the run is over; asked only when no task is ready and none runs.</summary>
    ValueTask<bool> IsFinishedAsync(CancellationToken cancellationToken);
}
