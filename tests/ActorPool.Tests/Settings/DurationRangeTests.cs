using Akka.Configuration;

namespace ActorPool.Tests.Settings;

/// <summary>
/// Every duration is at most int.MaxValue milliseconds (24.20:31:23.647), the longest Akka's
/// scheduler waits; the limit itself is allowed.
/// </summary>
public sealed class DurationRangeTests
{
    private static readonly TimeSpan s_max = TimeSpan.FromMilliseconds(int.MaxValue);
    private static readonly TimeSpan s_tick = TimeSpan.FromTicks(1);
    private static readonly PoolSettings s_defaults = new();

    [Fact]
    public void Validate_EveryDurationAtTheLimit_IsValid()
    {
        var settings = s_defaults with
        {
            CheckInterval = s_max,
            LoggingInterval = s_max,
            Lease = new LeaseSettings
            {
                DefaultDuration = s_max,
                Grace = TimeSpan.Zero,
                RevokeTimeout = s_max,
                MaxTotal = s_max,
            },
        };

        Assert.Same(settings, settings.Validate());
    }

    [Fact]
    public void Create_EveryDurationAtTheLimit_IsRead()
    {
        var s = PoolSettings.Create(ConfigurationFactory.ParseString("""
            check-interval = 2147483647ms
            logging-interval = 2147483647ms
            lease { default-duration = 2147483647ms, grace = 0s, revoke-timeout = 2147483647ms, max-total = 2147483647ms }
            """));

        Assert.Equal(s_max, s.CheckInterval);
        Assert.Equal(s_max, s.LoggingInterval);
        Assert.Equal(s_max, s.Lease.MaxTotal);
    }

    public static TheoryData<PoolSettings, string> OneTickPastTheLimit => new()
    {
        { s_defaults with { CheckInterval = s_max + s_tick }, "actor-pool.check-interval" },
        { s_defaults with { LoggingInterval = s_max + s_tick }, "actor-pool.logging-interval" },
        { s_defaults with { Lease = s_defaults.Lease with { Grace = s_max + s_tick } }, "actor-pool.lease.grace" },
        { s_defaults with { Lease = s_defaults.Lease with { RevokeTimeout = s_max + s_tick } }, "actor-pool.lease.revoke-timeout" },
        { s_defaults with { Lease = s_defaults.Lease with { MaxTotal = s_max + s_tick } }, "actor-pool.lease.max-total" },
    };

    [Theory]
    [MemberData(nameof(OneTickPastTheLimit))]
    public void Validate_OneTickPastTheLimit_NamesKeyLimitAndValue(PoolSettings settings, string key)
    {
        var e = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Equal($"{key} must be <= 24.20:31:23.647, was: [24.20:31:23.6470001]", e.Message);
    }

    [Fact]
    public void Validate_MaxTotalPlusGraceAtTheLimit_IsValid()
    {
        var settings = s_defaults with
        {
            Lease = s_defaults.Lease with { MaxTotal = s_max - TimeSpan.FromSeconds(15), Grace = TimeSpan.FromSeconds(15) },
        };

        Assert.Same(settings, settings.Validate());
    }

    [Fact]
    public void Validate_MaxTotalPlusGracePastTheLimit_IsOneMessage()
    {
        var settings = s_defaults with
        {
            Lease = s_defaults.Lease with { MaxTotal = s_max, Grace = TimeSpan.FromSeconds(1) },
        };

        var e = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Equal(
            "actor-pool.lease.max-total + actor-pool.lease.grace must be <= 24.20:31:23.647, "
            + "was: [24.20:31:23.6470000] + [00:00:01]",
            e.Message);
    }

    [Fact]
    public void Validate_BothPastTheLimit_ReportsEachButNotTheirSum()
    {
        var settings = s_defaults with
        {
            Lease = s_defaults.Lease with { MaxTotal = TimeSpan.MaxValue, Grace = TimeSpan.MaxValue },
        };

        var e = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.StartsWith("2 invalid ActorPool settings:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" + ", e.Message, StringComparison.Ordinal);
    }
}
