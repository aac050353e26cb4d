using System.Collections.Concurrent;

namespace ActorPool.Benchmarks.Leases;

/// <summary>
/// The baseline lease pool: a <see cref="SemaphoreSlim"/> counts the idle pools and a
/// <see cref="ConcurrentStack{T}"/> holds them. Acquire is <c>WaitAsync(timeout)</c> then
/// <c>TryPop</c>; release is <c>Push</c> then <c>Release</c>.
/// </summary>
public sealed class SemaphoreStackLeasePool<T> : IDisposable
    where T : class
{
    private readonly SemaphoreSlim _idleCount;
    private readonly ConcurrentStack<T> _idle;

    /// <summary>Creates the pool holding <paramref name="items"/>, all idle.</summary>
    public SemaphoreStackLeasePool(IReadOnlyCollection<T> items)
    {
        _idle = new ConcurrentStack<T>(items);
        _idleCount = new SemaphoreSlim(items.Count, items.Count);
    }

    /// <summary>Takes an idle item, waiting up to <paramref name="waitUpTo"/> for one.</summary>
    /// <returns>The item, or null when none came free in time.</returns>
    public async ValueTask<T?> TryAcquireAsync(TimeSpan waitUpTo)
    {
        if (!await _idleCount.WaitAsync(waitUpTo))
        {
            return null;
        }
        return _idle.TryPop(out var item)
            ? item
            : throw new InvalidOperationException("the semaphore let a taker in with no idle item on the stack");
    }

    /// <summary>Gives <paramref name="item"/> back.</summary>
    public void Release(T item)
    {
        _idle.Push(item);
        _idleCount.Release();
    }

    /// <inheritdoc/>
    public void Dispose() => _idleCount.Dispose();
}
