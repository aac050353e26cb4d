using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorPool.Tests.PullMode;

/// <summary>A source over a queue of items; <c>task</c> handles one item on a worker.</summary>
internal sealed class QueueSource(int count, Func<int, CancellationToken, Task> task) : ITaskSource
{
    private int _running;
    private int _peak;

    public QueueSource(int count, Action<int> task)
        : this(count, (item, _) =>
        {
            task(item);
            return Task.CompletedTask;
        })
    {
    }

    public ConcurrentQueue<int> Items { get; } = new(Enumerable.Range(0, count));

    public ConcurrentQueue<long> Starts { get; } = new();

    public int Running => Volatile.Read(ref _running);

    public int Peak => Volatile.Read(ref _peak);

    public Func<ValueTask<bool>>? Ready { get; init; }

    public ValueTask<bool> IsTaskReadyAsync(CancellationToken cancellationToken) =>
        Ready?.Invoke() ?? ValueTask.FromResult(!Items.IsEmpty);

    public async Task RunTaskAsync(CancellationToken cancellationToken)
    {
        if (!Items.TryDequeue(out var item))
        {
            return;
        }
        Starts.Enqueue(Stopwatch.GetTimestamp());
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peak, running);
        try
        {
            await task(item, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public ValueTask<bool> IsFinishedAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Items.IsEmpty);

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var found = Interlocked.CompareExchange(ref target, value, seen);
            if (found == seen)
            {
                return;
            }
            seen = found;
        }
    }
}
