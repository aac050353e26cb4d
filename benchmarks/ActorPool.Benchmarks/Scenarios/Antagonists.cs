namespace ActorPool.Benchmarks.Scenarios;

/// <summary>B9's antagonists, started inside the case's process so the SystemLoad actor sees them.</summary>
internal sealed class Antagonist : IDisposable
{
    /// <summary>How much the heap antagonist keeps alive before it drops it all and starts again.</summary>
    public const long HeapLimitBytes = 1L << 30;

    private readonly List<Thread> _threads = [];
    private volatile bool _stop;

    private Antagonist()
    {
    }

    /// <summary><c>hog</c>: a spinning thread per core. <c>heap</c>: one thread allocating 32 KiB arrays toward <see cref="HeapLimitBytes"/>.</summary>
    public static Antagonist Start(string kind)
    {
        var antagonist = new Antagonist();
        var threads = kind switch
        {
            "hog" => Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(antagonist.SpinUntilStopped)).ToList(),
            "heap" => [new Thread(antagonist.AllocateUntilStopped)],
            _ => throw new ArgumentException($"unknown antagonist '{kind}'", nameof(kind)),
        };
        foreach (var thread in threads)
        {
            thread.IsBackground = true;
            thread.Name = $"antagonist-{kind}";
            thread.Start();
            antagonist._threads.Add(thread);
        }
        return antagonist;
    }

    private void SpinUntilStopped()
    {
        var x = 1u;
        while (!_stop)
        {
            x = (x * 1_664_525u) + 1_013_904_223u;
        }
        GC.KeepAlive(x);
    }

    private void AllocateUntilStopped()
    {
        var kept = new List<byte[]>();
        long bytes = 0;
        while (!_stop)
        {
            var chunk = new byte[32 * 1024];
            chunk[^1] = 1;
            kept.Add(chunk);
            bytes += chunk.Length;
            if (bytes >= HeapLimitBytes)
            {
                kept = [];
                bytes = 0;
            }
        }
        GC.KeepAlive(kept);
    }

    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}
