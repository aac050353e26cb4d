namespace ActorPool.Tests.Sizing;

/// <summary>Observations on a fixed timeline (seconds from an origin), for replaying policies by hand.</summary>
internal static class PolicyFixtures
{
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Origin.AddSeconds(seconds);

    /// <summary>An observation at <paramref name="seconds"/>, within 1..100 pools, nothing overloaded.</summary>
    public static Observation Obs(double seconds, int desired, int workersPerPool = 1) =>
        Observation.Of(At(seconds), desired, workersPerPool) with
        {
            MinPools = 1,
            MaxPools = 100,
            Load = LoadSnapshot.Of(At(seconds)),
        };

    public static LoadSnapshot Overloaded(double seconds, params LoadSignal[] signals) => LoadSnapshot.Of(At(seconds), signals);
}
