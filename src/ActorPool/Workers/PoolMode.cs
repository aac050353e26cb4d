namespace ActorPool.Internal.Workers;

/// <summary>Whose work a pool admits. Kept in the same word as the pool's pending count, so a
/// mode switch and an admission can never interleave (see <see cref="PoolRuntime"/>).</summary>
internal enum PoolMode
{
    /// <summary>Jobs from <c>PoolClient</c> and <c>Submit</c>.</summary>
    Shared = 0,

    /// <summary>Only the lease's jobs.</summary>
    Leased = 1,

    /// <summary>Nothing new: the pool finishes what it has, then its threads end.</summary>
    Closed = 2,
}
