using Akka.Configuration;

namespace ActorPool.Process.Tests;

public sealed class ProcessSettingsTests
{
    [Fact]
    public void The_embedded_defaults_match_the_records_defaults()
    {
        var read = ProcessSettings.Create(Config.Empty);
        var record = new ProcessSettings();

        Assert.Equal(record with { Env = read.Env }, read);
        Assert.Empty(read.Env);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var settings = ProcessSettings.Create(ConfigurationFactory.ParseString("""
            start-timeout = 10s
            cancel-grace = 0s
            stop-timeout = 1s
            max-memory-growth = 300MiB
            stderr-lines = 7
            parent-poll-interval = 250ms
            env { OMP_NUM_THREADS = "1", GREETING = hello }
            initializer = "ActorPool.Process.TestApp.TestInitializer, ActorPool.Process.TestApp"
            """));

        Assert.Equal(TimeSpan.FromSeconds(10), settings.StartTimeout);
        Assert.Equal(TimeSpan.Zero, settings.CancelGrace);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.StopTimeout);
        Assert.Equal(300L << 20, settings.MaxMemoryGrowth);
        Assert.Equal(7, settings.StderrLines);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.ParentPollInterval);
        Assert.Equal("1", settings.Env["OMP_NUM_THREADS"]);
        Assert.Equal("hello", settings.Env["GREETING"]);
        Assert.Equal(typeof(ActorPool.Process.TestApp.TestInitializer), settings.Initializer);
    }

    [Fact]
    public void They_are_read_from_a_systems_configuration()
    {
        using var system = Akka.Actor.ActorSystem.Create("settings", "actor-pool.process.stderr-lines = 4");

        Assert.Equal(4, ProcessSettings.Create(system).StderrLines);
    }

    [Theory]
    [InlineData("start-timeout = 0s", "actor-pool.process.start-timeout must be > 0, was: [00:00:00]")]
    [InlineData("start-timeout = 30", "actor-pool.process.start-timeout must be a duration with a unit")]
    [InlineData("cancel-grace = -1s", "actor-pool.process.cancel-grace must be >= 0 (0s kills at once), was: [-00:00:01]")]
    [InlineData("max-job-crashes = 2", "unknown key actor-pool.process.max-job-crashes")]
    [InlineData("max-memory-growth = 300", "actor-pool.process.max-memory-growth must be a size with a unit such as 300MiB or 1GiB, or off, was: [300]")]
    [InlineData("max-memory-growth = 0MiB", "actor-pool.process.max-memory-growth must be > 0 bytes, or off, was: [0]")]
    [InlineData("stderr-lines = -1", "actor-pool.process.stderr-lines must be >= 0, was: [-1]")]
    [InlineData("parent-poll-interval = 0ms", "actor-pool.process.parent-poll-interval must be > 0")]
    [InlineData("dotnet-host = /no/such/dotnet", "actor-pool.process.dotnet-host must name an existing dotnet executable, was: [/no/such/dotnet]")]
    [InlineData("env = 3", "actor-pool.process.env must be a block")]
    [InlineData("cancel-grase = 1s", "unknown key actor-pool.process.cancel-grase; did you mean actor-pool.process.cancel-grace?")]
    public void A_bad_value_names_its_key_and_value(string hocon, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ProcessSettings.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => ProcessSettings.Create(
            ConfigurationFactory.ParseString("stop-timeout = 0s\nstderr-lines = -2")));

        Assert.Contains("2 invalid ActorPool settings", error.Message);
    }

    [Fact]
    public void Settings_changed_in_code_are_checked_by_Validate_and_by_a_new_worker()
    {
        var bad = new ProcessSettings { StderrLines = -1 };

        Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Throws<ArgumentException>(() => new ProcessWorker(new ProcessWorkerOptions { Settings = bad }));
    }

    [Fact]
    public void Equal_values_are_equal_settings_whatever_dictionary_holds_the_env()
    {
        var a = new ProcessSettings { Env = new Dictionary<string, string> { ["A"] = "1" } };
        var b = new ProcessSettings { Env = new Dictionary<string, string> { ["A"] = "1" } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Env = new Dictionary<string, string> { ["A"] = "2" } });
    }
}
