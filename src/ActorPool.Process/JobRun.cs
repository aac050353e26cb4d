using ActorPool.Internal.Process.Diagnostics;
using ActorPool.Internal.Process.Parent;
using ActorPool.Internal.Process.Wire;
using Akka.Event;

namespace ActorPool.Process;

/// <summary>
/// One job's way through a worker: wait its turn, run on the ready child, answer the caller exactly
/// once, then clean up while still holding the turn: kill a child whose job ignored its
/// cancellation, retire one whose memory grew.
/// </summary>
internal sealed class JobRun(
    ProcessWorker worker, PortableJob job, JobTypeEntry entry, TimeSpan? timeout,
    TaskCompletionSource<object?> answer, CancellationToken cancellationToken)
{
    private readonly ChildSpec _spec = worker.Spec;

    public async Task RunAsync()
    {
        try
        {
            await worker.OneJob.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            answer.TrySetCanceled(cancellationToken);
            return;
        }

        try
        {
            await RunOnChildAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the caller hears of it; the turn is given back below.
            if (!answer.TrySetException(e))
            {
                ProcessLog.CleanupFailed(_spec.Log, worker.Name, entry.Id, e);
            }
        }
        finally
        {
            worker.OneJob.Release();
        }
    }

    private async Task RunOnChildAsync()
    {
        ChildProcess child;
        try
        {
            child = await worker.ReadyChildAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            answer.TrySetCanceled(cancellationToken);
            return;
        }

        var id = worker.NextJobId();
        var done = child.RunAsync(new RunJob(id, entry.Id, job.ArgumentJson), entry);
        using var deadline = timeout is { } t ? new CancellationTokenSource(t, _spec.Time) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline?.Token ?? default);
        JobDone result;
        try
        {
            result = await done.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await CancelAsync(child, id, done).ConfigureAwait(false);
            return;
        }

        Answer(result);
        await RetireIfGrownAsync(child, result.WorkingSet).ConfigureAwait(false);
    }

    private void Answer(JobDone done)
    {
        if (!done.Ok)
        {
            answer.TrySetException(new ProcessJobException(done.ErrorType ?? "?", done.ErrorMessage ?? "", done.ErrorStack));
            return;
        }

        try
        {
            answer.TrySetResult(ProcessWorker.ReadResult(done, job.ResultType));
        }
        catch (System.Text.Json.JsonException e)
        {
            answer.TrySetException(new ProcessJobException(
                $"The result of {entry.Id} could not be read as {job.ResultType}: {e.Message}", e));
        }
    }

    /// <summary>Answers the caller at once, then gives the job <c>cancel-grace</c> to stop before
    /// its child is killed (a .NET thread cannot be aborted; a process can).</summary>
    private async Task CancelAsync(ChildProcess child, long id, Task<JobDone> done)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            answer.TrySetCanceled(cancellationToken);
        }
        else
        {
            answer.TrySetException(new TimeoutException(
                $"Worker '{worker.Name}': the {entry.Id} job did not finish within its timeout of {timeout}."));
        }

        child.Cancel(id);
        try
        {
            var late = await done.WaitAsync(_spec.Settings.CancelGrace, _spec.Time).ConfigureAwait(false);
            await RetireIfGrownAsync(child, late.WorkingSet).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ProcessLog.CancellationIgnored(_spec.Log, worker.Name, child.Pid, entry.Id, _spec.Settings.CancelGrace);
            child.Kill(ChildExitReason.Killed);
            _ = await child.Exited.ConfigureAwait(false);
        }
        catch (WorkerCrashedException)
        {
            // It died on its own meanwhile; the caller was answered already.
        }
    }

    private async Task RetireIfGrownAsync(ChildProcess child, long workingSet)
    {
        if (_spec.Settings.MaxMemoryGrowth is not { } limit)
        {
            return;
        }

        // loky's baseline: the working set after the child's first job, once its code is loaded.
        if (child.BaselineWorkingSet is not { } baseline)
        {
            child.BaselineWorkingSet = workingSet;
            return;
        }

        if (workingSet - baseline > limit)
        {
            ProcessLog.ChildRetired(_spec.Log, worker.Name, child.Pid, workingSet - baseline, limit);
            _ = await child.StopAsync(ChildExitReason.Retired).ConfigureAwait(false);
        }
    }
}
