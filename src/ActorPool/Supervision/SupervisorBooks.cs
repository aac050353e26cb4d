using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.PullMode;
using ActorPool.Internal.Sizing;
using ActorPool.Internal.Workers;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// Everything one supervisor knows: settings, units and target, pools, leases, the data plane. A
/// plain object that outlives the actor instance, so a supervisor that restarts keeps its pools,
/// leases, units and running jobs, as a pool's runtime outlives its actor.
/// </summary>
internal sealed class SupervisorBooks
{
    private readonly EventStream _events;
    private readonly List<IActorRef> _awaitingSettled = [];
    private readonly string? _group;

    public SupervisorBooks(PoolSettings settings, Func<int>? sizeProvider, TimeProvider clock, IActorRef self, ActorSystem system, string? group = null)
    {
        Settings = settings;
        Path = self.Path.ToStringWithoutAddress();
        System = system;
        _group = group;
        _events = system.EventStream;
        Signal = new SizeSignal(sizeProvider, settings.OnSignalFailure, Path);
        Plane = new DataPlane(settings.MaxQueuedJobs, new SharedWorkers(), clock, settings.Workers.JobTimeout);
        Pools = new PoolSet(self, Path, settings.MaxPools, Plane, Publish);
        Desk = new LeaseDesk(settings.Lease, clock, Pools, Publish, Logging.GetLogger(system, Path), Path) { JobTimeout = settings.Workers.JobTimeout };
        Runs = new PullRuns(Plane, settings.Pull, clock, Logging.GetLogger(system, Path), Path);
        Desired = settings.DesiredPools(0);
        Clock = clock;
        Loop = SizingLoop.Create(settings, Path);
        Load = LoadSnapshot.Unknown(clock.GetUtcNow());
        Plane.CapabilitiesRefusal = Loop.PolicyName == CapabilityPolicy.PolicyName
            ? null
            : $"capability pools are started by sizing.policy = capability, and this supervisor's is {Loop.PolicyName}";
        // Rare (the first job of a requirement to wait), so a message each time is cheap.
        Plane.Wanted = () => self.Tell(Ticks.CapabilityWanted.Instance);
        // Published before any pool exists, so a client that finds these books before the supervisor
        // has started sees its max-pools (a zero-wait lease then waits for the first pool, not refused).
        Plane.Publish(Pools.Publish(Desired));
        View = new SupervisorView(Frame());
    }

    public PoolSettings Settings { get; set; }

    /// <summary>The actor system the supervisor runs in.</summary>
    public ActorSystem System { get; }

    public string Path { get; }

    public SizeSignal Signal { get; set; }

    public DataPlane Plane { get; }

    public PoolSet Pools { get; }

    public LeaseDesk Desk { get; }

    /// <summary>The active pull-mode run, if any.</summary>
    public PullRuns Runs { get; }

    public int Units { get; set; }

    public TimeProvider Clock { get; }

    public SizingLoop Loop { get; set; }

    /// <summary>The latest load snapshot received; <see cref="LoadSnapshot.Unknown"/> until one arrives.</summary>
    public LoadSnapshot Load { get; set; }

    public int Desired { get; private set; }

    /// <summary>Under the <c>capability</c> policy, the pools wanted per capability set; null otherwise.</summary>
    public IReadOnlyDictionary<string, int>? DesiredByCapabilities { get; private set; }

    /// <summary>Whether the first incarnation has started its pools; a restart must not do it again.</summary>
    public bool Started { get; set; }

    public void Publish(PoolEvent poolEvent) => _events.Publish(poolEvent);

    /// <summary>Takes a new unit count and moves the pools to the sizing loop's target.</summary>
    public ScalingDecision? Resize(int units, string reason)
    {
        Units = units;
        var decision = Decide(reason);
        Changed();
        return decision;
    }

    /// <summary>
    /// Asks the sizing loop, from the live counters, and applies its count; the decision is returned
    /// (and published) when the count or the deciding policy changed. Reconciles only on a change.
    /// </summary>
    public ScalingDecision? Decide(string trigger, bool reconcile = false)
    {
        if (StoppingFor is not null)
        {
            return null;
        }
        var (decision, publish) = Loop.Decide(SizingObservation.Of(this, Clock.GetUtcNow()), trigger);
        // Under the capability policy, sets can trade pools at an unchanged total: published means changed.
        var changed = decision.Desired != Desired || (decision.PoolsByCapabilities is not null && publish);
        Desired = decision.Desired;
        DesiredByCapabilities = decision.PoolsByCapabilities;
        if (publish)
        {
            Publish(decision);
        }
        if (changed && reconcile)
        {
            Changed();
        }
        return publish ? decision : null;
    }

