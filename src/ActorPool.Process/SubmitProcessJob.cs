using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Process.Pool;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Process;

/// <summary>
/// Runs a portable job on one of the supervisor's pools, told to the supervisor as
/// <see cref="Submit"/> is: it enters the same admission and routing path, and the worker replies
/// to the sender directly. On a process pool it runs in a child; on a thread pool in this process.
/// </summary>
/// <remarks>
/// Reply to the sender, exactly once: the job's result; <see cref="Akka.Done.Instance"/> when it is
/// <see langword="null"/>; or <see cref="Status.Failure"/> with the job's error
/// (<see cref="ProcessJobException"/>, <see cref="WorkerCrashedException"/>,
/// <see cref="JobTimeoutException"/>, <see cref="JobRejectedException"/>).
/// </remarks>
public sealed record SubmitProcessJob : IPlaneMessage, INoSerializationVerificationNeeded
{
    private readonly Func<IJobOwner, TimeSpan?, IActorRef, IJobItem> _prepare;

    private SubmitProcessJob(PortableJob job, Func<IJobOwner, TimeSpan?, IActorRef, IJobItem> prepare)
    {
        Job = job;
        _prepare = prepare;
    }

    /// <summary>The call, in the form that crosses to a child.</summary>
    public PortableJob Job { get; }

    /// <summary>
    /// How long the job may take from its submission, queued or running, before its sender gets
    /// <see cref="JobTimeoutException"/> (a child still running it is killed after <c>cancel-grace</c>);
    /// <see langword="null"/> for <c>actor-pool.workers.job-timeout</c>. Set it with <see cref="WithTimeout"/>.
    /// </summary>
    public TimeSpan? Timeout { get; private init; }

    /// <summary>A call of <typeparamref name="TJob"/> on <paramref name="argument"/>.</summary>
    /// <typeparam name="TJob">A public class implementing <see cref="IProcessJob{TArgument, TResult}"/>;
    /// naming it here is its registration (see docs/process-backend.md).</typeparam>
    /// <typeparam name="TArgument">The argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="argument">The argument; serialized now, so a job that cannot cross fails here.</param>
    /// <exception cref="NotPortableJobException">The argument does not serialize with System.Text.Json.</exception>
    public static SubmitProcessJob Create<TJob, TArgument, TResult>(TArgument argument)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        var job = PortableJob.Create<TJob>(argument);
        return new SubmitProcessJob(job, (owner, timeout, replyTo) => new PortableReplyItem(
            job, async token => await new TJob().RunAsync(argument, token).ConfigureAwait(false), owner, timeout, replyTo));
    }

    /// <summary>The same job, with its own timeout (see <see cref="Timeout"/>).</summary>
    /// <param name="timeout">A positive duration.</param>
    /// <returns>A copy of this message with <see cref="Timeout"/> set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public SubmitProcessJob WithTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return this with { Timeout = timeout };
    }

    void IPlaneMessage.Enter(DataPlane plane, IActorRef replyTo) =>
        plane.SubmitPrepared((owner, timeout) => _prepare(owner, timeout, replyTo), Timeout, replyTo);
}
