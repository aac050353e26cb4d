using ActorPool.Cluster.Internal.Diagnostics;
using ActorPool.Cluster.Internal.Jobs;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Leases;

/// <summary>
/// This node's side of the leases it acquired with <see cref="ClusterPools.AcquireLeaseAsync"/>: it
/// sends each request through the region, builds the <see cref="RemoteLeasedExecutor"/> from the
/// grant, passes the lease's jobs to the <see cref="JobTracker"/> (straight to the granting entity),
/// and ends the handle when the entity reports the lease over (<see cref="LeaseEnded"/>). When the
/// group is lost (its node is removed, the entity reports the group stopping, or the watched entity
/// stops) the handle refuses new jobs, its jobs in flight fail with <see cref="GroupLostException"/>,
/// and its holder, if one was given, receives <see cref="LeaseLost"/> once. Unless a holder is
/// given, this actor is the core lease's holder, so the lease is released when this node goes away.
/// </summary>
internal sealed class LeaseTracker : ReceiveActor, IWithTimers
{
    // Added to a request's wait before it fails with a timeout: the group may have to start first.
    private static readonly TimeSpan s_acquireMargin = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly IActorRef _jobs;
    private readonly TimeProvider _clock;
    private readonly Dictionary<long, Acquiring> _acquiring = [];
    private readonly Dictionary<(IActorRef Entity, string LeaseId), Held> _leases = [];
    private long _nextId;

    public LeaseTracker(IActorRef jobs, TimeSpan checkInterval, TimeProvider clock)
    {
        _jobs = jobs;
        _clock = clock;
        Receive<Acquire>(Send);
        Receive<LeaseAcquireAccepted>(accepted =>
        {
            if (_acquiring.TryGetValue(accepted.RequestId, out var request))
            {
                request.Host = HostOf(Sender);
            }
        });
        Receive<LeaseAcquired>(Granted);
        Receive<LeaseRefused>(refused =>
        {
            if (_acquiring.Remove(refused.RequestId, out var request))
            {
                request.Result.TrySetException(LeaseFaults.ToException(refused.Fault, refused.Reason));
            }
        });
        Receive<LeaseEnded>(Ended);
        Receive<Submit>(Run);
        Receive<ClusterEvent.MemberRemoved>(Removed);
        Receive<Terminated>(terminated => LoseAll(
            key => key.Entity.Equals(terminated.ActorRef),
            $"its actor on {HostOf(terminated.ActorRef)} stopped (the group moved, or its node is gone)"));
        Receive<Tick>(_ => Expire());
        // As the default holder: the entity's LeaseEnded is what ends the handle.
        Receive<LeaseExpiring>(expiring => ClusterLog.RemoteLeaseExpiring(_log, expiring.LeaseId, expiring.UntilRevoke));
        Receive<LeaseRevoked>(revoked => ClusterLog.RemoteLeaseRevoked(_log, revoked.LeaseId));
        // Answers to the release of a grant that came after its request had timed out.
        Receive<RemoteLeaseReleased>(_ => { });
        Receive<LeaseFailed>(failed => ClusterLog.LateGrantReleasing(_log, failed.LeaseId, failed.Reason));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Timers!.StartPeriodicTimer(Tick.Instance, Tick.Instance, checkInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef jobs, TimeSpan checkInterval, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new LeaseTracker(jobs, checkInterval, clock));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        var stopped = new InvalidOperationException($"The cluster pools of {_cluster.SelfAddress} stopped.");
        foreach (var request in _acquiring.Values)
        {
            request.Result.TrySetException(stopped);
        }
        foreach (var held in _leases.Values)
        {
            held.Lease.End(stopped);
        }
    }

    private void Send(Acquire acquire)
    {
        var id = ++_nextId;
        var request = acquire.Request;
        DateTimeOffset? deadline = request.WaitUpTo == Timeout.InfiniteTimeSpan ? null : Now() + request.WaitUpTo + s_acquireMargin;
        _acquiring[id] = new Acquiring(acquire.GroupId, request.Holder, acquire.Result, deadline);
        acquire.Region.Tell(new PoolEnvelope(acquire.GroupId, new LeaseAcquire(id, request with { Holder = request.Holder ?? Self })), Self);
    }

    private void Granted(LeaseAcquired acquired)
    {
        var granted = acquired.Granted;
        if (!_acquiring.Remove(acquired.RequestId, out var request))
        {
            ClusterLog.LateGrant(_log, granted.LeaseId, granted.GroupId);
            granted.Entity.Tell(new ReleaseRemoteLease(granted.LeaseId), Self);
            return;
        }
        var lease = new RemoteLeasedExecutor(granted, HostOf(granted.Entity), Self, _clock);
        if (!_leases.Keys.Any(key => key.Entity.Equals(granted.Entity)))
        {
            Context.Watch(granted.Entity);
        }
        _leases[(granted.Entity, granted.LeaseId)] = new Held(lease, request.Holder);
        request.Result.TrySetResult(lease);
    }

