using ActorPool.Cluster.Internal.Diagnostics;
using ActorPool.Cluster.Internal.Jobs;
using ActorPool.Cluster.Internal.Leases;
using Akka;
using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Groups;

/// <summary>
/// One pool group as a sharded entity: a <c>PoolSupervisor</c> child started from the group's kept
/// state, the messages of its envelopes forwarded to it, remote jobs run on it, and state changes
/// (units, <see cref="ChangeGroupSettings"/>) kept in the <see cref="GroupStore"/>. On hand-off it
/// lets its work drain (<see cref="StopGracefully"/>) before it stops.
/// </summary>
internal sealed class GroupEntity : ReceiveActor, IWithStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _groupId;
    private readonly PoolSettings _baseSettings;
    private readonly JobCatalog _jobs;
    private readonly GroupStore _store;
    private readonly string _node;
    private GroupState _state = GroupState.Empty;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private PoolClient? _client;
    private GroupLeases? _leases;

    public GroupEntity(string groupId, PoolSettings settings, JobCatalog jobs, GroupStore store)
    {
        _groupId = groupId;
        _baseSettings = settings;
        _jobs = jobs;
        _store = store;
        _node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string groupId, PoolSettings settings, JobCatalog jobs, GroupStore store) =>
        Akka.Actor.Props.Create(() => new GroupEntity(groupId, settings, jobs, store));

    protected override void PreStart() => _store.ReadAsync(_groupId).PipeTo(Self);

    // The supervisor, a child, has stopped and ended its leases: they are lost with the group.
    protected override void PostStop() => _leases?.GroupStopped();

    private void Starting()
    {
        Receive<GroupState>(state =>
        {
            _state = state;
            _supervisor = Context.ActorOf(PoolSupervisor.Props(SettingsFrom(state), null, TimeProvider.System, _groupId), "pools");
            Context.Watch(_supervisor);
            if (state.Units is { } units)
            {
                _supervisor.Tell(new ScaleChanged(units));
            }
            _client = PoolClient.Create(Task.FromResult(_supervisor));
            _leases = new GroupLeases(new GroupLeases.Site(
                _store.TypeName, _groupId, _node, _supervisor, Self, Context.System.EventStream, SettingsFrom(state).Lease.Grace, _jobs));
            ClusterLog.GroupRestored(_log, _groupId, _node, state.Units, state.Changes);
            Become(Running);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private PoolSettings SettingsFrom(GroupState state)
    {
        try
        {
            return state.Changes.ApplyTo(_baseSettings).Validate();
        }
        catch (ArgumentException e)
        {
            // The base settings changed under the kept changes (a redeploy): start from the base.
            ClusterLog.GroupChangesDiscarded(_log, _groupId, state.Changes, e.Message);
            return _baseSettings;
        }
    }

    private void Running()
    {
        Receive<ScaleChanged>(scale =>
        {
            _supervisor.Forward(scale);
            if (scale.Units is { } units)
            {
                Keep(_state with { Units = units });
            }
        });
        Receive<ChangeGroupSettings>(change =>
        {
            var replyTo = Sender;
            _supervisor.Ask<object>(UpdateSettings.Change(change.ApplyTo), TimeSpan.FromSeconds(10))
                .PipeTo(Self, success: reply => new SettingsReply(change, reply, replyTo), failure: e => new SettingsReply(change, new Status.Failure(e), replyTo));
        });
        // The same change as ChangeGroupSettings, so the group keeps its new bounds when it moves.
        Receive<SetPoolBounds>(bounds => Self.Forward(new ChangeGroupSettings(bounds.MinPools, bounds.MaxPools)));
        Receive<SettingsReply>(reply =>
        {
            if (reply.Reply is Done)
            {
                // Done once a majority holds the change (or the write timed out, logged): a caller
                // that got Done knows the change survives the loss of any minority of nodes.
                Keep(_state with { Changes = _state.Changes.Then(reply.Change) }, new KeptReply(reply.ReplyTo));
            }
            else
            {
                reply.ReplyTo.Tell(reply.Reply);
            }
        });
        Receive<RunJob>(job => job.LeaseId is not null, job => _leases!.Run(job, Sender));
        Receive<RunJob>(job => Run(job, Sender));
        Leases();
        Receive<GroupHandOff>(_ =>
        {
            ClusterLog.GroupHandedOff(_log, _groupId, _node);
            _leases!.Close($"pool group [{_groupId}] is moving off {_node}");
            _supervisor.Tell(StopGracefully.Instance);
            Become(HandingOff);
        });
        Receive<IUpdateResponse>(Kept);
        Receive<Terminated>(t => t.ActorRef.Equals(_supervisor), _ => Context.Stop(Self));
        ReceiveAny(message => _supervisor.Forward(message));
    }

    private void HandingOff()
    {
        Receive<RunJob>(job => Sender.Tell(new JobOutcome(job.Id, null, JobFailure.Rejected,
            $"pool group [{_groupId}] is moving off {_node}; the job did not run")));
        // A stopping supervisor would answer Done without the change being kept for the group's next node.
        Receive<ChangeGroupSettings>(_ => RefuseWhileMoving());
        Receive<SetPoolBounds>(_ => RefuseWhileMoving());
        Leases();
        Receive<Done>(_ => Context.Stop(Self));
        Receive<IUpdateResponse>(Kept);
        Receive<Terminated>(t => t.ActorRef.Equals(_supervisor), _ => Context.Stop(Self));
        ReceiveAny(message => _supervisor.Forward(message));
    }

    private void RefuseWhileMoving() => Sender.Tell(new Status.Failure(new InvalidOperationException(
        $"pool group [{_groupId}] is moving off {_node}: the settings change was not applied; send it again, it reaches the group where it starts next")));

    // A lease granted here stays here: renewals, releases and its end are served until the group stops.
    private void Leases()
    {
        Receive<AcquireRemoteLease>(request => _leases!.Acquire(request, null, Sender));
        Receive<IGroupLeaseMessage>(message => _leases!.Handle(message, Sender));
        Receive<GroupLeases.Answer>(answer => _leases!.Answered(answer));
        Receive<LeaseChanged>(changed => _leases!.Changed(changed));
    }

    private void Keep(GroupState state, KeptReply? reply = null)
    {
        _state = state;
        _store.Write(_groupId, state, Self, reply);
    }

    private void Kept(IUpdateResponse response)
    {
        if (response is not UpdateSuccess)
        {
            ClusterLog.GroupStateShortOfMajority(_log, _groupId, response.GetType().Name);
        }
        (response.Request as KeptReply)?.ReplyTo.Tell(Done.Instance);
    }

    private void Run(RunJob job, IActorRef replyTo)
    {
        replyTo.Tell(new JobAccepted(job.Id));
        var run = _jobs.Find(job.JobType);
        if (run is null)
        {
            replyTo.Tell(new JobOutcome(job.Id, null, JobFailure.Unregistered,
                $"job type {job.JobType} is not registered on {_node}, which hosts pool group [{_groupId}]: list it in "
                + "actor-pool.cluster.job-types or call ClusterPools.RegisterJob<TJob>() on every node that may host the group"));
            return;
        }
        TimeSpan? timeout = job.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(job.TimeoutMs) : null;
        JobRunner.RunAsync(job.Id, run, _client!, job.ArgumentJson, timeout, _node).PipeTo(replyTo);
    }

    private sealed record SettingsReply(ChangeGroupSettings Change, object Reply, IActorRef ReplyTo);

    /// <summary>Who gets <see cref="Done"/> when the replicator has answered the write of their change.</summary>
    private sealed record KeptReply(IActorRef ReplyTo);
}
