using ActorPool.Internal.Sizing;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// Applies checked new settings to a running supervisor's books, each part where it takes effect
/// (see <see cref="UpdateSettings"/>). Nothing here can fail: the settings were checked first, so
/// an update is applied whole or refused whole.
/// </summary>
internal static class SettingsUpdate
{
    public static void Apply(SupervisorBooks books, PoolSettings next)
    {
        var before = books.Settings;
        books.Settings = next;
        books.Plane.MaxQueued = next.MaxQueuedJobs;
        books.Plane.JobTimeout = next.Workers.JobTimeout;
        books.Pools.MaxPools = next.MaxPools;
        books.Desk.JobTimeout = next.Workers.JobTimeout;
        books.Desk.Settings = next.Lease;
        books.Runs.Settings = next.Pull;
        if (next.OnSignalFailure != before.OnSignalFailure)
        {
            books.Signal = books.Signal.With(next.OnSignalFailure);
        }
        if (next.Sizing != before.Sizing || next.MinPools != before.MinPools || next.MaxPools != before.MaxPools || next.UnitsPerPool != before.UnitsPerPool)
        {
            books.Loop = SizingLoop.Create(next, books.Path);
        }
        if (next.WorkersPerPool != before.WorkersPerPool)
        {
            foreach (var pool in books.Pools.All)
            {
                pool.Runtime.Resize(next.WorkersPerPool);
            }
        }
    }
}
