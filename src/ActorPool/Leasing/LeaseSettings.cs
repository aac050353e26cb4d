namespace ActorPool;

/// <summary>
/// The <c>actor-pool.lease</c> block: how long leases of a whole pool last and how they end.
/// Each property is described, with an example, above its key in <c>HOCON/reference.conf</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every duration is at most 24.20:31:23.647 (<see cref="int.MaxValue"/> milliseconds, the longest
/// Akka's scheduler waits), and so is <see cref="MaxTotal"/> + <see cref="Grace"/>, the latest a
/// lease can be revoked.
/// </para>
/// <para>
/// Immutable and safe to share between threads. Change it with <c>with { Grace = ... }</c>;
/// the values are checked by <see cref="PoolSettings.Validate"/> and when the settings are
/// created from configuration.
/// </para>
/// </remarks>
public sealed record LeaseSettings
{
    /// <summary>
    /// How long a lease lasts when <c>AcquireLease</c> names no duration, until its soft expiry
    /// (HOCON <c>actor-pool.lease.default-duration</c>). Must be positive and at most
    /// <see cref="MaxTotal"/>.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan DefaultDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Extra time after soft expiry before the lease is revoked (HOCON
    /// <c>actor-pool.lease.grace</c>). Must be zero or positive, and at most 24.20:31:23.647 minus
    /// <see cref="MaxTotal"/>.
    /// </summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a revoked pool's worker threads may take to finish after their jobs were
    /// cancelled before the pool is reported as stuck (HOCON
    /// <c>actor-pool.lease.revoke-timeout</c>). Must be positive and at most 24.20:31:23.647.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RevokeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a lease may last in all, from its grant, however often it is renewed (HOCON
    /// <c>actor-pool.lease.max-total</c>). Must be at least <see cref="DefaultDuration"/>, and
    /// <see cref="MaxTotal"/> + <see cref="Grace"/> at most 24.20:31:23.647.
    /// </summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan MaxTotal { get; init; } = TimeSpan.FromHours(1);
}
