using Akka.Actor;

namespace ActorPool.Internal.Workers;

/// <summary>
/// A job whose caller awaits a <see cref="Task{T}"/>: the item is the task's completion source, so
/// a job costs the caller's delegate, this object and its task. It ends exactly once, through
/// <see cref="End"/>: run, failed, dropped or cancelled.
/// </summary>
/// <remarks>
/// A caller's token that fires before a worker starts the job cancels it at once: the task ends
/// Canceled and the owner's admission slot is freed then. The item stays in its pool's queue and
/// counts as pending there until a worker reaches it and skips it, so the pool's books still see
/// every item its queue holds.
/// </remarks>
internal abstract class JobItem<T> : TaskCompletionSource<T>, IJobItem
{
    // Only a job whose caller gave a cancellable token carries its cancellation state: without
    // one, the item is the task's completion source, its owner, its pool and the delegate.
    private readonly Cancellation? _cancellation;

    protected JobItem(IJobOwner owner, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Owner = owner;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = new Cancellation(cancellationToken);
            _cancellation.Registration = cancellationToken.UnsafeRegister(static item => ((JobItem<T>)item!).Cancel(), this);
        }
    }

    public WorkerPool? Pool { get; set; }

    public bool IsDroppable => true;

    protected IJobOwner Owner { get; }

    /// <summary>The caller's token; an async job observes it linked with the owner's.</summary>
    protected CancellationToken CancellationToken => _cancellation?.Token ?? default;

    public void Execute()
    {
        if (!TryStart())
        {
            // Cancelled while queued: its caller and owner were settled then; only the pool's count is left.
            Pool?.JobEnded();
            return;
        }
        Run();
    }

    public void Drop(Exception reason)
    {
        if (!TryStart())
        {
            Pool?.JobEnded();
            return;
        }
        TrySetException(reason);
        End();
    }

    // Only a caller's token races the worker for the job; without one, the queue hands each item
    // out once and no interlocked write is needed.
    private bool TryStart()
    {
        if (_cancellation is not { } cancellation)
        {
            return true;
        }
        if (Interlocked.CompareExchange(ref cancellation.State, Cancellation.Started, Cancellation.Queued) != Cancellation.Queued)
        {
            return false;
        }
        cancellation.Registration.Dispose();
        return true;
    }

    /// <summary>Runs the job on this worker thread; calls <see cref="End"/> once it has ended.</summary>
    protected abstract void Run();

    protected void Fail(Exception error)
    {
        TrySetException(Owner.Translate(error));
        End();
    }

    protected void End()
    {
        // Null only for a job dropped before any pool took it.
        Pool?.JobEnded();
        Owner.JobEnded();
    }

    private void Cancel()
    {
        var cancellation = _cancellation!;
        if (Interlocked.CompareExchange(ref cancellation.State, Cancellation.Cancelled, Cancellation.Queued) == Cancellation.Queued)
        {
            TrySetCanceled(cancellation.Token);
            Owner.JobEnded();
        }
    }

    /// <summary>A cancellable job's race between its caller's token and the worker that starts it.</summary>
    private sealed class Cancellation(CancellationToken token)
    {
        public const int Queued = 0;
        public const int Started = 1;
        public const int Cancelled = 2;

        public readonly CancellationToken Token = token;
        public CancellationTokenRegistration Registration;
        public int State;
    }
}

/// <summary>A synchronous job; once started it runs to its end.</summary>
internal sealed class SyncJob<T>(Func<T> job, IJobOwner owner, CancellationToken cancellationToken = default)
    : JobItem<T>(owner, cancellationToken)
{
    protected override void Run()
    {
        try
        {
            TrySetResult(job());
        }
        catch (Exception e)
        {
            TrySetException(Owner.Translate(e));
        }
        End();
    }
}

/// <summary>
/// An asynchronous job: started on a worker inside the pool's scheduler, so its awaits resume on
/// the pool; it stays pending until its task completes. Its token is the owner's (lease revoked,
/// supervisor stopped), linked with the caller's when the caller gave one.
/// </summary>
internal sealed class AsyncJob<T>(Func<CancellationToken, Task<T>> job, IJobOwner owner, CancellationToken cancellationToken = default)
    : JobItem<T>(owner, cancellationToken)
{
    private CancellationTokenSource? _linked;

    protected override void Run()
    {
        var token = Owner.Token;
        if (CancellationToken.CanBeCanceled)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(token, CancellationToken);
            token = _linked.Token;
        }
        Task<T> running;
        try
        {
            running = AsyncStart.Run(job, Pool!, token);
        }
        catch (Exception e)
        {
            _linked?.Dispose();
            Fail(e);
            return;
        }
        running.ContinueWith(
            static (t, state) => ((AsyncJob<T>)state!).Complete(t),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Complete(Task<T> task)
    {
        _linked?.Dispose();
        if (task.IsCompletedSuccessfully)
        {
            TrySetResult(task.Result);
            End();
        }
        else if (task.IsCanceled && CancellationToken.IsCancellationRequested && !Owner.Token.IsCancellationRequested)
        {
            // The caller's own token stopped it: the caller sees a cancelled task, as from any async API.
            TrySetCanceled(CancellationToken);
            End();
        }
        else
        {
            Fail(AsyncStart.ErrorOf(task));
        }
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
