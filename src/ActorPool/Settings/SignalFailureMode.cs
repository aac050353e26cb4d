namespace ActorPool;

/// <summary>
/// What the supervisor does when its size provider throws or returns a negative unit count
/// (HOCON <c>actor-pool.on-signal-failure</c>).
/// </summary>
public enum SignalFailureMode
{
    /// <summary>
    /// Keep the last good unit count, so a broken signal never shrinks capacity
    /// (HOCON <c>hold</c>, the default).
    /// </summary>
    Hold,

    /// <summary>
    /// Use 0 units for that check, which shrinks to <see cref="PoolSettings.MinPools"/>;
    /// leasepool's behaviour (HOCON <c>zero</c>).
    /// </summary>
    Zero,
}
