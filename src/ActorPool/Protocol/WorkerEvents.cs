namespace ActorPool;

/// <summary>A pool started a worker: at its start, as a replacement, or for a job (ephemeral mode, an idle pool's restart).</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
/// <param name="Worker">The worker's name, e.g. <c>pools-pool-1-worker-5</c>.</param>
public sealed record WorkerStarted(string Supervisor, string Pool, string Worker) : PoolEvent(Supervisor)
{
    internal override string Kind => "worker-started";
}

/// <summary>A worker ended, and why.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
/// <param name="Worker">The worker's name.</param>
/// <param name="Reason">
/// <c>job-done</c> (ephemeral mode), <c>max-jobs-per-worker</c>, <c>max-lifetime</c>,
/// <c>idle-timeout</c>, <c>killed</c> (<see cref="KillWorkers"/>), <c>resized</c>,
/// <c>initializer-failed</c>, or <c>pool-closed</c>; on the process backend also <c>crashed</c> (the
/// child died; a fresh one starts in its place) and <c>max-memory-growth</c>, and <c>killed</c> for
/// a child killed because its job ignored its cancellation.
/// </param>
public sealed record WorkerStopped(string Supervisor, string Pool, string Worker, string Reason) : PoolEvent(Supervisor)
{
    internal override string Kind => "worker-stopped";
}

/// <summary>
/// A job outlived its timeout and still holds its worker (a .NET thread cannot be aborted): its
/// caller has had <see cref="JobTimeoutException"/>. <paramref name="Replaced"/> says whether the
/// pool started a replacement within <c>workers.stuck-replacements</c>.
/// </summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
/// <param name="StuckWorkers">Workers of the pool held by such jobs now.</param>
/// <param name="Replaced">Whether a replacement worker was started for it.</param>
public sealed record WorkerStuck(string Supervisor, string Pool, int StuckWorkers, bool Replaced) : PoolEvent(Supervisor)
{
    internal override string Kind => "worker-stuck";
}
