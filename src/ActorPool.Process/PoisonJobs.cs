namespace ActorPool.Process;

/// <summary>
/// loky's answer to a job that kills its worker: run it again on a fresh one, and after
/// <c>maxJobCrashes</c> crashes quarantine it, failing it with the last crash.
/// </summary>
/// <remarks>For a standalone <see cref="ProcessWorker"/>; a pool retries by itself, up to
/// <c>actor-pool.workers.max-job-crashes</c>.</remarks>
public static class PoisonJobs
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails otherwise, or has crashed
    /// <paramref name="maxJobCrashes"/> workers.</summary>
    /// <param name="attempt">One run of the job on a worker; a crash must surface as
    /// <see cref="WorkerCrashedException"/>. A <see cref="ProcessWorker"/> replaces its child
    /// after a crash, so calling the same worker again runs the job on a fresh child.</param>
    /// <param name="maxJobCrashes">How many crashes make the job a poison job; at least 1.</param>
    /// <param name="cancellationToken">Stops retrying.</param>
    /// <returns>The job's result.</returns>
    /// <exception cref="WorkerCrashedException">The job crashed <paramref name="maxJobCrashes"/>
    /// workers; <see cref="WorkerCrashedException.Crashes"/> says how many, the inner exception is the
    /// crash before the last.</exception>
    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> attempt, int maxJobCrashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobCrashes, 1);
        WorkerCrashedException? previous = null;
        for (var crashes = 1; ; crashes++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (WorkerCrashedException crash) when (crashes < maxJobCrashes)
            {
                previous = crash;
            }
            catch (WorkerCrashedException crash) when (maxJobCrashes > 1)
            {
                throw Quarantined(crash, crashes, nameof(maxJobCrashes), maxJobCrashes, previous);
            }
        }
    }

    /// <summary>The error of a job quarantined after its <paramref name="crashes"/>th crash.</summary>
    internal static WorkerCrashedException Quarantined(
        WorkerCrashedException last, int crashes, string key, int maxJobCrashes, WorkerCrashedException? previous) =>
        new($"Quarantined as a poison job: it crashed {crashes} workers ({key} = {maxJobCrashes}). The last crash: {last.Message}",
            last.ExitCode, last.Signal, last.LastStderrLines, crashes, previous);
}
