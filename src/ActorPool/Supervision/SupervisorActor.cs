using ActorPool.Internal.Diagnostics;
using ActorPool.Internal.Sizing;
using ActorPool.Internal.Workers;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// The control plane's message switch: sizing, pool lifecycle, status and events. It never carries
/// a job (jobs go through the data plane on the caller's thread) and is never in a lease's way
/// (leases are granted and returned by the lease desk on the caller's thread). Its books live in
/// <see cref="SupervisorBooks"/>, which outlive the instance: a restart keeps pools, leases, units
/// and running jobs.
/// </summary>
internal sealed class SupervisorActor : ReceiveActor, IWithTimers
{
    private readonly SupervisorBooks _books;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SupervisorActor(PoolSettings settings, Func<int>? sizeProvider, TimeProvider clock, string? group = null)
    {
        var self = Self;
        var system = Context.System;
        _books = LocalSupervisors.GetOrAdd(self, () => new SupervisorBooks(settings, sizeProvider, clock, self, system, group));
        _books.Pools.Starter = StartPool;

        Receive<ScaleChanged>(OnScaleChanged);
        Receive<Ticks.Check>(_ => Logged(_books.Resize(ReadSignal(), "check-interval")));
        Receive<Ticks.Decide>(_ => Logged(_books.Decide("decision-interval", reconcile: true)));
        Receive<Ticks.CapabilityWanted>(_ => Logged(_books.Decide("jobs wait for a capability", reconcile: true)));
        Receive<LoadSnapshot>(snapshot => _books.Load = snapshot);
        Receive<Submit>(submit => _books.Plane.Submit(submit, Sender));
        Receive<Internal.Dispatch.IPlaneMessage>(message => message.Enter(_books.Plane, Sender));
        Receive<GetPoolStatus>(_ => Sender.Tell(_books.Status()));
        Receive<AwaitSettled>(_ => _books.AwaitSettled(Sender));
        Receive<GetBooks>(_ => Sender.Tell(new BooksOf(_books)));
        Receive<AcquireLease>(request => Acquire(request.LeaseFor, request.WaitUpTo, request.Holder));
        Receive<AcquireDefaultLease>(request => Acquire(_books.Settings.Lease.DefaultDuration, request.WaitUpTo, named: null));
        Receive<RenewLease>(OnRenew);
        Receive<ReleaseLease>(OnRelease);
        Receive<PoolsChanged>(_ => _books.Changed());
        Receive<PoolEnded>(ended =>
        {
            _books.PoolEnded(ended.Pool);
            StopIfDrained();
        });
        Receive<KillWorkers>(_ =>
        {
            Log.WorkersKilled(_log, Self.Path.Name, _books.Pools.Total);
            Reply(_books.KillWorkers);
        });
        Receive<StopGracefully>(_ =>
        {
            _books.StopGracefully(Sender);
            StopIfDrained();
        });
        Receive<UpdateSettings>(update => Apply(update.From(_books.Settings)));
        Receive<SetPoolBounds>(OnSetPoolBounds);
        Receive<Terminated>(OnTerminated);
        Receive<Run>(OnRun);
        Receive<Pause>(_ => _books.Runs.PauseAsync().PipeTo(Sender, success: () => Akka.Done.Instance));
        Receive<Resume>(_ => Reply(_books.Runs.Resume));
        Receive<Abort>(_ => Reply(() => _books.Runs.Abort()));
        Receive<FailInHandler>(fail => throw fail.Error);
        Receive<Ticks.LogState>(_ => Log.StateLine(_log, Self.Path.Name, _books.Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A pool actor that throws (or is killed) is restarted: its runtime lives outside the actor
        // instance, so nothing running is lost. The pool actor logs its own warning on restart, so
        // the strategy's error log is off: one crash, one line.
        new OneForOneStrategy(-1, -1, _ => Directive.Restart, loggingEnabled: false);

    /// <summary>
    /// No exception escapes a handler: the sender is answered with it, and the books stand. After
    /// every message that may change them, the books are published for readers on other threads.
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return ReceiveGuarded(receive, message);
        }
        finally
        {
            // A job sent by Tell only passes through to the data plane, whose counters the status
            // reads live: publishing for it would cost an allocation per job. Reads change nothing.
            if (message is not (Submit or Internal.Dispatch.IPlaneMessage or GetPoolStatus or GetBooks))
            {
                _books.PublishView();
            }
        }
    }

    private bool ReceiveGuarded(Receive receive, object message)
    {
        if (message is CrashSupervisor)
        {
            throw new InvalidOperationException("crash requested by a test");
        }
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception e)
        {
            // A refused request (invalid input) is the sender's to handle: one warning line. Anything
            // else thrown here is a bug of ours: an error with its stack trace.
            if (e is ArgumentException)
            {
                Log.RequestRefused(_log, Self.Path.Name, message.GetType().Name, e);
            }
            else
            {
                Log.RequestFailed(_log, Self.Path.Name, message.GetType().Name, e);
            }
            if (!Sender.IsNobody() && !Sender.Equals(Context.System.DeadLetters))
            {
                Sender.Tell(new Status.Failure(e is ArgumentException ? e : new ArgumentException($"{message.GetType().Name} could not be handled: {e.Message}", e)));
            }
            return true;
        }
    }

