using ActorPool.Cluster.Internal.Jobs;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Leases;

/// <summary>
/// The remote leases of one group, on the group's node; called by its entity, on the entity's
/// thread. An <see cref="AcquireRemoteLease"/> becomes a core <see cref="AcquireLease"/> with the
/// remote holder as its holder, so the core watches that actor across nodes (its node's removal
/// included). The local <see cref="ILeasedExecutor"/> of each granted lease is kept here and runs
/// the lease's jobs; the acquiring node's tracker is told when the lease ends (from the
/// supervisor's <see cref="LeaseChanged"/> events) or is lost with the group.
/// </summary>
internal sealed class GroupLeases
{
    // How many ended leases are kept, so a late job or renewal gets its lease's own failure.
    private const int EndedKept = 256;

    // Added to a request's wait for the supervisor's answer, which comes by the wait's end.
    private static readonly TimeSpan s_acquireMargin = TimeSpan.FromSeconds(30);

    private readonly Site _site;
    private readonly string _supervisorPath;
    private readonly Dictionary<string, Held> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ILeasedExecutor> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private string? _closing;

    public GroupLeases(Site site)
    {
        _site = site;
        _supervisorPath = site.Supervisor.Path.ToStringWithoutAddress();
    }

    /// <summary>Asks the supervisor for a lease; the answer comes back to the entity as an <see cref="Answer"/>.</summary>
    /// <param name="request">What is asked for.</param>
    /// <param name="requestId">The tracker's request id, or null for an actor's plain <see cref="AcquireRemoteLease"/>.</param>
    /// <param name="replyTo">Who gets the answer: the tracker, or the actor.</param>
    public void Acquire(AcquireRemoteLease request, long? requestId, IActorRef replyTo)
    {
        var self = _site.Self;
        if (requestId is { } id)
        {
            replyTo.Tell(new LeaseAcquireAccepted(id), self);
        }
        if (_closing is { } closing)
        {
            Refuse(new Answer(null, new LeaseUnavailableException($"no lease is granted: {closing}"), replyTo, requestId));
            return;
        }
        // The sender holds the lease unless a holder is named; the core never watches an Ask's temporary actor.
        var holder = request.Holder ?? replyTo;
        TimeSpan? timeout = request.WaitUpTo == Timeout.InfiniteTimeSpan ? null : request.WaitUpTo + s_acquireMargin;
        _site.Supervisor.Ask<object>(new AcquireLease(request.LeaseFor, request.WaitUpTo, holder), timeout)
            .PipeTo(self, success: reply => new Answer(reply, null, replyTo, requestId), failure: e => new Answer(null, e, replyTo, requestId));
    }

    public void Answered(Answer answer)
    {
        if (answer.Reply is not LeaseGranted { Executor: var executor })
        {
            Refuse(answer);
            return;
        }
        var left = executor.TimeLeft;
        var granted = new RemoteLeaseGranted(_site.TypeName, _site.GroupId, executor.LeaseId, executor.PoolName, _site.Self, left, left + _site.Grace);
        answer.ReplyTo.Tell(answer.RequestId is { } id ? new LeaseAcquired(id, granted) : granted, _site.Self);
        if (_active.Count == 0)
        {
            // Only while it holds leases: every supervisor on the node publishes on the same stream.
            _site.Events.Subscribe(_site.Self, typeof(LeaseChanged));
        }
        _active[executor.LeaseId] = new Held(executor, answer.RequestId is null ? null : answer.ReplyTo);
        if (!executor.IsActive)
        {
            // Its holder died before the grant got here; the end event may have gone by already.
            End(executor.LeaseId, LeaseEnd.Released, "it ended before its grant reached the holder");
        }
    }

    public void Handle(IGroupLeaseMessage message, IActorRef replyTo)
    {
        switch (message)
        {
            case LeaseAcquire acquire:
                Acquire(acquire.Request, acquire.RequestId, replyTo);
                break;
            case RenewRemoteLease renew when Find(renew.LeaseId) is { } lease:
                lease.RenewAsync(renew.Extra).PipeTo(replyTo, _site.Self, failure: e => Failed(renew.LeaseId, e));
                break;
            case ReleaseRemoteLease release when Find(release.LeaseId) is { } lease:
                lease.ReleaseAsync().PipeTo(replyTo, _site.Self, success: () => new RemoteLeaseReleased(release.LeaseId), failure: e => Failed(release.LeaseId, e));
                break;
            case RenewRemoteLease or ReleaseRemoteLease:
                var leaseId = message is RenewRemoteLease r ? r.LeaseId : ((ReleaseRemoteLease)message).LeaseId;
                replyTo.Tell(Failed(leaseId, new UnknownLeaseException(Unknown(leaseId))), _site.Self);
                break;
        }
    }

