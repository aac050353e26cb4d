using Akka.Configuration;

namespace ActorPool.Tests.Settings;

/// <summary>The <c>actor-pool.workers</c> block: defaults, off values, and refused input naming key and value.</summary>
public sealed class WorkerSettingsTests
{
    private static PoolSettings FromSnippet(string hocon) =>
        PoolSettings.Create(ConfigurationFactory.ParseString(hocon));

    private static string Refused(string hocon) =>
        Assert.Throws<ArgumentException>(() => FromSnippet(hocon)).Message;

    [Fact]
    public void Defaults_ReuseThreadsForEver()
    {
        var w = FromSnippet("").Workers;

        Assert.Equal(new WorkerSettings(), w);
        Assert.Equal((WorkerBackend.Thread, WorkerMode.Reuse, 0), (w.Backend, w.Mode, w.MaxJobsPerWorker));
        Assert.Null(w.MaxLifetime);
        Assert.Null(w.IdleTimeout);
        Assert.Null(w.JobTimeout);
        Assert.Null(w.Initializer);
        Assert.Equal((0.025, 4, 2), (w.MaxLifetimeVariance, w.StuckReplacements, w.MaxJobCrashes));
    }

    [Fact]
    public void EveryKey_IsRead()
    {
        var w = FromSnippet("""
            workers {
              mode = ephemeral
              max-jobs-per-worker = 1000
              max-lifetime = 30m
              max-lifetime-variance = 0.1
              idle-timeout = 10s
              job-timeout = 30s
              stuck-replacements = 0
              max-job-crashes = 1
              initializer = "ActorPool.Tests.Settings.NoOpInitializer, ActorPool.Tests"
            }
            """).Workers;

        Assert.Equal(WorkerMode.Ephemeral, w.Mode);
        Assert.Equal(1000, w.MaxJobsPerWorker);
        Assert.Equal(TimeSpan.FromMinutes(30), w.MaxLifetime);
        Assert.Equal(0.1, w.MaxLifetimeVariance);
        Assert.Equal(TimeSpan.FromSeconds(10), w.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), w.JobTimeout);
        Assert.Equal((0, 1), (w.StuckReplacements, w.MaxJobCrashes));
        Assert.IsType<NoOpInitializer>(w.Initializer);
    }

    [Theory]
    [InlineData("workers.max-lifetime-variance = 0.7", "actor-pool.workers.max-lifetime-variance", "0.7")]
    [InlineData("workers.max-jobs-per-worker = -1", "actor-pool.workers.max-jobs-per-worker", "-1")]
    [InlineData("workers.max-job-crashes = 0", "actor-pool.workers.max-job-crashes", "0")]
    [InlineData("workers.stuck-replacements = -2", "actor-pool.workers.stuck-replacements", "-2")]
    [InlineData("workers.idle-timeout = -5s", "actor-pool.workers.idle-timeout", "")]
    [InlineData("workers.job-timeout = 0s", "actor-pool.workers.job-timeout", "")]
    [InlineData("workers.mode = sometimes", "actor-pool.workers.mode", "sometimes")]
    [InlineData("workers.backend = fibers", "actor-pool.workers.backend", "fibers")]
    public void AnInvalidValue_IsRefused_NamingItsKey(string hocon, string key, string value)
    {
        var message = Refused(hocon);

        Assert.Contains(key, message, StringComparison.Ordinal);
        Assert.Contains(value, message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProcessBlock_IsLeftToItsOwner_AndKeysBesideItAreStillChecked()
    {
        // ActorPool.Process reads and checks actor-pool.process key by key; here any content passes.
        Assert.Equal(WorkerBackend.Thread, FromSnippet("process { cancel-grace = 1s, anything-it-owns = 3 }").Workers.Backend);

        Assert.Contains("actor-pool.process must be a block", Refused("process = 5"), StringComparison.Ordinal);
        Assert.Contains("unknown key actor-pool.workers.idle-timout", Refused("process { }\nworkers.idle-timout = 10s"), StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltKey_IsRefused()
    {
        var message = Refused("workers.idle-timout = 10s");

        Assert.Contains("actor-pool.workers.idle-timout", message, StringComparison.Ordinal);
        Assert.Contains("idle-timeout", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInitializerThatCannotBeMade_IsRefused_NamingTheKey()
    {
        Assert.Contains("actor-pool.workers.initializer names no type", Refused("workers.initializer = \"Acme.Missing, Acme\""), StringComparison.Ordinal);
        Assert.Contains("must name a concrete type implementing ActorPool.IWorkerInitializer", Refused("workers.initializer = \"System.Object\""), StringComparison.Ordinal);
    }

    [Fact]
    public void TheProcessBackend_WithoutItsPackage_IsRefusedAtStart()
    {
        var message = Refused("workers.backend = process");

        Assert.Contains("actor-pool.workers.backend = process needs the ActorPool.Process package", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithInCode_IsCheckedByValidate()
    {
        var settings = new PoolSettings { Workers = new WorkerSettings { MaxLifetime = TimeSpan.FromSeconds(-1), MaxJobCrashes = 0 } };

        var message = Assert.Throws<ArgumentException>(() => settings.Validate()).Message;

        Assert.Contains("actor-pool.workers.max-lifetime", message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.workers.max-job-crashes", message, StringComparison.Ordinal);
    }
}

/// <summary>An initializer HOCON can name.</summary>
public sealed class NoOpInitializer : IWorkerInitializer
{
    public void Initialize(WorkerStart worker)
    {
    }
}
