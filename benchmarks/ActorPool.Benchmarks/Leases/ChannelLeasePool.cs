using System.Threading.Channels;

namespace ActorPool.Benchmarks.Leases;

/// <summary>
/// Npgsql's shape of a connector pool: a bounded <see cref="Channel{T}"/> of idle items, a
/// <c>TryRead</c> fast path, a <c>ReadAsync</c> slow path bounded by
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>, and <c>TryWrite</c> on release.
/// </summary>
public sealed class ChannelLeasePool<T>
    where T : class
{
    private readonly Channel<T> _idle;

    /// <summary>Creates the pool holding <paramref name="items"/>, all idle.</summary>
    public ChannelLeasePool(IReadOnlyCollection<T> items)
    {
        _idle = Channel.CreateBounded<T>(new BoundedChannelOptions(items.Count)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        foreach (var item in items)
        {
            if (!_idle.Writer.TryWrite(item))
            {
                throw new InvalidOperationException("the channel refused an item below its capacity");
            }
        }
    }

    /// <summary>Takes an idle item, waiting up to <paramref name="waitUpTo"/> for one.</summary>
    /// <returns>The item, or null when none came free in time.</returns>
    public ValueTask<T?> TryAcquireAsync(TimeSpan waitUpTo) =>
        _idle.Reader.TryRead(out var item) ? new ValueTask<T?>(item) : WaitAsync(waitUpTo);

    /// <summary>Gives <paramref name="item"/> back.</summary>
    public void Release(T item)
    {
        if (!_idle.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("the channel is full: an item was released twice");
        }
    }

    private async ValueTask<T?> WaitAsync(TimeSpan waitUpTo)
    {
        using var timeout = new CancellationTokenSource();
        timeout.CancelAfter(waitUpTo);
        try
        {
            return await _idle.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }
}