    private void Ended(LeaseEnded ended)
    {
        var key = (Sender, ended.LeaseId);
        if (!_leases.TryGetValue(key, out var held))
        {
            return;
        }
        var lease = held.Lease;
        var what = $"{lease.LeaseId} on {lease.Pool} of pool group [{lease.GroupId}]";
        switch (ended.End)
        {
            case LeaseEnd.Lost:
                Lose(key, held, ended.Detail);
                break;
            case LeaseEnd.Revoked:
                Forget(key);
                lease.End(new LeaseExpiredException($"{what} has expired and was revoked ({ended.Detail})"));
                break;
            default:
                Forget(key);
                lease.End(new LeaseReleasedException($"{what} was released ({ended.Detail})"));
                break;
        }
    }

    private void Run(Submit submit)
    {
        var lease = submit.Lease;
        if (!_leases.ContainsKey((lease.Entity, lease.LeaseId)))
        {
            // Ended after the handle let the job through; the entity may be gone, so answer here.
            submit.Result.TrySetException(lease.Refusal ?? new LeaseReleasedException($"{lease.LeaseId} has ended"));
            return;
        }
        _jobs.Tell(new JobTracker.TrackLeased(lease.Entity, lease.LeaseId, lease.GroupId, submit.JobType, submit.ArgumentJson,
            submit.Deadline ?? DateTimeOffset.MaxValue, submit.Result));
    }

    private void Removed(ClusterEvent.MemberRemoved removed)
    {
        var gone = removed.Member.Address;
        var reason = $"node {gone} hosting it was removed from the cluster ({removed.PreviousStatus} -> Removed)";
        LoseAll(key => gone.Equals(_leases[key].Lease.Node), reason);
        foreach (var (id, request) in _acquiring.Where(r => gone.Equals(r.Value.Host)).ToList())
        {
            _acquiring.Remove(id);
            request.Result.TrySetException(new GroupLostException(
                $"The lease request to pool group [{request.GroupId}] was lost: {reason}; no pool of it is leased now."));
        }
    }

    private void LoseAll(Func<(IActorRef Entity, string LeaseId), bool> which, string reason)
    {
        foreach (var key in _leases.Keys.Where(which).ToList())
        {
            Lose(key, _leases[key], reason);
        }
    }

    /// <summary>The lease's group is gone: end the handle, fail its jobs in flight, tell its holder.</summary>
    private void Lose((IActorRef Entity, string LeaseId) key, Held held, string reason)
    {
        Forget(key);
        var lease = held.Lease;
        var lost = new GroupLostException(
            $"{lease.LeaseId} on pool group [{lease.GroupId}] was lost: {reason}; its jobs in flight may have run in part or in full.");
        lease.End(lost);
        // After every job this actor passed on for the lease, so none of them is missed.
        _jobs.Tell(new JobTracker.LeaseGone(key.Entity, key.LeaseId, lost));
        held.Holder?.Tell(new LeaseLost(lease.TypeName, lease.GroupId, lease.LeaseId, reason), Self);
        ClusterLog.RemoteLeaseLost(_log, lease.LeaseId, lease.GroupId, reason);
    }

    private void Forget((IActorRef Entity, string LeaseId) key)
    {
        _leases.Remove(key);
        if (!_leases.Keys.Any(other => other.Entity.Equals(key.Entity)))
        {
            Context.Unwatch(key.Entity);
        }
    }

    private void Expire()
    {
        var now = Now();
        foreach (var (id, request) in _acquiring.Where(r => r.Value.Deadline <= now).ToList())
        {
            _acquiring.Remove(id);
            request.Result.TrySetException(new TimeoutException(
                $"The lease request to pool group [{request.GroupId}] was neither granted nor refused in time "
                + (request.Host is null ? "(no node took it: the group may be moving or its node lost)." : $"(on {request.Host}).")));
        }
    }

    private DateTimeOffset Now() => _clock.GetUtcNow();

    private Address HostOf(IActorRef actor) =>
        actor.Path.Address.HasGlobalScope ? actor.Path.Address : _cluster.SelfAddress;

    /// <summary>Acquire a lease on one group through its region; local only, it carries the caller's task.</summary>
    public sealed record Acquire(IActorRef Region, string GroupId, AcquireRemoteLease Request, TaskCompletionSource<RemoteLeasedExecutor> Result)
        : INoSerializationVerificationNeeded;

    /// <summary>Send one job under a lease; local only. A null deadline waits for the job's outcome, the lease's end or the group's loss.</summary>
    public sealed record Submit(RemoteLeasedExecutor Lease, string JobType, string ArgumentJson, DateTimeOffset? Deadline, TaskCompletionSource<string> Result)
        : INoSerializationVerificationNeeded;

    private sealed class Acquiring(string groupId, IActorRef? holder, TaskCompletionSource<RemoteLeasedExecutor> result, DateTimeOffset? deadline)
    {
        public string GroupId { get; } = groupId;

        public IActorRef? Holder { get; } = holder;

        public TaskCompletionSource<RemoteLeasedExecutor> Result { get; } = result;

        public DateTimeOffset? Deadline { get; } = deadline;

        public Address? Host { get; set; }
    }

    /// <summary>A granted lease; <see cref="Holder"/> is null when this actor holds it.</summary>
    private sealed record Held(RemoteLeasedExecutor Lease, IActorRef? Holder);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
