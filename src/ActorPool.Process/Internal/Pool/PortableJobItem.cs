using ActorPool.Internal.Workers;
using ActorPool.Process;

namespace ActorPool.Internal.Process.Pool;

/// <summary>A job a process pool can hand to a child: the pool gives it the worker place it runs in.</summary>
internal interface IPortableItem : IJobItem
{
    /// <summary>Set by a process pool before it runs the job; null on a thread pool.</summary>
    ProcessSlot? Slot { get; set; }
}

/// <summary>
/// A portable job submitted through the data plane: on a process pool it runs in the child of the
/// worker place that takes it; on a thread pool it runs in this process, as an async job on the
/// pool's scheduler, so one job type works on both backends. It ends through the job base like
/// any other job: a dead child ends it as crashed, a timeout as timed out.
/// </summary>
internal class PortableJobItem<TResult>(
    PortableJob portable, Func<CancellationToken, Task<TResult>> local, IJobOwner owner, TimeSpan? timeout, CancellationToken cancellationToken)
    : Job<TResult>(owner, timeout, cancellationToken), IPortableItem
{
    private CancellationTokenSource? _linked;

    public ProcessSlot? Slot { get; set; }

    /// <summary>Builds the job for <typeparamref name="TJob"/>: the portable form is made (and its
    /// argument serialized) on the caller's thread, so a job that cannot cross fails there, on either backend.</summary>
    public static Func<IJobOwner, TimeSpan?, CancellationToken, Job<TResult>> For<TJob, TArgument>(TArgument argument)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        var portable = PortableJob.Create<TJob>(argument);
        return (owner, timeout, token) =>
            new PortableJobItem<TResult>(portable, t => new TJob().RunAsync(argument, t), owner, timeout, token);
    }

    protected override void Run()
    {
        var token = RunningToken(out _linked);
        Task<TResult> running;
        try
        {
            running = Slot is { } slot ? slot.RunAsync<TResult>(portable, token) : AsyncStart.Run(local, Pool!, token);
        }
        catch (Exception e)
        {
            _linked?.Dispose();
            Fail(e);
            return;
        }
        running.ContinueWith(
            static (t, state) => ((PortableJobItem<TResult>)state!).Complete(t),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Complete(Task<TResult> task)
    {
        _linked?.Dispose();
        if (task.IsCompletedSuccessfully)
        {
            Succeed(task.Result);
            return;
        }
        if (task.IsCanceled && CancellationToken.IsCancellationRequested && !Owner.Token.IsCancellationRequested)
        {
            Cancel();
            return;
        }
        switch (AsyncStart.ErrorOf(task))
        {
            case WorkerCrashedException crash:
                Crash(crash);
                break;
            case TimeoutException late when late is not JobTimeoutException:
                // A worker's own timeout (ProcessWorker's): callers of a pool see the core's kind.
                Fail(new JobTimeoutException(late.Message, late));
                break;
            case var error:
                Fail(error);
                break;
        }
    }
}
