namespace ActorPool.Internal.Workers;

/// <summary>
/// The worker threads of one supervisor's pools that take shared jobs now: what the data plane
/// admits against. Kept by the pools themselves at each mode switch, so a lease taken on a caller's
/// thread changes admission at once, without waiting for the supervisor to publish a new table.
/// </summary>
internal sealed class SharedWorkers
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(int workers) => Interlocked.Add(ref _count, workers);
}
