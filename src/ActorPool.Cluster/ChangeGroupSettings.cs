namespace ActorPool.Cluster;

/// <summary>
/// Changes a pool group's bounds and sizes from any node, in a <see cref="PoolEnvelope"/>; the group
/// keeps the change when it moves to another node or its node is lost (see docs/cluster.md for the
/// consistency). Fields left <see langword="null"/> keep their current value. Reply:
/// <see cref="Akka.Done"/> once the change is applied and a majority of nodes holds it (or, when
/// fewer answered within <c>actor-pool.cluster.state.write-timeout</c>, once that passed; the change
/// then spreads by gossip and a warning is logged), or <see cref="Akka.Actor.Status.Failure"/> with an
/// <see cref="ArgumentException"/> naming each invalid key; a refused change changes nothing.
/// </summary>
/// <param name="MinPools">The new <c>min-pools</c>.</param>
/// <param name="MaxPools">The new <c>max-pools</c>.</param>
/// <param name="UnitsPerPool">The new <c>units-per-pool</c>.</param>
/// <param name="WorkersPerPool">The new <c>workers-per-pool</c>.</param>
public sealed record ChangeGroupSettings(
    int? MinPools = null, int? MaxPools = null, int? UnitsPerPool = null, int? WorkersPerPool = null) : IPortableMessage
{
    /// <summary>These changes applied to <paramref name="settings"/>, unchecked.</summary>
    /// <param name="settings">The group's settings now.</param>
    /// <returns>The changed settings.</returns>
    public PoolSettings ApplyTo(PoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            MinPools = MinPools ?? settings.MinPools,
            MaxPools = MaxPools ?? settings.MaxPools,
            UnitsPerPool = UnitsPerPool ?? settings.UnitsPerPool,
            WorkersPerPool = WorkersPerPool ?? settings.WorkersPerPool,
        };
    }

    /// <summary>This change with <paramref name="later"/> on top: the later one's fields win.</summary>
    /// <param name="later">A change made after this one.</param>
    /// <returns>The combined change.</returns>
    public ChangeGroupSettings Then(ChangeGroupSettings later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new ChangeGroupSettings(
            later.MinPools ?? MinPools, later.MaxPools ?? MaxPools,
            later.UnitsPerPool ?? UnitsPerPool, later.WorkersPerPool ?? WorkersPerPool);
    }
}
