using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.Sizing;
using ActorPool.Internal.Workers;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// The control plane: sizing, pool lifecycle, the lease desk, status and events. It never carries
/// a job: jobs go through the <see cref="DataPlane"/> on the caller's thread, and a
/// <see cref="Submit"/> message only enters that same path from here.
/// </summary>
internal sealed class SupervisorActor : ReceiveActor, IWithTimers, ILeaseHost
{
    private readonly PoolSettings _settings;
    private readonly SizeSignal _signal;
    private readonly DataPlane _plane;
    private readonly PoolSet _pools;
    private readonly LeaseDesk _desk;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _awaitingSettled = [];
    private int _units;
    private int _desired;

    public SupervisorActor(PoolSettings settings, Func<int>? sizeProvider, TimeProvider clock)
    {
        _settings = settings;
        Path = Self.Path.ToStringWithoutAddress();
        _signal = new SizeSignal(sizeProvider, settings.OnSignalFailure, Path);
        _plane = new DataPlane(settings.MaxQueuedJobs, Self);
        _pools = new PoolSet(StartPool, Publish, Path);
        _desk = new LeaseDesk(settings, _pools, new LeaseBook(clock), clock, this);
        _desired = settings.DesiredPools(0);
        DataPlanes.Register(Self, _plane);

        Receive<ScaleChanged>(OnScaleChanged);
        Receive<Ticks.Check>(_ => Resize(ReadSignal(), "check-interval"));
        Receive<Submit>(submit => _plane.Submit(submit, Sender));
        Receive<DrainOverflow>(_ => _plane.DrainOverflow());
        Receive<GetPoolStatus>(_ => Sender.Tell(Status()));
        Receive<AwaitSettled>(_ => OnAwaitSettled());
        Receive<GetDataPlane>(_ => Sender.Tell(new DataPlaneOf(_plane)));
        Receive<AcquireLease>(request => { _desk.Acquire(request, Sender); Changed(); });
        Receive<AcquireDefaultLease>(request => { _desk.Acquire(new AcquireLease(_settings.Lease.DefaultDuration, request.WaitUpTo), Sender); Changed(); });
        Receive<RenewLease>(renew => _desk.Renew(renew, Sender));
        Receive<ReleaseLease>(release => _desk.Release(release, Sender));
        Receive<LeaseReturned>(OnLeaseReturned);
        Receive<LeaseWasRevoked>(OnLeaseRevoked);
        Receive<PoolEnded>(OnPoolEnded);
        Receive<Terminated>(OnChildTerminated);
        Receive<PoolIdle>(_ => Changed());
        Receive<Ticks.WaiterDue>(due => { _desk.WaiterDue(due.Waiter); Changed(); });
        Receive<Ticks.StuckDue>(OnStuckDue);
        Receive<Ticks.LogState>(_ => _log.Info(StatusBuilder.StateLine(Self.Path.Name, Status())));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public string Path { get; }

    IActorRef ILeaseHost.Self => Self;

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A pool or lease actor that throws (or is killed) is restarted: its runtime and deadlines
        // live outside the actor instance, so nothing running is lost.
        new OneForOneStrategy(_ => Directive.Restart);

    protected override void PreStart()
    {
        // Read through ReadSignal, so a provider that fails from the start is published too.
        _units = ReadSignal();
        _desired = _settings.DesiredPools(_units);
        _pools.Reconcile(_desired, _settings.MaxPools);
        _plane.Publish(_pools.Table());
        Timers.StartPeriodicTimer("check", Ticks.Check.Instance, _settings.CheckInterval);
        if (_settings.LoggingInterval is { } every)
        {
            Timers.StartPeriodicTimer("log", Ticks.LogState.Instance, every);
        }
    }

    protected override void PostStop()
    {
        DataPlanes.Unregister(Self, _plane);
        _plane.Stop(new OperationCanceledException($"the pool supervisor {Path} stopped before the job started"));
        _desk.Stop();
    }

    IActorRef ILeaseHost.StartLeaseActor(LeasedExecutor lease, IActorRef? holder) =>
        Context.ActorOf(LeaseActor.Props(lease, holder, Path), lease.LeaseId);

    void ILeaseHost.ScheduleWaiter(long waiterId, TimeSpan delay) =>
        Timers.StartSingleTimer($"waiter-{waiterId}", new Ticks.WaiterDue(waiterId), delay);

    void ILeaseHost.CancelWaiter(long waiterId) => Timers.Cancel($"waiter-{waiterId}");

    public void Publish(PoolEvent poolEvent) => Context.System.EventStream.Publish(poolEvent);

    private PoolEntry StartPool(string name, PoolMode mode)
    {
        var runtime = new WorkerPool(name, $"{Self.Path.Name}-{name}", _settings.WorkersPerPool, mode);
        // Watched, so a pool actor stopped from outside is not left counted as a live pool.
        return new PoolEntry(runtime, Context.Watch(Context.ActorOf(ExecutorPoolActor.Props(runtime, Path), name)));
    }

    private void OnScaleChanged(ScaleChanged message)
    {
        if (message.IsRecheck)
        {
            Resize(ReadSignal(), "ScaleChanged(recheck)");
        }
        else
        {
            Resize(message.Units!.Value, message.ToString());
        }
    }

    private int ReadSignal()
    {
        var (units, signalEvent) = _signal.Read(_units);
        if (signalEvent is SignalFailed failed)
        {
            _log.Warning("{0}: the size signal failed ({1}); using {2} units", Self.Path.Name, failed.Error, failed.UnitsUsed);
        }
        if (signalEvent is not null)
        {
            Publish(signalEvent);
        }
        return units;
    }

    private void Resize(int units, string reason)
    {
        _units = units;
        var desired = _settings.DesiredPools(units);
        if (desired != _desired)
        {
            Publish(new ScalingDecision(Path, "units", units, _desired, desired, reason));
            _desired = desired;
        }
        Changed();
    }

    /// <summary>After any change: serve lease waiters first, then move the pools to the target.</summary>
    private void Changed()
    {
        var waiting = _desk.ServeWaiters();
        _pools.Reconcile(_desired, _settings.MaxPools);
        // Grants, returns and ended pools change the shared set too: publish on every change.
        _plane.Publish(_pools.Table());
        if (waiting)
        {
            // Busy shared and reserved pools say once when they run dry, so a waiter gets the first idle one.
            // Self is captured here: the notice runs on a worker thread, where reading Self throws
            // (no actor context) and would take the process down.
            var self = Self;
            foreach (var pool in _pools.All.Where(p => p.Life is PoolLife.Shared or PoolLife.Reserved))
            {
                pool.Runtime.NotifyWhenIdle(() => self.Tell(PoolIdle.Instance));
            }
        }
        ReplySettled();
    }

    private void OnLeaseReturned(LeaseReturned returned)
    {
        var lease = returned.Lease;
        EndLease(lease, returned.Step, returned.Step == LeaseStep.Released ? "released" : "holder stopped; queued work cancelled");
        if (_pools.Find(lease.PoolName) is not { Life: PoolLife.Leased } pool || pool.Lease != lease)
        {
            Changed();
            return;
        }
        if (!_desk.HandOver(pool))
        {
            if (_pools.Active > _desired)
            {
                _pools.Drain(pool, $"returned by {lease.LeaseId} above target {_desired}");
            }
            else
            {
                PoolSet.ReturnToShared(pool);
            }
        }
        Changed();
    }

    private void OnLeaseRevoked(LeaseWasRevoked revoked)
    {
        var lease = revoked.Lease;
        EndLease(lease, LeaseStep.Revoked, "revoked at hard expiry; queued work failed, running work cancelled");
        if (_pools.Find(lease.PoolName) is { } pool && pool.Lease == lease)
        {
            _pools.Drain(pool, $"{lease.LeaseId} revoked");
            Timers.StartSingleTimer($"stuck-{pool.Name}", new Ticks.StuckDue(pool.Name, lease.LeaseId, lease.Holder), _settings.Lease.RevokeTimeout);
        }
        Changed();
    }

    private void EndLease(LeasedExecutor lease, LeaseStep step, string detail)
    {
        if (!_desk.Book.Remove(lease))
        {
            return;
        }
        // A poison pill, not Stop: renewals already forwarded to the lease's actor are answered first.
        lease.LeaseActor.Tell(PoisonPill.Instance);
        Publish(new LeaseChanged(Path, lease.LeaseId, lease.PoolName, lease.Holder, step, detail));
    }

    private void OnStuckDue(Ticks.StuckDue due)
    {
        if (_pools.Find(due.Pool) is not { Life: PoolLife.Draining } pool || pool.Runtime.Pending == 0)
        {
            return;
        }
        pool.Stuck = true;
        _log.Warning("{0}: {1} is stuck: {2} job(s) ignored cancellation for actor-pool.lease.revoke-timeout = {3}; it still counts against max-pools",
            Self.Path.Name, pool.Name, pool.Runtime.Pending, _settings.Lease.RevokeTimeout);
        Publish(new LeaseChanged(Path, due.LeaseId, pool.Name, due.Holder, LeaseStep.Stuck, $"{pool.Runtime.Pending} job(s) still running after {_settings.Lease.RevokeTimeout}"));
    }

    private void OnPoolEnded(PoolEnded ended)
    {
        if (_pools.Find(ended.Pool) is { } pool)
        {
            Timers.Cancel($"stuck-{pool.Name}");
            _pools.Remove(pool);
        }
        Changed();
    }

    /// <summary>
    /// A pool actor stopped while still booked: stopped from outside, its runtime shut down in its
    /// PostStop, so the pool drains, counted until its threads have ended. (A pool that ended on its
    /// own may be seen here before its <see cref="PoolEnded"/>: it is draining already, and the
    /// second <see cref="PoolEnded"/> finds nothing to remove.)
    /// </summary>
    private void OnChildTerminated(Terminated terminated)
    {
        if (_pools.All.FirstOrDefault(p => p.Actor.Equals(terminated.ActorRef)) is not { } pool)
        {
            return;
        }
        if (pool.Lease is { } lease)
        {
            lease.Shutdown();
            // Told before EndLease's poison pill, so the holder hears of it as of a revoke.
            lease.LeaseActor.Tell(LeaseActor.PoolLost.Instance);
            EndLease(lease, LeaseStep.Revoked, "its pool actor stopped; queued work failed");
        }
        if (pool.Life != PoolLife.Draining)
        {
            _pools.Drain(pool, "its pool actor stopped");
        }
        var name = pool.Name;
        pool.Runtime.Terminated.PipeTo(Self, success: () => new PoolEnded(name));
        Changed();
    }

    private void OnAwaitSettled()
    {
        _awaitingSettled.Add(Sender);
        ReplySettled();
    }

    private void ReplySettled()
    {
        if (_awaitingSettled.Count == 0 || _pools.Total != _desired || _pools.Draining > 0)
        {
            return;
        }
        var status = Status();
        foreach (var waiter in _awaitingSettled)
        {
            waiter.Tell(status);
        }
        _awaitingSettled.Clear();
    }

    private PoolStatus Status() => StatusBuilder.Build(_settings, _desired, _units, _pools, _desk.Book, _plane);
}
