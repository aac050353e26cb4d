using ActorPool.Cluster.Internal.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Jobs;

/// <summary>
/// This node's tracker of the remote jobs its callers sent. Each job is sent once and ends exactly
/// once, with the first of: its <see cref="JobOutcome"/>; <see cref="GroupLostException"/> when the
/// node that accepted it is removed from the cluster; a <see cref="TimeoutException"/> when the
/// caller's timeout passes (checked every <c>failover.check-interval</c>), which covers a job lost
/// in flight before any group accepted it. A late outcome is dropped.
/// </summary>
internal sealed class JobTracker : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly Dictionary<long, Pending> _pending = [];
    private long _nextId;

    private readonly TimeProvider _clock;

    public JobTracker(TimeSpan checkInterval, TimeProvider clock, Func<string, Task<ClusterPoolStatus>> status)
    {
        _clock = clock;
        // Actors ask this node's cluster-pools actor; the answer is built off the actor's thread.
        Receive<GetClusterPoolStatus>(get => status(get.TypeName).PipeTo(Sender));
        Receive<Track>(Send);
        Receive<TrackLeased>(SendLeased);
        Receive<LeaseGone>(gone => Fail(p => p.Lease is { } lease && lease.Entity.Equals(gone.Entity) && lease.LeaseId == gone.LeaseId, gone.Error));
        Receive<JobAccepted>(accepted =>
        {
            if (_pending.TryGetValue(accepted.Id, out var job))
            {
                job.Host = HostOf(Sender);
            }
        });
        Receive<JobOutcome>(End);
        Receive<ClusterEvent.MemberRemoved>(Lose);
        Receive<Tick>(_ => Expire());
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Timers!.StartPeriodicTimer(Tick.Instance, Tick.Instance, checkInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TimeSpan checkInterval, TimeProvider clock, Func<string, Task<ClusterPoolStatus>> status) =>
        Akka.Actor.Props.Create(() => new JobTracker(checkInterval, clock, status));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        foreach (var job in _pending.Values)
        {
            job.Result.TrySetException(new InvalidOperationException(
                $"The cluster pools of {_cluster.SelfAddress} stopped before the job to pool group [{job.GroupId}] ended."));
        }
    }

    private void Send(Track track)
    {
        var id = ++_nextId;
        var left = track.Deadline - _clock.GetUtcNow();
        _pending[id] = new Pending(track.GroupId, track.Result, track.Deadline);
        track.Region.Tell(new PoolEnvelope(track.GroupId,
            new RunJob(id, track.JobType, track.ArgumentJson, Math.Max(1, (long)left.TotalMilliseconds))), Self);
    }

    private void SendLeased(TrackLeased track)
    {
        var id = ++_nextId;
        // The lease lives on a known node: its job is lost with that node even before it is accepted.
        _pending[id] = new Pending(track.GroupId, track.Result, track.Deadline) { Host = HostOf(track.Entity), Lease = (track.Entity, track.LeaseId) };
        var left = track.Deadline == DateTimeOffset.MaxValue ? 0 : Math.Max(1, (long)(track.Deadline - _clock.GetUtcNow()).TotalMilliseconds);
        track.Entity.Tell(new RunJob(id, track.JobType, track.ArgumentJson, left, track.LeaseId), Self);
    }

    private void Fail(Func<Pending, bool> which, Exception error)
    {
        foreach (var id in _pending.Where(p => which(p.Value)).Select(p => p.Key).ToList())
        {
            _pending.Remove(id, out var job);
            job!.Result.TrySetException(error);
        }
    }

    private void End(JobOutcome outcome)
    {
        if (!_pending.Remove(outcome.Id, out var job))
        {
            ClusterLog.LateOutcomeDropped(_log, outcome.Id);
            return;
        }
        if (outcome.Failure is { } failure)
        {
            job.Result.TrySetException(JobRunner.ToException(failure, outcome.Error));
        }
        else
        {
            job.Result.TrySetResult(outcome.ResultJson ?? "null");
        }
    }

    private void Lose(ClusterEvent.MemberRemoved removed)
    {
        var gone = removed.Member.Address;
        var lost = _pending.Where(p => gone.Equals(p.Value.Host)).Select(p => p.Key).ToList();
        foreach (var id in lost)
        {
            _pending.Remove(id, out var job);
            job!.Result.TrySetException(new GroupLostException(
                $"Node {gone} hosting pool group [{job.GroupId}] was removed from the cluster ({removed.PreviousStatus} -> Removed) "
                + "after it accepted the job: the job may have run in part or in full, and is not run again."));
        }
        if (lost.Count > 0)
        {
            ClusterLog.RemoteJobsLost(_log, lost.Count, gone.ToString());
        }
    }

    private void Expire()
    {
        var now = _clock.GetUtcNow();
        var overdue = _pending.Where(p => p.Value.Deadline <= now).Select(p => p.Key).ToList();
        foreach (var id in overdue)
        {
            _pending.Remove(id, out var job);
            job!.Result.TrySetException(new TimeoutException(job.Host is null
                ? $"No node accepted the job for pool group [{job.GroupId}] within its timeout (the group may be moving or its node lost)."
                : $"The job for pool group [{job.GroupId}] on {job.Host} did not end within its timeout."));
        }
    }

    private Address HostOf(IActorRef sender) =>
        sender.Path.Address.HasGlobalScope ? sender.Path.Address : _cluster.SelfAddress;

    /// <summary>Send and track one job; local only, it carries the caller's task.</summary>
    public sealed record Track(IActorRef Region, string GroupId, string JobType, string ArgumentJson, DateTimeOffset Deadline, TaskCompletionSource<string> Result)
        : INoSerializationVerificationNeeded;

    /// <summary>
    /// Send and track one job under a remote lease: straight to the lease's entity, since the lease
    /// belongs to that incarnation of the group. <see cref="DateTimeOffset.MaxValue"/> for no deadline.
    /// </summary>
    public sealed record TrackLeased(IActorRef Entity, string LeaseId, string GroupId, string JobType, string ArgumentJson,
        DateTimeOffset Deadline, TaskCompletionSource<string> Result) : INoSerializationVerificationNeeded;

    /// <summary>The lease's group is gone: its jobs still pending fail with <see cref="Error"/>.</summary>
    public sealed record LeaseGone(IActorRef Entity, string LeaseId, Exception Error) : INoSerializationVerificationNeeded;

    private sealed class Pending(string groupId, TaskCompletionSource<string> result, DateTimeOffset deadline)
    {
        public (IActorRef Entity, string LeaseId)? Lease { get; init; }

        public string GroupId { get; } = groupId;

        public TaskCompletionSource<string> Result { get; } = result;

        public DateTimeOffset Deadline { get; } = deadline;

        public Address? Host { get; set; }
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
