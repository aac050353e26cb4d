namespace ActorPool.Internal.Workers;

/// <summary>A synchronous job; once started it runs to its end.</summary>
internal sealed class SyncJob<T>(Func<T> job, IJobOwner owner, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    : Job<T>(owner, timeout, cancellationToken)
{
    protected override void Run() => RunToEnd(job);
}

/// <summary>
/// An asynchronous job: started on a worker inside the pool's scheduler, so its awaits resume on
/// the pool; it stays pending until its task completes. Its token is the owner's (lease revoked,
/// supervisor stopped), linked with the caller's and its timeout's when it has them.
/// </summary>
internal sealed class AsyncJob<T>(Func<CancellationToken, Task<T>> job, IJobOwner owner, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    : Job<T>(owner, timeout, cancellationToken)
{
    private CancellationTokenSource? _linked;

    protected override void Run()
    {
        var token = RunningToken(out _linked);
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
            Succeed(task.Result);
        }
        else if (task.IsCanceled && CancellationToken.IsCancellationRequested && !Owner.Token.IsCancellationRequested)
        {
            Cancel();
        }
        else
        {
            Fail(AsyncStart.ErrorOf(task));
        }
    }
}

/// <summary>Starting an async job inside the pool's scheduler, and reading its failure.</summary>
internal static class AsyncStart
{
    /// <summary>
    /// Invokes <paramref name="job"/> inline on this worker, inside a task run by the pool's
    /// scheduler, so <see cref="TaskScheduler.Current"/> is the pool's for every await in the job.
    /// </summary>
    public static Task<T> Run<T>(Func<CancellationToken, Task<T>> job, IPoolRuntime pool, CancellationToken token)
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
