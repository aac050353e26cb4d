using System.Text.Json;
using ActorPool.Cluster.Internal.Jobs;
using ActorPool.Cluster.Internal.Leases;
using ActorPool.Process;
using Akka.Actor;

namespace ActorPool.Cluster;

/// <summary>
/// The holder's side of a lease on one pool of a pool group that may live on another node, from
/// <see cref="ClusterPools.AcquireLeaseAsync"/>. The core's <see cref="ILeasedExecutor"/> is a local
/// object and stays on the group's node; this handle sends registered portable jobs to it, and
/// renews and releases the lease there.
/// </summary>
/// <remarks>
/// <para>The lease ends as a local one does (release, expiry, the death of its holder actor), and
/// also when the group is lost: its node is removed from the cluster, or the group stops there (it
/// moves). Then new and in-flight jobs fail with <see cref="GroupLostException"/> and a holder actor
/// receives <see cref="LeaseLost"/>. This node learns of every end and refuses new submits from then
/// on; see <see cref="IsActive"/>. A submit that races the end fails on the group's node with the
/// same exception.</para>
/// <para>Every member is thread-safe.</para>
/// </remarks>
public sealed class RemoteLeasedExecutor : IAsyncDisposable
{
    // Bounds a renewal's round trip to the group's node.
    private static readonly TimeSpan s_renewTimeout = TimeSpan.FromSeconds(30);

    // Added to the time left to hard expiry, by which a release has always been answered.
    private static readonly TimeSpan s_releaseMargin = TimeSpan.FromSeconds(30);

    private readonly IActorRef _tracker;
    private readonly TimeProvider _clock;
    private readonly TaskCompletionSource _over = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _refusal;
    private long _softDeadline;
    private long _hardDeadline;

    internal RemoteLeasedExecutor(RemoteLeaseGranted granted, Address node, IActorRef tracker, TimeProvider clock)
    {
        Granted = granted;
        Node = node;
        _tracker = tracker;
        _clock = clock;
        Deadlines(granted.UntilSoftExpiry, granted.UntilHardExpiry);
    }

    /// <summary>The lease's id on its group, as the core's <see cref="ILeasedExecutor.LeaseId"/>.</summary>
    public string LeaseId => Granted.LeaseId;

    /// <summary>The name of the leased pool on the group's node, as in <see cref="PoolInfo.Name"/>.</summary>
    public string Pool => Granted.Pool;

    /// <summary>The pool group type.</summary>
    public string TypeName => Granted.TypeName;

    /// <summary>The pool group.</summary>
    public string GroupId => Granted.GroupId;

    /// <summary>The address of the node hosting the group and its leased pool.</summary>
    public Address Node { get; }

    /// <summary>Whether work may still be submitted: not released, expired or lost, as far as this node knows.</summary>
    public bool IsActive => Volatile.Read(ref _refusal) is null;

    /// <summary>Time left until soft expiry, estimated on this node from the grant and the last renewal; negative once past it.</summary>
    public TimeSpan TimeLeft => _clock.GetElapsedTime(Interlocked.Read(ref _softDeadline)).Negate();

    internal RemoteLeaseGranted Granted { get; }

    internal IActorRef Entity => Granted.Entity;

    /// <summary>Why new submits are refused, or <see langword="null"/> while the lease is active.</summary>
    internal Exception? Refusal => Volatile.Read(ref _refusal);

