using Akka.Actor;

namespace ActorPool;

/// <summary>
/// Runs a job on one of the supervisor's pools. The supervisor does not carry the job: it enters
/// the same admission and routing path as <see cref="PoolClient.SubmitAsync{T}(Func{T})"/>,
/// and the worker replies to the sender directly.
/// </summary>
/// <remarks>
/// Reply to the sender, exactly once: the job's return value; <see cref="Akka.Done.Instance"/>
/// when it returned <see langword="null"/> (a message cannot be null); or
/// <see cref="Status.Failure"/> with the job's exception, or with <see cref="JobRejectedException"/>
/// when <c>max-queued-jobs</c> jobs already wait.
/// </remarks>
public sealed record Submit : INoSerializationVerificationNeeded
{
    /// <summary>A synchronous job, run on a pool's worker thread.</summary>
    /// <param name="job">The work to run.</param>
    public Submit(Func<object?> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Job = job;
    }

    private Submit(Func<CancellationToken, Task<object?>> asyncJob)
    {
        AsyncJob = asyncJob;
    }

    /// <summary>
    /// An asynchronous job: it starts on a pool's worker thread and its continuations run on the
    /// pool's <see cref="TaskScheduler"/>, so the job stays on its pool.
    /// </summary>
    /// <param name="job">The work to run; the token is cancelled when the supervisor stops.</param>
    public static Submit Async(Func<CancellationToken, Task<object?>> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new Submit(job);
    }

    /// <summary>
    /// A synchronous job that runs only on a pool started with <paramref name="capabilities"/> (or
    /// more): e.g. <c>Submit.Requiring(job, "gpu")</c>. Capability pools are started by the
    /// <c>capability</c> sizing policy, one group per capability set, and jobs of one requirement
    /// wait for them in one FIFO; under another policy the job is refused with
    /// <see cref="JobRejectedException"/>.
    /// </summary>
    /// <param name="job">The work to run.</param>
    /// <param name="capabilities">Capability names: letters, digits, '-', '_' and '.'.</param>
    /// <exception cref="ArgumentException">A capability name is empty or has other characters.</exception>
    public static Submit Requiring(Func<object?> job, params string[] capabilities) =>
        new Submit(job) { Requires = Checked(capabilities) };

    /// <summary>As <see cref="Requiring(Func{object}, string[])"/>, for an asynchronous job.</summary>
    /// <exception cref="ArgumentException">A capability name is empty or has other characters.</exception>
    public static Submit AsyncRequiring(Func<CancellationToken, Task<object?>> job, params string[] capabilities) =>
        Async(job) with { Requires = Checked(capabilities) };

    /// <summary>
    /// How long the job may take from its submission, queued or running, before its sender gets
    /// <see cref="JobTimeoutException"/>; <see langword="null"/> for the pool's
    /// <c>actor-pool.workers.job-timeout</c>. Set it with <see cref="WithTimeout"/>.
    /// </summary>
    public TimeSpan? Timeout { get; private init; }

    /// <summary>The same job, with its own timeout (see <see cref="Timeout"/>).</summary>
    /// <param name="timeout">A positive duration.</param>
    /// <returns>A copy of this message with <see cref="Timeout"/> set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    public Submit WithTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return this with { Timeout = timeout };
    }

    /// <summary>The capabilities a pool must have to run the job; empty for any pool.</summary>
    public IReadOnlyList<string> Requires { get; private init; } = [];

    /// <summary>The synchronous job, or <see langword="null"/> for an asynchronous one.</summary>
    public Func<object?>? Job { get; }

    /// <summary>The asynchronous job, or <see langword="null"/> for a synchronous one.</summary>
    public Func<CancellationToken, Task<object?>>? AsyncJob { get; }

    private static IReadOnlyList<string> Checked(string[] capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return Internal.Dispatch.Requirement.Of(capabilities).Names;
    }
}
