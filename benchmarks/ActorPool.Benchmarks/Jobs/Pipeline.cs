namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// "N in flight": start N jobs and, as each completes, start another, until <c>total</c> have been
/// started; then wait for the last. Written as a caller would: N loops that each await one job at a
/// time, so a job's continuation runs wherever its task completes it.
/// </summary>
internal static class Pipeline
{
    /// <summary>Keeps <paramref name="inFlight"/> calls of <paramref name="submit"/> outstanding until <paramref name="total"/> have completed.</summary>
    /// <returns>How many completed (each awaited without an exception), which must be <paramref name="total"/>.</returns>
    public static async Task<int> RunAsync(Func<Task> submit, int inFlight, int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var issued = new Counter();
        var lanes = new Task<int>[Math.Min(inFlight, total)];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = LaneAsync(submit, issued, total);
        }
        var done = 0;
        foreach (var lane in lanes)
        {
            done += await lane;
        }
        return done;
    }

    private static async Task<int> LaneAsync(Func<Task> submit, Counter issued, int total)
    {
        var done = 0;
        while (Interlocked.Increment(ref issued.Value) <= total)
        {
            await submit();
            done++;
        }
        return done;
    }

    private sealed class Counter
    {
        public int Value;
    }
}
