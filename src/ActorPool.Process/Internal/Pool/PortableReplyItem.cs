using ActorPool.Internal.Workers;
using ActorPool.Process;
using Akka.Actor;

namespace ActorPool.Internal.Process.Pool;

/// <summary>
/// A portable job sent as a <see cref="SubmitProcessJob"/> message: its worker answers the sender
/// directly, as the core's reply job does for <see cref="Submit"/>: the result
/// (<see cref="Akka.Done"/> for null) or a <see cref="Status.Failure"/>.
/// </summary>
internal sealed class PortableReplyItem(
    PortableJob portable, Func<CancellationToken, Task<object?>> local, IJobOwner owner, TimeSpan? timeout, IActorRef replyTo)
    : PortableJobItem<object?>(portable, local, owner, timeout, default)
{
    private int _answered;

    protected override void Answer(JobOutcome outcome, object? result, Exception? error)
    {
        // The timeout and the worker may both answer: the sender hears from the first only.
        if (Interlocked.Exchange(ref _answered, 1) != 0)
        {
            return;
        }
        replyTo.Tell(outcome == JobOutcome.Succeeded ? result ?? Akka.Done.Instance : new Status.Failure(error!));
    }
}