    /// <summary>Runs a job of <see cref="RunJob.LeaseId"/> through that lease's executor, ended or not.</summary>
    public void Run(RunJob job, IActorRef replyTo)
    {
        var self = _site.Self;
        replyTo.Tell(new JobAccepted(job.Id), self);
        if (_site.Jobs.FindLeased(job.JobType) is not { } run)
        {
            replyTo.Tell(new JobOutcome(job.Id, null, JobFailure.Unregistered,
                $"job type {job.JobType} is not registered on {_site.Node}, which hosts pool group [{_site.GroupId}]: list it in "
                + "actor-pool.cluster.job-types or call ClusterPools.RegisterJob<TJob>() on every node that may host the group"), self);
            return;
        }
        if (Find(job.LeaseId!) is not { } lease)
        {
            replyTo.Tell(new JobOutcome(job.Id, null, JobFailure.LeaseReleased, Unknown(job.LeaseId!) + "; the job did not run"), self);
            return;
        }
        // An ended lease's executor fails the job with the lease's own exception.
        RunAsync(job, run, lease, _site.Node).PipeTo(replyTo, self);
    }

    /// <summary>A <see cref="LeaseChanged"/> from the node's event stream: the end of one of this group's leases, or another's event.</summary>
    public void Changed(LeaseChanged changed)
    {
        if (changed.Supervisor != _supervisorPath)
        {
            return;
        }
        switch (changed.Step)
        {
            case LeaseStep.Released:
                End(changed.LeaseId, LeaseEnd.Released, changed.Detail);
                break;
            case LeaseStep.HolderStopped:
                End(changed.LeaseId, LeaseEnd.HolderStopped, changed.Detail);
                break;
            case LeaseStep.Revoked:
                End(changed.LeaseId, LeaseEnd.Revoked, changed.Detail);
                break;
        }
    }

    /// <summary>The group is handing off: no new lease is granted.</summary>
    public void Close(string why) => _closing = why;

    /// <summary>The entity stopped, and its supervisor with it: every active lease is lost with the group.</summary>
    public void GroupStopped()
    {
        var reason = $"pool group [{_site.GroupId}] stopped on {_site.Node} (it moved to another node, or its node is shutting down)";
        foreach (var (leaseId, held) in _active)
        {
            held.Tracker?.Tell(new LeaseEnded(leaseId, LeaseEnd.Lost, reason), _site.Self);
        }
        _active.Clear();
        _site.Events.Unsubscribe(_site.Self);
    }

    private void End(string leaseId, LeaseEnd end, string detail)
    {
        if (!_active.Remove(leaseId, out var held))
        {
            return;
        }
        _ended[leaseId] = held.Lease;
        _endedOrder.Enqueue(leaseId);
        if (_endedOrder.Count > EndedKept)
        {
            _ended.Remove(_endedOrder.Dequeue());
        }
        held.Tracker?.Tell(new LeaseEnded(leaseId, end, detail), _site.Self);
        if (_active.Count == 0)
        {
            _site.Events.Unsubscribe(_site.Self, typeof(LeaseChanged));
        }
    }

    private ILeasedExecutor? Find(string leaseId) =>
        _active.TryGetValue(leaseId, out var held) ? held.Lease : _ended.GetValueOrDefault(leaseId);

    private void Refuse(Answer answer)
    {
        var error = LeaseFaults.Unwrap(answer.Error ?? new InvalidOperationException($"unexpected reply to AcquireLease: {answer.Reply}"));
        var reason = LeaseFaults.Reason(error, _site.GroupId, _site.Node);
        answer.ReplyTo.Tell(
            answer.RequestId is { } id ? new LeaseRefused(id, LeaseFaults.Of(error), reason) : new Status.Failure(LeaseFaults.ToException(LeaseFaults.Of(error), reason)),
            _site.Self);
    }

    private LeaseFailed Failed(string leaseId, Exception error) =>
        new(leaseId, LeaseFaults.Of(error), LeaseFaults.Reason(error, _site.GroupId, _site.Node));

    private string Unknown(string leaseId) =>
        $"pool group [{_site.GroupId}] on {_site.Node} has no lease [{leaseId}]: it ended long ago, or an earlier incarnation of the group granted it";

    private static async Task<JobOutcome> RunAsync(RunJob job, JobCatalog.LeaseRun run, ILeasedExecutor lease, string node)
    {
        // The caller gives up after its timeout, so the job is cancelled then too.
        using var timeout = job.TimeoutMs > 0 ? new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Min(job.TimeoutMs, int.MaxValue))) : null;
        try
        {
            return new JobOutcome(job.Id, await run(lease, job.ArgumentJson, timeout?.Token ?? CancellationToken.None).ConfigureAwait(false), null, null);
        }
        catch (Exception e)
        {
            return JobRunner.Failed(job.Id, e, node);
        }
    }

    /// <summary>Where the leases live: the group, its node, its supervisor and its entity.</summary>
    public sealed record Site(
        string TypeName, string GroupId, string Node, IActorRef Supervisor, IActorRef Self, EventStream Events, TimeSpan Grace, JobCatalog Jobs);

    /// <summary>The supervisor's answer to an acquire; local only, it may hold a <see cref="LeaseGranted"/>.</summary>
    public sealed record Answer(object? Reply, Exception? Error, IActorRef ReplyTo, long? RequestId) : INoSerializationVerificationNeeded;

    /// <summary>A lease this group granted; <see cref="Tracker"/> is told when it ends, if not null.</summary>
    private sealed record Held(ILeasedExecutor Lease, IActorRef? Tracker);
}