    protected override void PreStart()
    {
        if (!_books.Started)
        {
            _books.Started = true;
            // Read through ReadSignal, so a provider that fails from the start is published too.
            Logged(_books.Resize(ReadSignal(), "start"));
        }
        StartTimers();
        _books.PublishView();
    }

    /// <summary>The periodic ticks and the load subscription, as the current settings ask; again after an update.</summary>
    private void StartTimers()
    {
        Timers.StartPeriodicTimer("check", Ticks.Check.Instance, _books.Settings.CheckInterval);
        Timers.StartPeriodicTimer("decide", Ticks.Decide.Instance, _books.Settings.Sizing.DecisionInterval);
        // Every supervisor subscribes, whatever its policy: its status, state line and meters show the load.
        SubscribeToLoad();
        if (_books.Settings.LoggingEvery is { } every)
        {
            Timers.StartPeriodicTimer("log", Ticks.LogState.Instance, every);
        }
        else
        {
            Timers.Cancel("log");
        }
    }

    /// <summary>New settings, checked by the caller (a failure is answered by <see cref="AroundReceive"/> and changes nothing), applied whole.</summary>
    private void Apply(PoolSettings next)
    {
        Internal.Supervision.SettingsUpdate.Apply(_books, next);
        StartTimers();
        Logged(_books.Decide("settings updated", reconcile: false));
        _books.Changed();
        Sender.Tell(Akka.Done.Instance);
    }

    /// <summary>New bounds through the settings update: checked whole first, so an invalid pair changes nothing.</summary>
    private void OnSetPoolBounds(SetPoolBounds bounds)
    {
        var before = _books.Settings;
        var next = (before with { MinPools = bounds.MinPools, MaxPools = bounds.MaxPools }).Validate();
        Log.BoundsChanged(_log, Self.Path.Name, before.MinPools, before.MaxPools, next.MinPools, next.MaxPools);
        Apply(next);
    }

    /// <summary>Once a graceful stop has drained every pool: answer whoever asked, then stop.</summary>
    private void StopIfDrained()
    {
        if (_books.StoppingFor is not { } waiting || _books.Pools.Total > 0)
        {
            return;
        }
        foreach (var asker in waiting)
        {
            asker.Tell(Akka.Done.Instance);
        }
        Context.Stop(Self);
    }

    /// <summary>
    /// The one place where the supervisor subscribes to the system's load, called at every start
    /// (a restart subscribes again; subscribing twice has no further effect), whatever the policy:
    /// a policy that does not read the load still shows it in the status. Snapshots arrive as <see cref="LoadSnapshot"/> messages, and a test
    /// or an application may send them too.
    /// </summary>
    private void SubscribeToLoad()
    {
        try
        {
            // The shared SystemLoad watches its subscribers: nothing to undo in PostStop.
            ActorPools.Get(Context.System).SystemLoad.Tell(new SubscribeLoad(Self));
        }
        catch (ArgumentException e)
        {
            // An invalid actor-pool.system-load block: the policy sizes on unknown load (no veto,
            // no memory step-down) rather than the supervisor failing to start its pools.
            Log.LoadUnavailable(_log, Self.Path.Name, _books.Loop.PolicyName, e.Message);
        }
    }

    // The pools (children), leases and data plane outlive a restart: neither stop the children nor
    // run PostStop, as the default would.
    protected override void PreRestart(Exception reason, object message) =>
        Log.SupervisorRestarted(_log, Self.Path.Name, reason);

    protected override void PostStop()
    {
        LocalSupervisors.Remove(Self, _books);
        _books.Stop();
    }

