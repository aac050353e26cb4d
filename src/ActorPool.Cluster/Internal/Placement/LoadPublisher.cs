using System.Collections.Immutable;
using ActorPool.Cluster.Internal.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;

namespace ActorPool.Cluster.Internal.Placement;

/// <summary>
/// Shares this node's load: it subscribes to the node's <c>SystemLoad</c> actor, writes the latest
/// snapshot as a <see cref="NodeLoad"/> into one Distributed Data map every
/// <c>load.publish-interval</c>, keeps the <see cref="LoadBoard"/> up to date from the map, and
/// deletes the entries of nodes removed from the cluster. A <see cref="LoadOverride"/> that is set
/// replaces the snapshot.
/// </summary>
internal sealed class LoadPublisher : ReceiveActor, IWithTimers
{
    public static readonly LWWDictionaryKey<string, NodeLoad> Key = new("actor-pool-node-load");

    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly UniqueAddress _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly LoadOverride _override;
    private LoadSnapshot? _latest;

    public LoadPublisher(LoadBoard board, TimeSpan interval, LoadOverride loadOverride)
    {
        _override = loadOverride;
        Receive<LoadSnapshot>(snapshot => _latest = snapshot);
        Receive<Tick>(_ => Publish());
        Receive<Changed>(changed => board.Set(changed.Get(Key).Entries.ToImmutableDictionary()));
        Receive<ClusterEvent.MemberRemoved>(removed => _replicator.Tell(Dsl.Update(Key, LWWDictionary<string, NodeLoad>.Empty,
            WriteLocal.Instance, map => map.Remove(_self, removed.Member.Address.ToString()))));
        Receive<IUpdateResponse>(_ => { });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Timers!.StartPeriodicTimer(Tick.Instance, Tick.Instance, interval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(LoadBoard board, TimeSpan interval, LoadOverride loadOverride) =>
        Akka.Actor.Props.Create(() => new LoadPublisher(board, interval, loadOverride));

    protected override void PreStart()
    {
        ActorPools.Get(Context.System).SystemLoad.Tell(new SubscribeLoad(Self));
        _replicator.Tell(Dsl.Subscribe(Key, Self));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
    }

    protected override void PostStop()
    {
        ActorPools.Get(Context.System).SystemLoad.Tell(new UnsubscribeLoad(Self));
        _cluster.Unsubscribe(Self);
    }

    private void Publish()
    {
        if (Current() is not { } load)
        {
            return;
        }
        _replicator.Tell(Dsl.Update(Key, LWWDictionary<string, NodeLoad>.Empty, WriteLocal.Instance,
            map => map.SetItem(_self, load.Address, load)));
    }

    private NodeLoad? Current()
    {
        var address = _cluster.SelfAddress.ToString();
        if (_override.Source is { } source)
        {
            try
            {
                return source() with { Address = address };
            }
            catch (Exception e)
            {
                // A broken source must not stop the node: keep the last shared value until it recovers.
                ClusterLog.LoadSourceFailed(_log, address, e);
                return null;
            }
        }
        return _latest is { } snapshot
            // Overloaded over the whole history window, not just now: a group moves for a sustained
            // overload, never for a moment's scheduling lag (a move costs a hand-off).
            ? new NodeLoad(address, snapshot.Cpu, snapshot.Memory, snapshot.HistoricallyOverloaded, snapshot.Timestamp)
            : null;
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
