#pragma warning disable CS1591 // TEMPORARY file, replaced by the settings branch
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool;

// TEMPORARY: replaced by the settings branch.
public enum SignalFailureMode { Hold, Zero }

public sealed record LeaseSettings
{
    public TimeSpan DefaultDuration { get; init; } = TimeSpan.FromSeconds(300);
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RevokeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxTotal { get; init; } = TimeSpan.FromHours(1);
}

public sealed record PoolSettings
{
    public int MinPools { get; init; } = 1;
    public int MaxPools { get; init; } = 8;
    public int UnitsPerPool { get; init; } = 10;
    public int WorkersPerPool { get; init; } = 4;
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(120);
    public SignalFailureMode OnSignalFailure { get; init; }
    public int MaxQueuedJobs { get; init; } = 10000;
    public TimeSpan? LoggingInterval { get; init; } = TimeSpan.FromSeconds(60);
    public LeaseSettings Lease { get; init; } = new();
    public static PoolSettings Create(ActorSystem system) => new();
    public static PoolSettings Create(Config config) => new();
    public int DesiredPools(int units) => (int)Math.Min(MaxPools, Math.Max(MinPools, ((long)units + UnitsPerPool - 1) / UnitsPerPool));
    public PoolSettings Validate() => this;
}
