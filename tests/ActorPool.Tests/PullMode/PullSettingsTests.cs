using Akka.Configuration;

namespace ActorPool.Tests.PullMode;

/// <summary>The <c>actor-pool.pull</c> block: defaults, each key, and bad values refused with the key named.</summary>
public sealed class PullSettingsTests
{
    private static PullSettings Read(string hocon) =>
        PoolSettings.Create(ConfigurationFactory.ParseString(hocon)).Pull;

    [Fact]
    public void Defaults_AreCrawleesAndMatchTheRecord()
    {
        var pull = Read("");

        Assert.Equal(new PullSettings(), pull);
        Assert.Equal(TimeSpan.FromMilliseconds(500), pull.MaybeRunInterval);
        Assert.Null(pull.TaskTimeout);
        Assert.Equal(0, pull.MaxTasksPerMinute);
        Assert.False(pull.ContinueOnError);
        Assert.Equal(TimeSpan.FromSeconds(60), pull.LoggingInterval);
    }

    [Fact]
    public void EveryKey_IsRead()
    {
        var pull = Read("""
            pull {
              maybe-run-interval = 100ms
              task-timeout = 30s
              max-tasks-per-minute = 120
              continue-on-error = on
              logging-interval = off
            }
            """);

        Assert.Equal(new PullSettings
        {
            MaybeRunInterval = TimeSpan.FromMilliseconds(100),
            TaskTimeout = TimeSpan.FromSeconds(30),
            MaxTasksPerMinute = 120,
            ContinueOnError = true,
            LoggingInterval = null,
        }, pull);
    }

    [Theory]
    [InlineData("pull.maybe-run-interval = 0s", "actor-pool.pull.maybe-run-interval", "[00:00:00]")]
    [InlineData("pull.maybe-run-interval = 500", "actor-pool.pull.maybe-run-interval", "[500]")]
    [InlineData("pull.task-timeout = -1s", "actor-pool.pull.task-timeout", "[-00:00:01]")]
    [InlineData("pull.max-tasks-per-minute = -5", "actor-pool.pull.max-tasks-per-minute", "[-5]")]
    [InlineData("pull.max-tasks-per-minute = lots", "actor-pool.pull.max-tasks-per-minute", "[lots]")]
    [InlineData("pull.continue-on-error = maybe", "actor-pool.pull.continue-on-error", "[maybe]")]
    [InlineData("pull.logging-interval = 0s", "actor-pool.pull.logging-interval", "[00:00:00]")]
    [InlineData("pull.continue-on-eror = on", "actor-pool.pull.continue-on-eror", "did you mean actor-pool.pull.continue-on-error?")]
    public void BadValue_IsRefused_NamingKeyAndValue(string hocon, string key, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => Read(hocon));

        Assert.Contains(key, error.Message);
        Assert.Contains(shown, error.Message);
    }

    [Fact]
    public void CodeChanges_AreValidated()
    {
        var settings = new PoolSettings { Pull = new PullSettings { MaybeRunInterval = TimeSpan.Zero, MaxTasksPerMinute = -1 } };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains("actor-pool.pull.maybe-run-interval", error.Message);
        Assert.Contains("actor-pool.pull.max-tasks-per-minute", error.Message);
    }
}
