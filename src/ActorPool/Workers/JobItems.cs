using Akka.Actor;

namespace ActorPool.Internal.Workers;

/// <summary>
/// A synchronous job whose caller awaits a <see cref="Task{T}"/>. The item is the task's
/// completion source, so a job costs the caller's delegate, this object and its task.
/// </summary>
internal sealed class SyncJob<T>(Func<T> job, IJobOwner owner)
    : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IJobItem
{
    public WorkerPool? Pool { get; set; }

    public bool IsDroppable => true;

    public void Execute()
    {
        try
        {
            TrySetResult(job());
        }
        catch (Exception e)
        {
            TrySetException(owner.Translate(e));
        }
        finally
        {
            End();
        }
    }

    public void Drop(Exception reason)
    {
        TrySetException(reason);
        End();
    }

    private void End()
    {
        // Null only for a job dropped before any pool took it.
        Pool?.JobEnded();
        owner.JobEnded();
    }
}

/// <summary>
/// An asynchronous job: started on a worker inside the pool's scheduler, so its awaits resume on
/// the pool; it stays pending until its task completes.
/// </summary>
internal sealed class AsyncJob<T>(Func<CancellationToken, Task<T>> job, IJobOwner owner)
    : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IJobItem
{
    public WorkerPool? Pool { get; set; }

    public bool IsDroppable => true;

    public void Execute()
    {
        Task<T> running;
        try
        {
            running = AsyncStart.Run(job, Pool!, owner.Token);
        }
        catch (Exception e)
        {
            TrySetException(owner.Translate(e));
            End();
            return;
        }
        running.ContinueWith(
            static (t, state) => ((AsyncJob<T>)state!).Complete(t),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Drop(Exception reason)
    {
        TrySetException(reason);
        End();
    }

    private void Complete(Task<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            TrySetResult(task.Result);
        }
        else
        {
            TrySetException(owner.Translate(AsyncStart.ErrorOf(task)));
        }
        End();
    }

    private void End()
    {
        // Null only for a job dropped before any pool took it.
        Pool?.JobEnded();
        owner.JobEnded();
    }
}

/// <summary>A job sent as a <c>Submit</c> message: the worker replies to the sender directly.</summary>
internal sealed class ReplyJob(Submit submit, IActorRef replyTo, IJobOwner owner) : IJobItem
{
    public WorkerPool? Pool { get; set; }

    public bool IsDroppable => true;

    public void Execute()
    {
        if (submit.Job is { } job)
        {
            try
            {
                Reply(job());
            }
            catch (Exception e)
            {
                replyTo.Tell(new Status.Failure(owner.Translate(e)));
            }
            End();
            return;
        }
        Task<object?> running;
        try
        {
            running = AsyncStart.Run(submit.AsyncJob!, Pool!, owner.Token);
        }
        catch (Exception e)
        {
            replyTo.Tell(new Status.Failure(owner.Translate(e)));
            End();
            return;
        }
        running.ContinueWith(
            static (t, state) => ((ReplyJob)state!).Complete(t),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Drop(Exception reason)
    {
        replyTo.Tell(new Status.Failure(reason));
        End();
    }

    private void Complete(Task<object?> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Reply(task.Result);
        }
        else
        {
            replyTo.Tell(new Status.Failure(owner.Translate(AsyncStart.ErrorOf(task))));
        }
        End();
    }

    // A message cannot be null: a null result is answered with Done.
    private void Reply(object? result) => replyTo.Tell(result ?? Akka.Done.Instance);

    private void End()
    {
        // Null only for a job dropped before any pool took it.
        Pool?.JobEnded();
        owner.JobEnded();
    }
}

/// <summary>Starting an async job inside the pool's scheduler, and reading its failure.</summary>
internal static class AsyncStart
{
    /// <summary>
    /// Invokes <paramref name="job"/> inline on this worker thread, inside a task run by the pool's
    /// scheduler, so <see cref="TaskScheduler.Current"/> is the pool's for every await in the job.
    /// </summary>
    public static Task<T> Run<T>(Func<CancellationToken, Task<T>> job, WorkerPool pool, CancellationToken token)
    {
        var starter = new Task<Task<T>>(() => job(token), TaskCreationOptions.DenyChildAttach);
        starter.RunSynchronously(pool.Scheduler);
        if (starter.IsFaulted)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(starter.Exception!.InnerException!);
        }
        return starter.Result ?? throw new InvalidOperationException("the async job returned a null Task");
    }

    public static Exception ErrorOf(Task task) =>
        task.IsCanceled
            ? new TaskCanceledException(task)
            : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
}
