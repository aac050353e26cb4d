using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorPool.Samples.CrawlerRun;

/// <summary>A site of <see cref="Pages"/> pages: page n links to pages 3n+1, 3n+2 and 3n+3.</summary>
internal static class SimulatedSite
{
    public const int Pages = 1000;

    /// <summary>Fetches a page: a few milliseconds of I/O, then a little CPU to "parse" it.</summary>
    public static async Task<IReadOnlyList<int>> FetchAsync(int page, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(5 + (page % 7)), cancellationToken);
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            parsed += i % 3;
        }
        return [.. Enumerable.Range((3 * page) + 1, 3).Where(link => link < Pages && parsed >= 0)];
    }
}

/// <summary>The crawl as a pull-mode task source: a frontier of pages, each fetched once.</summary>
internal sealed class Crawler : ITaskSource
{
    private readonly ConcurrentQueue<int> _frontier = new([0]);
    private readonly ConcurrentDictionary<int, bool> _seen = new() { [0] = true };
    private int _inFlight;
    private int _peak;
    private int _crawled;

    public int Crawled => Volatile.Read(ref _crawled);

    public int PeakInFlight => Volatile.Read(ref _peak);

    public ValueTask<bool> IsTaskReadyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(!_frontier.IsEmpty);

    public async Task RunTaskAsync(CancellationToken cancellationToken)
    {
        if (!_frontier.TryDequeue(out var page))
        {
            return; // another task took the last page since the source said ready
        }
        var inFlight = Interlocked.Increment(ref _inFlight);
        Interlocked.Exchange(ref _peak, Math.Max(Volatile.Read(ref _peak), inFlight));
        try
        {
            foreach (var link in await SimulatedSite.FetchAsync(page, cancellationToken))
            {
                if (_seen.TryAdd(link, true))
                {
                    _frontier.Enqueue(link);
                }
            }
            Interlocked.Increment(ref _crawled);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask<bool> IsFinishedAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_frontier.IsEmpty && Volatile.Read(ref _inFlight) == 0);
}

/// <summary>Prints the crawl's concurrency each time the load policy changes the pools.</summary>
internal sealed class ConcurrencyPrinter : ReceiveActor
{
    public ConcurrencyPrinter(int workersPerPool) =>
        Receive<ScalingDecision>(d => Console.WriteLine(
            $"  concurrency {d.Previous * workersPerPool} -> {d.Desired * workersPerPool} workers ({d.Policy}: {d.Rationale})"));
}
