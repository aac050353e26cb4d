using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// One per lease: soft expiry (warn the holder), hard expiry one grace later (revoke), renewals,
/// and DeathWatch on the holder. Started at the grant; the grant never waits for it.
/// </summary>
internal sealed class LeaseActor : ReceiveActor, IWithTimers
{
    private const string ExpiryTimer = "expiry";
    private readonly LeasedExecutor _lease;
    private readonly IActorRef? _holder;
    private readonly string _supervisorPath;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _warned;

    public LeaseActor(LeasedExecutor lease, IActorRef? holder, string supervisorPath)
    {
        _lease = lease;
        _holder = holder;
        _supervisorPath = supervisorPath;
        Receive<SoftDue>(_ => OnSoftDue());
        Receive<HardDue>(_ => OnHardDue());
        Receive<Renew>(OnRenew);
        Receive<Terminated>(t => t.ActorRef.Equals(_holder), _ => _lease.HolderStopped());
        Receive<PoolLost>(_ => _holder?.Tell(new LeaseRevoked(_lease.LeaseId)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(LeasedExecutor lease, IActorRef? holder, string supervisorPath) =>
        Akka.Actor.Props.Create(() => new LeaseActor(lease, holder, supervisorPath));

    protected override void PreStart()
    {
        if (_holder is not null)
        {
            Context.Watch(_holder);
        }
        Arm();
    }

    private void Arm() => Arm(_lease.Terms.Read());

    private void Arm(LeaseDeadlines now)
    {
        if (_warned)
        {
            Timers.StartSingleTimer(ExpiryTimer, HardDue.Instance, Clamp(now.UntilHardExpiry));
        }
        else
        {
            Timers.StartSingleTimer(ExpiryTimer, SoftDue.Instance, Clamp(now.UntilSoftExpiry));
        }
    }

    private void OnSoftDue()
    {
        // A released lease (finishing its work) is neither warned nor revoked: re-arming it past
        // its deadline would only spin on zero-delay timers until the pool comes back.
        if (!_lease.IsActive)
        {
            return;
        }
        var now = _lease.Terms.Read();
        if (now.SoftExpired)
        {
            _warned = true;
            var untilRevoke = Clamp(now.UntilHardExpiry);
            _log.Warning("{0} on {1} expired; it is revoked in {2} unless renewed", _lease.LeaseId, _lease.PoolName, untilRevoke);
            _holder?.Tell(new LeaseExpiring(_lease.LeaseId, untilRevoke));
            Publish(LeaseStep.Expiring, $"expired; revoked in {untilRevoke} unless renewed");
        }
        Arm(now);
    }

    private void OnHardDue()
    {
        if (!_lease.IsActive)
        {
            return;
        }
        var now = _lease.Terms.Read();
        if (!now.HardExpired)
        {
            // Renewed during the grace: the lease lives on.
            _warned = now.SoftExpired;
            Arm(now);
            return;
        }
        if (_lease.Revoke())
        {
            _log.Warning("{0} on {1} revoked at hard expiry; its work is cancelled", _lease.LeaseId, _lease.PoolName);
            _holder?.Tell(new LeaseRevoked(_lease.LeaseId));
        }
    }

    private void OnRenew(Renew renew)
    {
        try
        {
            // Released, returned or revoked: the executor knows which (a returned lease was released, not revoked).
            if (_lease.EndedError() is { } ended)
            {
                throw ended;
            }
            var renewed = _lease.Terms.Renew(_lease.LeaseId, renew.Extra);
            _warned = renewed.UntilSoftExpiry <= TimeSpan.Zero;
            Arm(new LeaseDeadlines(renewed.UntilSoftExpiry, renewed.UntilHardExpiry));
            Publish(LeaseStep.Renewed, renewed.Capped
                ? $"renewed to {renewed.UntilSoftExpiry}, capped by actor-pool.lease.max-total"
                : $"renewed to {renewed.UntilSoftExpiry}");
            renew.Reply?.TrySetResult(renewed);
            renew.ReplyTo.Tell(renewed);
        }
        catch (Exception e)
        {
            renew.Reply?.TrySetException(e);
            renew.ReplyTo.Tell(new Status.Failure(e));
        }
    }

    private void Publish(LeaseStep step, string detail) =>
        Context.System.EventStream.Publish(new LeaseChanged(_supervisorPath, _lease.LeaseId, _lease.PoolName, _lease.Holder, step, detail));

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    /// <summary>Renews by <see cref="Extra"/>; answered through <see cref="Reply"/> or to <see cref="ReplyTo"/>.</summary>
    internal sealed record Renew(TimeSpan Extra, TaskCompletionSource<LeaseRenewed>? Reply, IActorRef ReplyTo)
        : INoSerializationVerificationNeeded;

    /// <summary>The lease's pool actor was stopped from outside: the lease is over, tell its holder.</summary>
    internal sealed class PoolLost
    {
        public static readonly PoolLost Instance = new();
    }

    private sealed class SoftDue
    {
        public static readonly SoftDue Instance = new();
    }

    private sealed class HardDue
    {
        public static readonly HardDue Instance = new();
    }
}