    private PoolEntry StartPool(string name, PoolMode mode, Internal.Dispatch.Requirement capabilities)
    {
        var settings = _books.Settings;
        var runtime = PoolRuntimes.Start(new PoolStart(
            name, $"{Self.Path.Name}-{name}", settings.WorkersPerPool, mode, _books.Plane.SharedWorkers, capabilities,
            settings.Workers, _books.Clock, Context.System, _log, _books.Path, _books.Publish, _books.Meter));
        // Watched, so a pool actor stopped from outside is not left counted as a live pool.
        return new PoolEntry(runtime, Context.Watch(Context.ActorOf(ExecutorPoolActor.Props(runtime, _books.Path), name)));
    }

    private void OnRun(Run run)
    {
        try
        {
            _books.Runs.Start(run.Source).Completion.PipeTo(Sender);
        }
        catch (InvalidOperationException e)
        {
            Sender.Tell(new Status.Failure(e));
        }
    }

    private void Reply(Action act)
    {
        act();
        Sender.Tell(Akka.Done.Instance);
    }

    private void OnScaleChanged(ScaleChanged message)
    {
        if (message.IsRecheck)
        {
            Logged(_books.Resize(ReadSignal(), "ScaleChanged(recheck)"));
        }
        else
        {
            Logged(_books.Resize(message.Units!.Value, message.ToString()));
        }
    }

    private void Logged(ScalingDecision? decision)
    {
        if (decision?.Policy == SizingPipeline.Failed)
        {
            // Published only when the deciding policy changes, so this is once per run of failures.
            Log.SizingPolicyFailed(_log, Self.Path.Name, decision.Previous, decision.Rationale);
        }
        else if (decision is not null && decision.Desired != decision.Previous)
        {
            Log.PoolsResized(_log, Self.Path.Name, decision.Policy, decision.Previous, decision.Desired, decision.Reason, decision.Rationale);
        }
    }

    private int ReadSignal()
    {
        var (units, signalEvent) = _books.Signal.Read(_books.Units);
        if (signalEvent is SignalFailed failed)
        {
            Log.SizeSignalFailed(_log, Self.Path.Name, failed.Error, failed.UnitsUsed);
        }
        if (signalEvent is not null)
        {
            _books.Publish(signalEvent);
        }
        return units;
    }

    private void Acquire(TimeSpan leaseFor, TimeSpan waitUpTo, IActorRef? named)
    {
        var holder = HolderOf(named ?? Sender);
        if (holder is not null)
        {
            Context.Watch(holder);
        }
        _books.Desk.Acquire(leaseFor, waitUpTo, holder, Sender);
    }

    private void OnRenew(RenewLease renew)
    {
        if (_books.Desk.Find(renew.LeaseId) is not { } lease)
        {
            Sender.Tell(new Status.Failure(_books.Desk.WasGranted(renew.LeaseId)
                ? new LeaseReleasedException($"{renew.LeaseId} has ended")
                : Unknown(renew.LeaseId)));
            return;
        }
        lease.RenewAsync(renew.Extra).PipeTo(Sender);
    }

    /// <summary>Releases a lease; releasing an ended lease is idempotent, only an id never granted is an error.</summary>
    private void OnRelease(ReleaseLease release)
    {
        if (_books.Desk.Find(release.LeaseId) is { } lease)
        {
            lease.ReleaseAsync().PipeTo(Sender, success: () => Akka.Done.Instance);
            return;
        }
        Sender.Tell(_books.Desk.WasGranted(release.LeaseId) ? Akka.Done.Instance : new Status.Failure(Unknown(release.LeaseId)));
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_books.PoolActorStopped(terminated.ActorRef) is { } pool)
        {
            var name = pool.Name;
            pool.Runtime.Terminated.PipeTo(Self, success: () => new PoolEnded(name));
            return;
        }
        _books.Desk.HolderStopped(terminated.ActorRef);
    }

    // The temporary actor behind an Ask dies at the reply: watching it would end the lease at once.
    private static IActorRef? HolderOf(IActorRef? holder)
    {
        if (holder is null || holder.IsNobody() || holder.Equals(ActorRefs.NoSender))
        {
            return null;
        }
        return holder.Path.Elements.Count > 0 && holder.Path.Elements[0] == "temp" ? null : holder;
    }

    private UnknownLeaseException Unknown(string leaseId) =>
        new($"unknown lease [{leaseId}]: {_books.Path} has no active lease of that id");
}
