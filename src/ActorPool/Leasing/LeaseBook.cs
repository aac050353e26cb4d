using Akka.Actor;

namespace ActorPool.Internal.Leasing;

/// <summary>A lease request waiting for a pool.</summary>
internal sealed record LeaseWaiter(long Id, AcquireLease Request, IActorRef ReplyTo, IActorRef? Holder, long ArrivedAt);

/// <summary>
/// The supervisor's lease books: active leases in grant order, and requests waiting for a pool in
/// strict arrival order.
/// </summary>
internal sealed class LeaseBook(TimeProvider clock)
{
    private readonly List<LeasedExecutor> _leases = [];
    private readonly LinkedList<LeaseWaiter> _waiters = new();
    private int _granted;
    private long _waiterIds;

    public IReadOnlyList<LeasedExecutor> Leases => _leases;

    public int Waiting => _waiters.Count;

    public string NextLeaseId() => $"lease-{++_granted}";

    /// <summary>Whether <paramref name="leaseId"/> was granted here once (ids are numbered, so no
    /// record of ended leases is kept).</summary>
    public bool WasGranted(string leaseId) =>
        leaseId.StartsWith("lease-", StringComparison.Ordinal)
        && int.TryParse(leaseId.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n >= 1 && n <= _granted;

    public void Add(LeasedExecutor lease) => _leases.Add(lease);

    public bool Remove(LeasedExecutor lease) => _leases.Remove(lease);

    public LeasedExecutor? Find(string leaseId) => _leases.Find(l => l.LeaseId == leaseId);

    public LeaseWaiter Wait(AcquireLease request, IActorRef replyTo, IActorRef? holder)
    {
        var waiter = new LeaseWaiter(++_waiterIds, request, replyTo, holder, clock.GetTimestamp());
        _waiters.AddLast(waiter);
        return waiter;
    }

    public LeaseWaiter? PeekFirst() => _waiters.First?.Value;

    public void RemoveFirst() => _waiters.RemoveFirst();

    public LeaseWaiter? Find(long waiterId)
    {
        for (var node = _waiters.First; node is not null; node = node.Next)
        {
            if (node.Value.Id == waiterId)
            {
                return node.Value;
            }
        }
        return null;
    }

    public void Remove(LeaseWaiter waiter) => _waiters.Remove(waiter);

    public IEnumerable<LeaseWaiter> DrainWaiters()
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            yield return first.Value;
        }
    }

    public TimeSpan Waited(LeaseWaiter waiter) => clock.GetElapsedTime(waiter.ArrivedAt);

    public IReadOnlyList<LeaseInfo> Infos() =>
        [.. _leases.Select(Info)];

    // One clock reading per lease, so its hard expiry is exactly one grace after its soft expiry.
    private static LeaseInfo Info(LeasedExecutor lease)
    {
        var now = lease.Terms.Read();
        return new LeaseInfo(lease.LeaseId, lease.PoolName, lease.Holder, now.UntilSoftExpiry, now.UntilHardExpiry, lease.IsReleasing);
    }
}
