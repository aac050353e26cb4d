using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Tests.Settings;

public sealed class PoolSettingsTests
{
    private static PoolSettings FromSnippet(string hocon) =>
        PoolSettings.Create(ConfigurationFactory.ParseString(hocon));

    [Fact]
    public void Create_EmptyBlock_HasDocumentedDefaults()
    {
        var s = FromSnippet("");

        Assert.Equal(1, s.MinPools);
        Assert.Equal(8, s.MaxPools);
        Assert.Equal(10, s.UnitsPerPool);
        Assert.Equal(4, s.WorkersPerPool);
        Assert.Equal(TimeSpan.FromSeconds(120), s.CheckInterval);
        Assert.Equal(SignalFailureMode.Hold, s.OnSignalFailure);
        Assert.Equal(10_000, s.MaxQueuedJobs);
        Assert.Equal(TimeSpan.FromSeconds(60), s.LoggingInterval);
        Assert.Equal(TimeSpan.FromSeconds(300), s.Lease.DefaultDuration);
        Assert.Equal(TimeSpan.FromSeconds(15), s.Lease.Grace);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Lease.RevokeTimeout);
        Assert.Equal(TimeSpan.FromHours(1), s.Lease.MaxTotal);
    }

    [Fact]
    public void Constructor_Parameterless_EqualsEmbeddedDefaults()
    {
        // The record's initialisers and reference.conf must not drift apart.
        Assert.Equal(FromSnippet(""), new PoolSettings());
    }

    [Fact]
    public void Create_Snippet_OverridesOnlyWhatItNames()
    {
        var s = FromSnippet(
            "max-pools = 5, workers-per-pool = 2, on-signal-failure = zero, lease.grace = 0s");

        Assert.Equal(5, s.MaxPools);
        Assert.Equal(2, s.WorkersPerPool);
        Assert.Equal(SignalFailureMode.Zero, s.OnSignalFailure);
        Assert.Equal(TimeSpan.Zero, s.Lease.Grace);
        Assert.Equal(10, s.UnitsPerPool);
        Assert.Equal(TimeSpan.FromSeconds(300), s.Lease.DefaultDuration);
    }

    [Theory]
    [InlineData("check-interval = 500ms", 500)]
    [InlineData("check-interval = 5m", 300_000)]
    [InlineData("check-interval = 1h", 3_600_000)]
    [InlineData("check-interval = \"2 minutes\"", 120_000)]
    [InlineData("check-interval = 2 minutes", 120_000)]
    public void Create_DurationForms_AreParsed(string hocon, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FromSnippet(hocon).CheckInterval);
    }

    [Fact]
    public void Create_LoggingIntervalOff_IsNull()
    {
        Assert.Null(FromSnippet("logging-interval = off").LoggingInterval);
    }

    [Fact]
    public void With_ChangesTheCopy_AndLeavesTheOriginalUnchanged()
    {
        var original = FromSnippet("max-pools = 5");

        var changed = original with
        {
            MinPools = 2,
            MaxPools = 20,
            UnitsPerPool = 3,
            Lease = original.Lease with { Grace = TimeSpan.FromSeconds(2) },
        };

        Assert.Equal(5, original.MaxPools);
        Assert.Equal(1, original.MinPools);
        Assert.Equal(TimeSpan.FromSeconds(15), original.Lease.Grace);
        Assert.Equal(20, changed.MaxPools);
        Assert.Equal(TimeSpan.FromSeconds(2), changed.Lease.Grace);
        Assert.Equal(4, changed.DesiredPools(10));
        Assert.Same(changed, changed.Validate());
    }

    [Fact]
    public async Task Create_FromSystem_ApplicationConfigWinsOverReference()
    {
        var system = ActorSystem.Create(
            "settings-app-over-reference",
            ConfigurationFactory.ParseString("actor-pool.max-pools = 3"));
        try
        {
            var s = PoolSettings.Create(system);

            Assert.Equal(3, s.MaxPools);
            Assert.Equal(1, s.MinPools);
            // The defaults are now part of the system's own configuration.
            Assert.Equal("300s", system.Settings.Config.GetString("actor-pool.lease.default-duration"));
            Assert.Equal(s, PoolSettings.Create(system));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Create_FromSystem_MisspeltApplicationKey_Throws()
    {
        var system = ActorSystem.Create(
            "settings-misspelt-key",
            ConfigurationFactory.ParseString("actor-pool.max-pool = 3"));
        try
        {
            var e = Assert.Throws<ArgumentException>(() => PoolSettings.Create(system));

            Assert.Contains("actor-pool.max-pool;", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Create_FromSystemWithOverrides_JudgesOnlyTheResult()
    {
        // min-pools = 10 is invalid against the default max-pools = 8, valid with max-pools = 12.
        var system = ActorSystem.Create(
            "settings-overrides", ConfigurationFactory.ParseString("actor-pool { min-pools = 10, units-per-pool = 3 }"));
        try
        {
            var s = PoolSettings.Create(system, ConfigurationFactory.ParseString("max-pools = 12"));

            Assert.Equal(10, s.MinPools);
            Assert.Equal(12, s.MaxPools);
            Assert.Equal(3, s.UnitsPerPool);
            var e = Assert.Throws<ArgumentException>(
                () => PoolSettings.Create(system, ConfigurationFactory.ParseString("max-pool = 12")));
            Assert.Contains("unknown key actor-pool.max-pool;", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Create_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PoolSettings.Create((Config)null!));
        Assert.Throws<ArgumentNullException>(() => PoolSettings.Create((ActorSystem)null!));
        Assert.Throws<ArgumentNullException>(() => PoolSettings.Create(null!, Config.Empty));
    }
}