    /// <summary>
    /// Runs <typeparamref name="TJob"/> on <paramref name="argument"/> on the leased pool, through
    /// the group's local <see cref="ILeasedExecutor"/>. It is sent once and runs at most once.
    /// </summary>
    /// <typeparam name="TJob">A portable job type, registered on the node that hosts the group.</typeparam>
    /// <typeparam name="TArgument">Its argument type; System.Text.Json must round-trip it.</typeparam>
    /// <typeparam name="TResult">Its result type; System.Text.Json must round-trip it.</typeparam>
    /// <param name="argument">The argument, serialized on the calling thread.</param>
    /// <param name="timeout">How long from now until the caller gives up (the job is cancelled on
    /// the group's node then too); <see langword="null"/> for none: the job then ends with its
    /// outcome, the lease's end or the loss of its group.</param>
    /// <returns>Completes exactly once: the job's result; <see cref="RemoteJobException"/> (it threw
    /// there, or its type is not registered there); <see cref="LeaseExpiredException"/> or
    /// <see cref="LeaseReleasedException"/> (the lease ended before the job ran, or was revoked while
    /// it ran); the pool's own <see cref="JobTimeoutException"/> (<c>workers.job-timeout</c>) or
    /// <see cref="JobRejectedException"/> (the group is handing off to another node: the job did not
    /// run); <see cref="GroupLostException"/> (the group's node was removed, or the group stopped,
    /// before the result arrived: it may have run); or <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    /// <exception cref="NotPortableJobException"><paramref name="argument"/> does not serialize with System.Text.Json.</exception>
    public async Task<TResult> SubmitAsync<TJob, TArgument, TResult>(TArgument argument, TimeSpan? timeout = null)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        }
        string json;
        try
        {
            json = JsonSerializer.Serialize(argument);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new NotPortableJobException($"The argument of {typeof(TJob)} cannot be serialized with System.Text.Json: {e.Message}", e);
        }
        if (Refusal is { } refused)
        {
            throw refused;
        }
        var result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? deadline = timeout is { } t ? _clock.GetUtcNow() + t : null;
        _tracker.Tell(new LeaseTracker.Submit(this, JobCatalog.NameOf(typeof(TJob)), json, deadline, result));
        return JsonSerializer.Deserialize<TResult>(await result.Task.ConfigureAwait(false))!;
    }

    /// <summary>
    /// Moves the expiry later by <paramref name="extra"/>, up to <c>lease.max-total</c> from the
    /// grant, as the core's <see cref="ILeasedExecutor.RenewAsync(TimeSpan)"/> does.
    /// </summary>
    /// <param name="extra">A positive duration.</param>
    /// <returns>The new deadlines, as the group's node measured them. Fails with
    /// <see cref="InvalidOperationException"/> when the lease already runs to its max-total;
    /// <see cref="LeaseExpiredException"/>, <see cref="LeaseReleasedException"/> or
    /// <see cref="GroupLostException"/> when the lease has ended; <see cref="TimeoutException"/> when
    /// the group's node does not answer within 30 s.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="extra"/> is zero or negative.</exception>
    public async Task<LeaseRenewed> RenewAsync(TimeSpan extra)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(extra, TimeSpan.Zero);
        if (Refusal is { } refused)
        {
            throw refused;
        }
        var reply = await Ask(new RenewRemoteLease(LeaseId, extra), s_renewTimeout).ConfigureAwait(false);
        if (reply is not LeaseRenewed renewed)
        {
            throw Failure(reply);
        }
        Deadlines(renewed.UntilSoftExpiry, renewed.UntilHardExpiry);
        return renewed;
    }

    /// <summary>
    /// Ends the lease: new submits are refused at once, work already submitted finishes, then the
    /// pool goes back to its group. Idempotent.
    /// </summary>
    /// <returns>Completes when the pool has been given back, at once when the lease had already
    /// ended (its group's loss included); fails with <see cref="TimeoutException"/> when the group's
    /// node did not answer by the lease's hard expiry plus 30 s.</returns>
    public async Task ReleaseAsync()
    {
        Interlocked.CompareExchange(ref _refusal, new LeaseReleasedException(
            $"{LeaseId} on {Pool} of pool group [{GroupId}] was released by its holder"), null);
        if (_over.Task.IsCompleted)
        {
            return;
        }
        var untilHard = _clock.GetElapsedTime(Interlocked.Read(ref _hardDeadline)).Negate();
        var answer = Ask(new ReleaseRemoteLease(LeaseId), (untilHard > TimeSpan.Zero ? untilHard : TimeSpan.Zero) + s_releaseMargin);
        // A lost group never answers; the tracker ends the lease then.
        if (await Task.WhenAny(answer, _over.Task).ConfigureAwait(false) != answer)
        {
            _ = answer.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }
        if (await answer.ConfigureAwait(false) is LeaseFailed failed)
        {
            throw Failure(failed);
        }
    }

    /// <summary>Releases the lease, as <see cref="ReleaseAsync"/>.</summary>
    /// <returns>Completes when the pool has been given back.</returns>
    public ValueTask DisposeAsync() => new(ReleaseAsync());

    /// <inheritdoc/>
    public override string ToString() => $"RemoteLeasedExecutor({LeaseId} on {Pool} of {TypeName}/{GroupId} at {Node})";

    /// <summary>Called by the tracker when the lease has ended: later submits fail with <paramref name="failure"/>.</summary>
    internal void End(Exception failure)
    {
        // A release by the holder keeps its reason, unless the group was lost meanwhile.
        if (failure is GroupLostException)
        {
            Volatile.Write(ref _refusal, failure);
        }
        else
        {
            Interlocked.CompareExchange(ref _refusal, failure, null);
        }
        _over.TrySetResult();
    }

    private async Task<object> Ask(object message, TimeSpan timeout)
    {
        try
        {
            return await Entity.Ask<object>(message, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"The node {Node} hosting pool group [{GroupId}] did not answer about {LeaseId} within {timeout}.", e);
        }
    }

    private Exception Failure(object reply) => reply is LeaseFailed failed
        ? LeaseFaults.ToException(failed.Fault, failed.Reason)
        : new InvalidOperationException($"Unexpected answer about {LeaseId} from {Node}: {reply}");

    private void Deadlines(TimeSpan untilSoft, TimeSpan untilHard)
    {
        var now = _clock.GetTimestamp();
        Interlocked.Exchange(ref _softDeadline, now + Ticks(untilSoft));
        Interlocked.Exchange(ref _hardDeadline, now + Ticks(untilHard));
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);
}
