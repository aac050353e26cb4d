using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// A lease request waiting for a pool, in the desk's line. Granted or refused exactly once, by
/// the desk, outside its lock.
/// </summary>
internal abstract class LeaseWaiter(TimeSpan leaseFor, TimeSpan waitUpTo, IActorRef? holder, long arrivedAt, long deadline)
{
    public TimeSpan LeaseFor { get; } = leaseFor;

    public TimeSpan WaitUpTo { get; } = waitUpTo;

    public IActorRef? Holder { get; } = holder;

    public long ArrivedAt { get; } = arrivedAt;

    /// <summary>When the wait runs out, as a clock timestamp; <see cref="long.MaxValue"/> for never.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>A zero wait that may still get a pool the supervisor is about to start, and no other.</summary>
    public bool Immediate => WaitUpTo == TimeSpan.Zero;

    /// <summary>Its place in the line, while it waits.</summary>
    public LinkedListNode<LeaseWaiter>? Node { get; set; }

    public abstract void Grant(LeasedExecutor lease);

    public abstract void Refuse(Exception error);
}

/// <summary>A waiter from <c>PoolClient</c>: a task, and the caller's token to give up by.</summary>
internal sealed class TaskWaiter(TimeSpan leaseFor, TimeSpan waitUpTo, long arrivedAt, long deadline)
    : LeaseWaiter(leaseFor, waitUpTo, holder: null, arrivedAt, deadline)
{
    private readonly TaskCompletionSource<ILeasedExecutor> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ILeasedExecutor> Task => _reply.Task;

    public CancellationTokenRegistration Registration { get; set; }

    public override void Grant(LeasedExecutor lease)
    {
        Registration.Dispose();
        if (!_reply.TrySetResult(lease))
        {
            // Given up just as the grant came: release it at once rather than hold a pool nobody uses.
            _ = lease.ReleaseAsync();
        }
    }

    public override void Refuse(Exception error)
    {
        Registration.Dispose();
        _reply.TrySetException(error);
    }

    public void Cancelled(CancellationToken token) => _reply.TrySetCanceled(token);
}

/// <summary>A waiter from an <see cref="AcquireLease"/> message: answered with a message.</summary>
internal sealed class ReplyWaiter(TimeSpan leaseFor, TimeSpan waitUpTo, IActorRef? holder, IActorRef replyTo, long arrivedAt, long deadline)
    : LeaseWaiter(leaseFor, waitUpTo, holder, arrivedAt, deadline)
{
    public override void Grant(LeasedExecutor lease) => replyTo.Tell(new LeaseGranted(lease));

    public override void Refuse(Exception error) => replyTo.Tell(new Status.Failure(error));
}
