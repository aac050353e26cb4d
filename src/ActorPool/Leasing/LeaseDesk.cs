using ActorPool.Internal.Supervision;
using ActorPool.Internal.Workers;
using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>What the lease desk needs from the supervisor actor it serves.</summary>
internal interface ILeaseHost
{
    IActorRef Self { get; }

    string Path { get; }

    IActorRef StartLeaseActor(LeasedExecutor lease, IActorRef? holder);

    void ScheduleWaiter(long waiterId, TimeSpan delay);

    void CancelWaiter(long waiterId);

    void Publish(PoolEvent poolEvent);
}

/// <summary>
/// Grants, queues and ends leases for one supervisor. A grant takes an idle shared pool, or starts
/// a new one below max-pools, and answers at once: the lease's actor is started alongside and the
/// grant never waits for it. Requests that find no pool wait in strict arrival order.
/// </summary>
internal sealed class LeaseDesk(PoolSettings settings, PoolSet pools, LeaseBook book, TimeProvider clock, ILeaseHost host)
{
    public LeaseBook Book => book;

    /// <summary>Validates, then grants at once, queues, or refuses.</summary>
    public void Acquire(AcquireLease request, IActorRef sender)
    {
        if (Invalid(request) is { } error)
        {
            sender.Tell(new Status.Failure(error));
            return;
        }
        var holder = HolderOf(request, sender);
        if (book.Waiting == 0 && TryGrant(request, sender, holder))
        {
            return;
        }
        if (request.WaitUpTo == TimeSpan.Zero)
        {
            sender.Tell(new Status.Failure(Unavailable(TimeSpan.Zero)));
            return;
        }
        var waiter = book.Wait(request, sender, holder);
        host.ScheduleWaiter(waiter.Id, request.WaitUpTo);
    }

    /// <summary>
    /// Serves waiters in order while pools can be had; returns whether any still wait. While one
    /// waits, a busy shared pool is reserved for it (it takes no new shared job and goes to the
    /// waiter once it runs dry); with nobody waiting, a reserved pool is shared again.
    /// </summary>
    public bool ServeWaiters()
    {
        while (book.PeekFirst() is { } first)
        {
            if (!TryGrant(first.Request, first.ReplyTo, first.Holder))
            {
                pools.ReserveForLease();
                return true;
            }
            book.RemoveFirst();
            host.CancelWaiter(first.Id);
        }
        pools.Unreserve();
        return false;
    }

    /// <summary>A waiter's timer fired: refuse it, unless the timer fired early (then wait the rest).</summary>
    public void WaiterDue(long waiterId)
    {
        if (book.Find(waiterId) is not { } waiter)
        {
            return;
        }
        var waited = book.Waited(waiter);
        if (waited < waiter.Request.WaitUpTo)
        {
            host.ScheduleWaiter(waiterId, waiter.Request.WaitUpTo - waited);
            return;
        }
        book.Remove(waiter);
        waiter.ReplyTo.Tell(new Status.Failure(Unavailable(waited)));
    }

    /// <summary>Grants <paramref name="pool"/>, already leased-mode, to the first waiter, if there is one.</summary>
    public bool HandOver(PoolEntry pool)
    {
        if (book.PeekFirst() is not { } first)
        {
            return false;
        }
        book.RemoveFirst();
        host.CancelWaiter(first.Id);
        Grant(pool, first.Request, first.ReplyTo, first.Holder);
        return true;
    }

    public void Stop()
    {
        foreach (var waiter in book.DrainWaiters())
        {
            waiter.ReplyTo.Tell(new Status.Failure(new LeaseUnavailableException("the pool supervisor stopped", book.Waited(waiter))));
        }
        foreach (var lease in book.Leases)
        {
            lease.Shutdown();
        }
    }

