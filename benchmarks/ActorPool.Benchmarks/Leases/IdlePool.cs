namespace ActorPool.Benchmarks.Leases;

/// <summary>A stand-in for a pool in the hand-rolled baselines: a plain object with an id.</summary>
public sealed class IdlePool(int id)
{
    /// <summary>The pool's number, from 0.</summary>
    public int Id { get; } = id;

    /// <summary>Makes <paramref name="count"/> pools numbered from 0.</summary>
    public static IdlePool[] Make(int count) => Enumerable.Range(0, count).Select(i => new IdlePool(i)).ToArray();
}