    /// <summary>
    /// After any change: serve the lease line first (starting pools for it within max-pools), then
    /// move the shared pools to the target, then set a pool aside if requests still wait.
    /// </summary>
    public void Changed()
    {
        Pools.Noticed();
        Pools.AnnounceClosed();
        while (StoppingFor is null && Desk.Waiting > 0 && Pools.Total < Settings.MaxPools)
        {
            Desk.Offer(Pools.Start(PoolMode.Leased).Runtime);
        }
        Desk.RefuseImmediate();
        if (DesiredByCapabilities is { } sets)
        {
            Pools.Reconcile(sets);
        }
        else
        {
            Pools.Reconcile(Desired);
        }
        if (Desk.Waiting > 0)
        {
            Desk.Reserve(Pools.LeastBusyShared);
            // A shared pool that runs dry sooner than the reserved one serves the line too.
            foreach (var pool in Pools.All.Where(p => p.Runtime.Mode == PoolMode.Shared))
            {
                pool.Runtime.NotifyWhenIdle(Desk.Serve);
            }
        }
        else
        {
            Desk.Unreserve();
        }
        Plane.Publish(Pools.Publish(Desired));
        ReplySettled();
    }

    /// <summary>A pool's threads have ended: it no longer counts.</summary>
    public void PoolEnded(string name)
    {
        if (Pools.Find(name) is { } pool)
        {
            Pools.Remove(pool);
        }
        Changed();
    }

    /// <summary>
    /// A pool actor stopped while still booked: stopped from outside, its runtime shut down in its
    /// PostStop, so its lease ends as revoked and the pool drains, counted until its threads end.
    /// </summary>
    public PoolEntry? PoolActorStopped(IActorRef actor)
    {
        if (Pools.All.FirstOrDefault(p => p.Actor.Equals(actor)) is not { } pool)
        {
            return null;
        }
        Desk.PoolLost(pool.Runtime);
        pool.Runtime.Close();
        Pools.Announce(pool, "its pool actor stopped");
        Changed();
        return pool;
    }

    /// <summary>Replaces every pool's workers (<see cref="KillWorkers"/>).</summary>
    public void KillWorkers()
    {
        foreach (var pool in Pools.All)
        {
            pool.Runtime.KillWorkers();
        }
    }

    /// <summary>Who asked for a graceful stop, once one was asked for; the supervisor stops when every pool has ended.</summary>
    public List<IActorRef>? StoppingFor { get; private set; }

    /// <summary>
    /// Starts a graceful stop (<see cref="StopGracefully"/>): new jobs and leases are refused, and
    /// the target becomes zero pools, so shared pools drain and leased ones drain when returned.
    /// </summary>
    public void StopGracefully(IActorRef replyTo)
    {
        if (StoppingFor is { } already)
        {
            already.Add(replyTo);
            return;
        }
        StoppingFor = [replyTo];
        var reason = $"the pool supervisor {Path} is stopping gracefully";
        Plane.Refuse(new JobRejectedException($"Job rejected: {reason}."));
        Desk.Close(reason);
        Desired = 0;
        DesiredByCapabilities = null;
        Changed();
    }

    public void AwaitSettled(IActorRef replyTo)
    {
        _awaitingSettled.Add(replyTo);
        ReplySettled();
    }

    public PoolStatus Status() => StatusBuilder.Build(Frame());

    /// <summary>The status any thread may read; <see cref="PublishView"/> refreshes it.</summary>
    public SupervisorView View { get; }

    /// <summary>Publishes what the supervisor's own lists and counts hold now, after each message it handled.</summary>
    public void PublishView() => View.Publish(Frame());

    private SupervisorFrame Frame() => new(
        Path, System.Name, _group, [.. Pools.All], Desired, Units, Settings, Loop.PolicyName, Load, Pools.EndedPoolsJobs, Desk, Plane, Clock);

    /// <summary>The supervisor stopped for good: waiting jobs and lease requests fail, leases end.</summary>
    public void Stop()
    {
        Plane.Stop(new OperationCanceledException($"the pool supervisor {Path} stopped before the job started"));
        Desk.Stop();
    }

    private void ReplySettled()
    {
        if (_awaitingSettled.Count == 0)
        {
            return;
        }
        var status = Status();
        if (!status.Settled)
        {
            return;
        }
        foreach (var waiter in _awaitingSettled)
        {
            waiter.Tell(status);
        }
        _awaitingSettled.Clear();
    }
}
