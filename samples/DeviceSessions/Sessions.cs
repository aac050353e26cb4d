using ActorPool;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Samples.DeviceSessions;

/// <summary>How a session treats its lease.</summary>
public enum SessionKind
{
    /// <summary>Releases its pool when done.</summary>
    Releases,

    /// <summary>Forgets to release: its lease expires, is warned, then revoked.</summary>
    Forgets,

    /// <summary>Crashes while holding its lease: the lease comes back at once.</summary>
    Crashes,
}

/// <summary>Starts a session for a device; <paramref name="Lost"/>, if given, completes once a revoked session has said so.</summary>
public sealed record Start(string Device, IActorRef Pools, SessionKind Kind, TaskCompletionSource? Lost = null);

/// <summary>
/// Parent of the sessions: a session that throws is stopped, not restarted, as a dead link is.
/// The crash is expected here, so it is logged as a warning rather than an error with a stack trace.
/// </summary>
public sealed class Sessions : ReceiveActor
{
    public Sessions()
    {
        Receive<Start>(s => Context.ActorOf(Props.Create(() => new Session(s.Pools, s.Kind, s.Lost)), s.Device));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(-1, -1, e =>
        {
            Context.GetLogger().Warning("a session stopped: {0}", e.Message);
            return Directive.Stop;
        }, loggingEnabled: false);
}

/// <summary>One connected device: it leases a pool and decodes its frames there.</summary>
public sealed class Session : ReceiveActor
{
    private readonly IActorRef _pools;
    private readonly SessionKind _kind;
    private readonly TaskCompletionSource? _lost;
    private ILeasedExecutor? _lease;

    public Session(IActorRef pools, SessionKind kind, TaskCompletionSource? lost = null)
    {
        _pools = pools;
        _kind = kind;
        _lost = lost;
        Receive<LeaseGranted>(OnGranted);
        Receive<Decoded>(OnDecoded);
        Receive<LeaseExpiring>(e => Say($"was warned: {e.LeaseId} is revoked in {e.UntilRevoke.TotalMilliseconds:0} ms unless renewed"));
        Receive<LeaseRevoked>(OnRevoked);
        Receive<Status.Failure>(f => Say($"got no pool: {f.Cause.Message}"));
    }

    private string Device => Self.Path.Name;

    protected override void PreStart()
    {
        #region device-sessions-acquire
        var leaseFor = _kind == SessionKind.Forgets ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
        // Sent from this actor, so this actor is the watched holder of the lease.
        _pools.Tell(new AcquireLease(leaseFor, TimeSpan.FromSeconds(5)), Self);
        #endregion
    }

    #region device-sessions-granted
    private void OnGranted(LeaseGranted granted)
    {
        _lease = granted.Executor;
        Say($"leased {_lease.PoolName} as {_lease.LeaseId}");
        // The job runs on the leased pool; its result comes back as a message, so this actor
        // never blocks waiting for it.
        _lease.SubmitAsync(() => new Decoded(Thread.CurrentThread.Name ?? "?")).PipeTo(Self);
    }
    #endregion

    private void OnDecoded(Decoded decoded)
    {
        Say($"decoded its frames on {decoded.Thread}");
        var lease = _lease!;
        switch (_kind)
        {
            case SessionKind.Releases:
                // The continuation runs outside the actor: it must not touch Self, so the name is captured.
                var device = Device;
                lease.ReleaseAsync().ContinueWith(_ => Console.WriteLine($"[{device}] released {lease.LeaseId}"), TaskScheduler.Default);
                break;
            case SessionKind.Forgets:
                Say($"forgets to release {lease.LeaseId}");
                break;
            default:
                Say("hits a corrupt frame and crashes");
                throw new InvalidOperationException($"corrupt frame from {Device}");
        }
    }

    private void OnRevoked(LeaseRevoked revoked)
    {
        var device = Device;
        var lost = _lost;
        _lease!.SubmitAsync(() => "late").ContinueWith(
            t =>
            {
                Console.WriteLine($"[{device}] lost {revoked.LeaseId}; a late submit fails with {t.Exception!.InnerException!.GetType().Name}");
                lost?.TrySetResult();
            },
            TaskScheduler.Default);
    }

    private void Say(string line) => Console.WriteLine($"[{Device}] {line}");

    private sealed record Decoded(string Thread);
}

/// <summary>Prints what the supervisor publishes about leases.</summary>
public sealed class LeasePrinter : ReceiveActor
{
    public LeasePrinter(TaskCompletionSource revoked)
    {
        Receive<LeaseChanged>(e =>
        {
            if (e.Step != LeaseStep.Granted)
            {
                Console.WriteLine($"  (pools) {e.LeaseId} on {e.Pool}: {e.Step}, {e.Detail}");
            }
            if (e.Step == LeaseStep.Revoked)
            {
                revoked.TrySetResult();
            }
        });
    }
}
