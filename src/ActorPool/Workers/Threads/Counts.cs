namespace ActorPool.Internal.Workers.Threads;

/// <summary>Counters shared by a pool's workers and its callers, changed without a lock.</summary>
internal static class Counts
{
    /// <summary>Takes one from <paramref name="count"/> if it is above zero; false if it was not.</summary>
    public static bool TryTakeOne(ref int count)
    {
        var seen = Volatile.Read(ref count);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref count, seen - 1, seen);
            if (before == seen)
            {
                return true;
            }
            seen = before;
        }
        return false;
    }
}
