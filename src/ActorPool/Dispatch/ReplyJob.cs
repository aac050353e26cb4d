using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// A job sent as a <see cref="ActorPool.Submit"/> message: the worker replies to the sender
/// directly, with the result (<see cref="Akka.Done"/> for null, as a message cannot be null) or a
/// <see cref="Status.Failure"/>. It ends through the job base like any other job.
/// </summary>
internal sealed class ReplyJob(Submit submit, IActorRef replyTo, IJobOwner owner, TimeSpan? timeout)
    : Job<object?>(owner, timeout, default)
{
    private int _answered;

    protected override void Run()
    {
        if (submit.Job is { } job)
        {
            RunToEnd(job);
            return;
        }
        Task<object?> running;
        try
        {
            running = AsyncStart.Run(submit.AsyncJob!, Pool!, RunningToken(out _));
        }
        catch (Exception e)
        {
            Fail(e);
            return;
        }
        running.ContinueWith(
            static (t, state) => ((ReplyJob)state!).Complete(t),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    protected override void Answer(JobOutcome outcome, object? result, Exception? error)
    {
        // The timeout and the worker may both answer: the sender hears from the first only.
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return;
        }
        replyTo.Tell(outcome == JobOutcome.Succeeded ? result ?? Akka.Done.Instance : new Status.Failure(error!));
    }

    private void Complete(Task<object?> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeed(task.Result);
        }
        else
        {
            Fail(AsyncStart.ErrorOf(task));
        }
    }
}
