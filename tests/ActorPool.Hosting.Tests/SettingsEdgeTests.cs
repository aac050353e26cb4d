using Akka.Configuration;

namespace ActorPool.Hosting.Tests;

/// <summary>Options and HOCON at their edges: out of range, misspelt, or fixing each other.</summary>
public sealed class SettingsEdgeTests
{
    [Fact]
    public void LoggingIntervalZero_MeansOff_InTheOptionsAndInPoolSettings()
    {
        var fromOptions = PoolSettings.Create(
            ConfigurationFactory.ParseString(new ActorPoolOptions { LoggingInterval = TimeSpan.Zero }.ToHocon()));

        Assert.Null(fromOptions.LoggingInterval);
        Assert.Equal(new PoolSettings { LoggingInterval = TimeSpan.Zero }, fromOptions);
    }
}
