using ActorPool.Internal.Workers;

namespace ActorPool.Internal.Leasing;

/// <summary>
/// Pools whose lease ended with its work cancelled (revoked, or released and cut off), each
/// watched until <c>lease.revoke-timeout</c> has passed: a job still running then ignores its
/// token, and the pool is reported stuck. Not thread-safe: the lease desk's lock guards it.
/// </summary>
internal sealed class StuckWatch
{
    private readonly List<Watched> _pools = [];

    public void Add(IPoolRuntime pool, long until, LeasedExecutor lease) =>
        _pools.Add(new Watched(pool, until, lease.LeaseId, lease.Holder));

    /// <summary>Takes the pools whose watch ended at or before <paramref name="now"/>; lowers <paramref name="next"/> to the earliest end left.</summary>
    public List<Watched>? TakeDue(long now, ref long next)
    {
        List<Watched>? due = null;
        for (var i = _pools.Count - 1; i >= 0; i--)
        {
            if (_pools[i].Until <= now)
            {
                (due ??= []).Add(_pools[i]);
                _pools.RemoveAt(i);
            }
            else
            {
                next = Math.Min(next, _pools[i].Until);
            }
        }
        return due;
    }

    /// <summary>A watched pool, with the lease and holder its Stuck event names.</summary>
    public sealed record Watched(IPoolRuntime Pool, long Until, string LeaseId, string Holder);
}
