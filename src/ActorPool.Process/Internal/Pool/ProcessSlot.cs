using ActorPool.Internal.Process.Diagnostics;
using ActorPool.Process;
using Akka.Event;

namespace ActorPool.Internal.Process.Pool;

/// <summary>
/// One worker place of a process pool: a <see cref="ProcessWorker"/> (one child, one job at a time)
/// while it has one, and the job it runs. A crash touches only this place's job; the job is run
/// again on a fresh child up to <c>workers.max-job-crashes</c>, then quarantined.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source has no linked tokens or timer; it lives as long as the place, when nothing references it.")]
internal sealed class ProcessSlot(string name, int maxJobCrashes, ILoggingAdapter log)
{
    private readonly CancellationTokenSource _leave = new();
    private readonly Lock _gate = new();
    private ProcessWorker? _worker;
    private volatile bool _killed;

    /// <summary>The place's name (<c>pools-pool-1-worker-2</c>), given to its workers and their log lines.</summary>
    public string Name => name;

    /// <summary>Children started in this place so far.</summary>
    public int Children;

    /// <summary>Why the place's current child is being stopped, for its <c>WorkerStopped</c> event.</summary>
    public string StopReason { get; set; } = "pool-closed";

    /// <summary>The current worker, if the place has one (none before its first job in ephemeral mode, or after an idle timeout).</summary>
    public ProcessWorker? Worker
    {
        get
        {
            lock (_gate)
            {
                return _worker;
            }
        }
    }

    /// <summary>The run of the job this place took last; the place waits for it before taking another.</summary>
    public Task? Current { get; private set; }

    public bool Leaving => _leave.IsCancellationRequested;

    /// <summary>Killed by <c>KillWorkers</c>: its job is not retried, as the kill was not the job's doing.</summary>
    public bool Killed => _killed;

    public CancellationToken LeaveToken => _leave.Token;

    /// <summary>Gives the place a worker; false when it is being killed (the caller disposes nothing).</summary>
    public bool TrySet(ProcessWorker? worker)
    {
        lock (_gate)
        {
            if (worker is not null && _killed)
            {
                return false;
            }
            _worker = worker;
            return true;
        }
    }

    /// <summary>Leaves after the current job (the pool shrank).</summary>
    public void Leave() => _leave.Cancel();

    /// <summary>Kills the child now (a running job fails with <see cref="WorkerCrashedException"/>) and leaves.</summary>
    public void Kill()
    {
        ProcessWorker? worker;
        lock (_gate)
        {
            _killed = true;
            worker = _worker;
        }
        StopReason = "killed";
        _leave.Cancel();
        if (worker is not null)
        {
            _ = worker.KillAsync().ContinueWith(
                t => ProcessLog.KillFailed(log, name, t.Exception!.GetBaseException().Message),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>Runs <paramref name="job"/> on this place's child; called by the job as it starts.</summary>
    public Task<TResult> RunAsync<TResult>(PortableJob job, CancellationToken cancellationToken)
    {
        var running = RunWithRetriesAsync<TResult>(Worker!, job, cancellationToken);
        Current = running;
        return running;
    }

    /// <summary>Forgets the last job's run once the place has waited for it.</summary>
    public void Ended() => Current = null;

    private async Task<TResult> RunWithRetriesAsync<TResult>(ProcessWorker worker, PortableJob job, CancellationToken cancellationToken)
    {
        WorkerCrashedException? previous = null;
        for (var crashes = 1; ; crashes++)
        {
            try
            {
                var result = await worker.RunAnyAsync(job, cancellationToken).ConfigureAwait(false);
                return result is TResult typed ? typed : default!;
            }
            catch (WorkerCrashedException crash) when (crashes < maxJobCrashes && !_killed && !cancellationToken.IsCancellationRequested)
            {
                // The worker has started a fresh child already; the job runs again there.
                ProcessLog.JobCrashedChild(log, name, job.JobType.Name, crashes, maxJobCrashes);
                previous = crash;
            }
            catch (WorkerCrashedException crash) when (crashes > 1)
            {
                throw PoisonJobs.Quarantined(crash, crashes, "actor-pool.workers.max-job-crashes", maxJobCrashes, previous);
            }
            catch (ObjectDisposedException) when (_killed)
            {
                throw new WorkerCrashedException($"Worker '{name}' was killed (KillWorkers) before its job reached a child.");
            }
        }
    }
}
