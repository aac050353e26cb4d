using Akka.Configuration;

namespace ActorPool.Tests.Settings;

/// <summary>
/// <c>logging-interval</c>: <see langword="null"/>, <see cref="TimeSpan.Zero"/>, <c>off</c> and
/// <c>0s</c> all mean no state line, as <c>ActorPoolOptions.LoggingInterval</c> says.
/// </summary>
public sealed class LoggingIntervalTests
{
    private static readonly PoolSettings s_defaults = new();

    [Fact]
    public void Validate_Zero_IsValid()
    {
        var settings = s_defaults with { LoggingInterval = TimeSpan.Zero };

        Assert.Same(settings, settings.Validate());
    }

    [Fact]
    public void With_Zero_IsTheSameSettingsAsNull()
    {
        Assert.Equal(s_defaults with { LoggingInterval = null }, s_defaults with { LoggingInterval = TimeSpan.Zero });
    }

    [Theory]
    [InlineData("logging-interval = off")]
    [InlineData("logging-interval = 0s")]
    [InlineData("logging-interval = 0ms")]
    public void Create_OffOrZero_IsOff(string hocon)
    {
        var s = PoolSettings.Create(ConfigurationFactory.ParseString(hocon));

        Assert.Null(s.LoggingInterval);
        Assert.Equal(s_defaults with { LoggingInterval = TimeSpan.Zero }, s);
    }

    [Fact]
    public void Validate_Negative_NamesKeyAndValue()
    {
        var e = Assert.Throws<ArgumentException>(
            () => (s_defaults with { LoggingInterval = TimeSpan.FromSeconds(-1) }).Validate());

        Assert.Equal("actor-pool.logging-interval must be >= 0 (0s or off for none), was: [-00:00:01]", e.Message);
    }

    [Fact]
    public void LoggingEvery_IsThePeriodWhenOn_AndNullWhenOff()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), s_defaults.LoggingEvery);
        Assert.Null((s_defaults with { LoggingInterval = null }).LoggingEvery);
        Assert.Null((s_defaults with { LoggingInterval = TimeSpan.Zero }).LoggingEvery);
        // Not validated: a timer must still never be handed a negative period.
        Assert.Null((s_defaults with { LoggingInterval = TimeSpan.FromSeconds(-1) }).LoggingEvery);
    }
}
