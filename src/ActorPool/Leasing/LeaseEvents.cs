using ActorPool.Internal.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// What the world hears of a lease's life: the <see cref="LeaseChanged"/> events, the holder's
/// messages and the log lines, each step in one place with its wording. Safe from any thread.
/// </summary>
internal sealed class LeaseEvents(Action<PoolEvent> publish, ILoggingAdapter log, string supervisor, LeaseSettings settings)
{
    private GrantedDetail? _grantedDetail;

    public void Granted(LeasedExecutor lease, TimeSpan leaseFor)
    {
        // Leases mostly come in one length: the detail is formatted once per length, not per grant.
        var detail = Volatile.Read(ref _grantedDetail);
        if (detail is null || detail.LeaseFor != leaseFor)
        {
            detail = new GrantedDetail(leaseFor, $"granted for {Readable.Duration(leaseFor)}");
            Volatile.Write(ref _grantedDetail, detail);
        }
        Publish(lease, LeaseStep.Granted, detail.Text);
    }

    public void Expiring(LeasedExecutor lease, TimeSpan untilRevoke)
    {
        Log.LeaseExpired(log, lease.LeaseId, lease.PoolName, untilRevoke);
        // Published before the holder hears it: whatever the holder does next (renew, release)
        // then follows this event on the event stream, whichever thread it runs on.
        Publish(lease, LeaseStep.Expiring, $"expired; revoked in {Readable.Duration(untilRevoke)} unless renewed");
        lease.HolderRef?.Tell(new LeaseExpiring(lease.LeaseId, untilRevoke));
    }

    public void Renewed(LeasedExecutor lease, LeaseRenewed renewed) =>
        Publish(lease, LeaseStep.Renewed, renewed.Capped
            ? $"renewed to {Readable.Duration(renewed.UntilSoftExpiry)}, capped by actor-pool.lease.max-total"
            : $"renewed to {Readable.Duration(renewed.UntilSoftExpiry)}");

    /// <summary>A released lease gave its pool back (or its holder stopped).</summary>
    public void Returned(LeasedExecutor lease) =>
        Publish(lease, lease.EndStep, lease.EndStep == LeaseStep.Released ? "released" : "holder stopped; queued work cancelled");

    public void Revoked(LeasedExecutor lease, string why)
    {
        Log.LeaseRevoked(log, lease.LeaseId, lease.PoolName, why);
        Publish(lease, LeaseStep.Revoked, why);
        lease.HolderRef?.Tell(new LeaseRevoked(lease.LeaseId));
    }

    /// <summary>A released lease's work was cut off (it outlived the hard expiry, or the release was cancelled).</summary>
    public void CutOff(LeasedExecutor lease, string why) =>
        Publish(lease, LeaseStep.Released, $"released; {why}: queued work failed, running work cancelled");

    public void Stuck(StuckWatch.Watched watched, int pending)
    {
        var jobs = Readable.Count(pending, "job");
        var timeout = Readable.Duration(settings.RevokeTimeout);
        Log.LeasedPoolStuck(log, supervisor, watched.Pool.Name, jobs, timeout);
        publish(new LeaseChanged(supervisor, watched.LeaseId, watched.Pool.Name, watched.Holder, LeaseStep.Stuck,
            $"{jobs} still running {timeout} after the lease ended"));
    }

    private void Publish(LeasedExecutor lease, LeaseStep step, string detail) =>
        publish(new LeaseChanged(supervisor, lease.LeaseId, lease.PoolName, lease.Holder, step, detail));

    private sealed record GrantedDetail(TimeSpan LeaseFor, string Text);
}
