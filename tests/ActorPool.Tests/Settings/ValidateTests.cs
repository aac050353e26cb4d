namespace ActorPool.Tests.Settings;

/// <summary><see cref="PoolSettings.Validate"/> on copies changed in code.</summary>
public sealed class ValidateTests
{
    private static readonly PoolSettings s_defaults = new();

    public static TheoryData<PoolSettings, string, string> InvalidCopies => new()
    {
        { s_defaults with { MinPools = 9 }, "actor-pool.min-pools", "[9] > [8]" },
        { s_defaults with { MaxPools = 0 }, "actor-pool.max-pools", "[0]" },
        { s_defaults with { UnitsPerPool = 0 }, "actor-pool.units-per-pool", "[0]" },
        { s_defaults with { WorkersPerPool = 0 }, "actor-pool.workers-per-pool", "[0]" },
        { s_defaults with { CheckInterval = TimeSpan.FromMilliseconds(-1) }, "actor-pool.check-interval", "[-00:00:00.0010000]" },
        { s_defaults with { MaxQueuedJobs = -3 }, "actor-pool.max-queued-jobs", "[-3]" },
        { s_defaults with { LoggingInterval = TimeSpan.FromSeconds(-1) }, "actor-pool.logging-interval", "[-00:00:01]" },
        { s_defaults with { CheckInterval = TimeSpan.MaxValue }, "actor-pool.check-interval", "<= 24.20:31:23.647, was: [10675199.02:48:05.4775807]" },
        { s_defaults with { LoggingInterval = TimeSpan.MaxValue }, "actor-pool.logging-interval", "<= 24.20:31:23.647, was: [10675199.02:48:05.4775807]" },
        { s_defaults with { OnSignalFailure = (SignalFailureMode)7 }, "actor-pool.on-signal-failure", "[7]" },
        { s_defaults with { Lease = null! }, "actor-pool.lease", "null" },
        { s_defaults with { Lease = s_defaults.Lease with { Grace = TimeSpan.FromSeconds(-1) } }, "actor-pool.lease.grace", "[-00:00:01]" },
        { s_defaults with { Lease = s_defaults.Lease with { DefaultDuration = TimeSpan.Zero } }, "actor-pool.lease.default-duration", "[00:00:00]" },
        { s_defaults with { Lease = s_defaults.Lease with { RevokeTimeout = TimeSpan.Zero } }, "actor-pool.lease.revoke-timeout", "[00:00:00]" },
        { s_defaults with { Lease = s_defaults.Lease with { Grace = TimeSpan.MaxValue } }, "actor-pool.lease.grace", "<= 24.20:31:23.647, was: [10675199.02:48:05.4775807]" },
        { s_defaults with { Lease = s_defaults.Lease with { RevokeTimeout = TimeSpan.MaxValue } }, "actor-pool.lease.revoke-timeout", "<= 24.20:31:23.647, was: [10675199.02:48:05.4775807]" },
        { s_defaults with { Lease = s_defaults.Lease with { MaxTotal = TimeSpan.MaxValue } }, "actor-pool.lease.max-total", "<= 24.20:31:23.647, was: [10675199.02:48:05.4775807]" },
        { s_defaults with { Lease = s_defaults.Lease with { DefaultDuration = TimeSpan.MaxValue, MaxTotal = TimeSpan.MaxValue } }, "actor-pool.lease.default-duration", "<= 24.20:31:23.647, was: [10675199.02:48:05.4775807]" },
    };

    [Theory]
    [MemberData(nameof(InvalidCopies))]
    public void Validate_InvalidCopy_NamesKeyAndValue(PoolSettings settings, string key, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var settings = s_defaults with { MaxPools = 0, WorkersPerPool = 0, MaxQueuedJobs = -3 };

        var e = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.StartsWith("4 invalid ActorPool settings:", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.min-pools must be <= actor-pool.max-pools, was: [1] > [0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.max-pools must be >= 1, was: [0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.workers-per-pool must be >= 1, was: [0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.max-queued-jobs must be >= 0, was: [-3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidCopy_ReturnsItself()
    {
        var settings = s_defaults with { MinPools = 0, LoggingInterval = null };

        Assert.Same(settings, settings.Validate());
    }
}