    /// <summary>Forwards a renewal to the lease's actor; an ended or unknown id is refused.</summary>
    public void Renew(RenewLease renew, IActorRef sender)
    {
        if (book.Find(renew.LeaseId) is { } lease)
        {
            lease.LeaseActor.Tell(new LeaseActor.Renew(renew.Extra, null, sender));
            return;
        }
        sender.Tell(new Status.Failure(book.WasGranted(renew.LeaseId)
            ? new LeaseReleasedException($"{renew.LeaseId} has ended")
            : Unknown(renew.LeaseId)));
    }

    /// <summary>Releases a lease; releasing an ended lease is idempotent, only an id never granted is an error.</summary>
    public void Release(ReleaseLease release, IActorRef sender)
    {
        if (book.Find(release.LeaseId) is { } lease)
        {
            lease.ReleaseAsync().PipeTo(sender, success: () => Akka.Done.Instance);
            return;
        }
        sender.Tell(book.WasGranted(release.LeaseId) ? Akka.Done.Instance : new Status.Failure(Unknown(release.LeaseId)));
    }

    private bool TryGrant(AcquireLease request, IActorRef replyTo, IActorRef? holder)
    {
        var pool = pools.TakeIdleForLease();
        if (pool is null && pools.Total < settings.MaxPools)
        {
            pool = pools.Start(PoolMode.Leased);
        }
        if (pool is null)
        {
            return false;
        }
        Grant(pool, request, replyTo, holder);
        return true;
    }

    private void Grant(PoolEntry pool, AcquireLease request, IActorRef replyTo, IActorRef? holder)
    {
        var holderName = holder?.Path.ToString() ?? "unwatched";
        var lease = new LeasedExecutor(book.NextLeaseId(), pool.Runtime, new LeaseTerms(clock, request.LeaseFor, settings.Lease), holderName, host.Self);
        pool.Lease = lease;
        book.Add(lease);
        lease.LeaseActor = host.StartLeaseActor(lease, holder);
        replyTo.Tell(new LeaseGranted(lease));
        host.Publish(new LeaseChanged(host.Path, lease.LeaseId, pool.Name, holderName, LeaseStep.Granted, $"granted for {request.LeaseFor}"));
    }

    private ArgumentException? Invalid(AcquireLease request)
    {
        if (request.LeaseFor <= TimeSpan.Zero)
        {
            return new ArgumentException($"AcquireLease leaseFor must be > 0, was: [{request.LeaseFor}]");
        }
        if (request.LeaseFor > settings.Lease.MaxTotal)
        {
            return new ArgumentException(
                $"AcquireLease leaseFor must be <= actor-pool.lease.max-total, was: [{request.LeaseFor}] > [{settings.Lease.MaxTotal}]");
        }
        return request.WaitUpTo < TimeSpan.Zero
            ? new ArgumentException($"AcquireLease waitUpTo must be >= 0, was: [{request.WaitUpTo}]")
            : null;
    }

    // The temporary actor behind an Ask dies at the reply: watching it would end the lease at once.
    private static IActorRef? HolderOf(AcquireLease request, IActorRef sender)
    {
        var holder = request.Holder ?? sender;
        if (holder is null || holder.IsNobody() || holder.Equals(ActorRefs.NoSender))
        {
            return null;
        }
        return holder.Path.Elements.Count > 0 && holder.Path.Elements[0] == "temp" ? null : holder;
    }

    private UnknownLeaseException Unknown(string leaseId) =>
        new($"unknown lease [{leaseId}]: {host.Path} has no active lease of that id");

    private LeaseUnavailableException Unavailable(TimeSpan waited)
    {
        var leased = pools.All.Count(p => p.Life == PoolLife.Leased);
        var draining = pools.Draining;
        var busy = pools.Total - leased - draining;
        return new LeaseUnavailableException(
            $"No pool to lease after {waited}: {leased} leased, {busy} busy, {draining} draining, " +
            $"of actor-pool.max-pools = {settings.MaxPools}.", waited);
    }
}
