using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Hosting.Tests;

/// <summary>Options and HOCON at their edges: out of range, misspelt, or fixing each other.</summary>
public sealed class SettingsEdgeTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OptionsFixTheApplicationBlock_SupervisorStarts_AndTheExtensionMakesAWorkingClient()
    {
        // min-pools = 10 is invalid against the default max-pools = 8, but this supervisor's
        // MaxPools = 12 makes its own settings valid; nothing reads the system-wide block alone.
        var app = ConfigurationFactory.ParseString("actor-pool.min-pools = 10");
        using var host = await StartAsync(b => b
            .AddHocon(app, HoconAddMode.Prepend)
            .WithActorPool("pools", o =>
            {
                o.MaxPools = 12;
                o.WorkersPerPool = 1;
            }));

        var system = host.Services.GetRequiredService<ActorSystem>();
        var supervisor = host.Services.GetRequiredService<IRequiredActor<PoolSupervisor>>().ActorRef;
        var extension = ActorPools.Get(system);
        var client = extension.Client(supervisor);

        Assert.Equal(42, await client.SubmitAsync(() => 42).WaitAsync(s_wait));
        var status = await client.GetStatusAsync().WaitAsync(s_wait);
        Assert.Equal(10, status.MinPools);
        Assert.Equal(12, status.MaxPools);
        // The system-wide block is still judged, where it is read, naming the key.
        var e = Assert.Throws<ArgumentException>(() => extension.Settings);
        Assert.Contains("actor-pool.min-pools", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DurationOptionPastTheSchedulerLimit_FailsTheStartNamingKeyAndLimit()
    {
        var error = await StartFailureAsync(b => b.WithActorPool("pools", o => o.CheckInterval = TimeSpan.MaxValue));

        Assert.Contains("actor-pool.check-interval must be <= 24.20:31:23.647", TestHosts.Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootNotABlock_FailsTheStartNamingIt()
    {
        var error = await StartFailureAsync(b => b
            .AddHocon(ConfigurationFactory.ParseString("actor-pool = 5"), HoconAddMode.Prepend)
            .WithActorPool("pools"));

        Assert.Contains("actor-pool must be a block { ... }, was: [5]", TestHosts.Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltRoot_FailsTheStartSuggestingActorPool()
    {
        var error = await StartFailureAsync(b => b
            .AddHocon(ConfigurationFactory.ParseString("actor-pools { max-pools = 3 }"), HoconAddMode.Prepend)
            .WithActorPool("pools"));

        Assert.Contains("unknown key actor-pools; did you mean actor-pool?", TestHosts.Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queue")]
    [InlineData("Acme.Sizing.LatencyPolicy, Acme.Sizing, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null")]
    public void SizingOptions_ReachTheSizingBlock(string policy)
    {
        var hocon = new ActorPoolOptions { SizingPolicy = policy, SizingDecisionInterval = TimeSpan.FromMilliseconds(250) }.ToHocon();
        var block = ConfigurationFactory.ParseString(hocon);

        Assert.Equal(policy, block.GetString("sizing.policy"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), block.GetTimeSpan("sizing.decision-interval"));
        Assert.Equal("queue", PoolSettings.Create(ConfigurationFactory.ParseString(new ActorPoolOptions { SizingPolicy = "queue" }.ToHocon())).Sizing.Policy);
    }

    [Fact]
    public void LoggingIntervalZero_MeansOff_InTheOptionsAndInPoolSettings()
    {
        var fromOptions = PoolSettings.Create(
            ConfigurationFactory.ParseString(new ActorPoolOptions { LoggingInterval = TimeSpan.Zero }.ToHocon()));

        Assert.Null(fromOptions.LoggingInterval);
        Assert.Equal(new PoolSettings { LoggingInterval = TimeSpan.Zero }, fromOptions);
    }

    [Fact]
    public void ToHocon_IsNotPublic()
    {
        var toHocon = typeof(ActorPoolOptions).GetMethod(
            "ToHocon", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        Assert.NotNull(toHocon);
        Assert.False(toHocon.IsPublic);
    }

    private static Task<IHost> StartAsync(Action<AkkaConfigurationBuilder> akka) =>
        TestHosts.StartAsync(services => services.AddAkka("hosted", akka));

    private static Task<Exception> StartFailureAsync(Action<AkkaConfigurationBuilder> akka) =>
        Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var host = await StartAsync(akka);
        });

    [Fact]
    public void PullOptions_ReachThePullBlock()
    {
        var options = new ActorPoolOptions
        {
            PullMaybeRunInterval = TimeSpan.FromMilliseconds(100),
            PullTaskTimeout = TimeSpan.FromSeconds(30),
            PullMaxTasksPerMinute = 120,
            PullContinueOnError = true,
        };

        var pull = PoolSettings.Create(ConfigurationFactory.ParseString(options.ToHocon())).Pull;

        Assert.Equal(new PullSettings
        {
            MaybeRunInterval = TimeSpan.FromMilliseconds(100),
            TaskTimeout = TimeSpan.FromSeconds(30),
            MaxTasksPerMinute = 120,
            ContinueOnError = true,
        }, pull);
        Assert.Null(PoolSettings.Create(ConfigurationFactory.ParseString(new ActorPoolOptions { PullTaskTimeout = TimeSpan.Zero }.ToHocon())).Pull.TaskTimeout);
    }

    [Fact]
    public void WorkerOptions_ReachTheWorkersBlock()
    {
        var options = new ActorPoolOptions
        {
            WorkerMode = WorkerMode.Ephemeral,
            MaxJobsPerWorker = 50,
            WorkerMaxLifetime = TimeSpan.FromMinutes(30),
            WorkerIdleTimeout = TimeSpan.FromSeconds(10),
            JobTimeout = TimeSpan.FromSeconds(5),
        };

        var workers = PoolSettings.Create(ConfigurationFactory.ParseString(options.ToHocon())).Workers;

        Assert.Equal(new WorkerSettings
        {
            Mode = WorkerMode.Ephemeral,
            MaxJobsPerWorker = 50,
            MaxLifetime = TimeSpan.FromMinutes(30),
            IdleTimeout = TimeSpan.FromSeconds(10),
            JobTimeout = TimeSpan.FromSeconds(5),
        }, workers);
        Assert.Null(PoolSettings.Create(ConfigurationFactory.ParseString(new ActorPoolOptions { JobTimeout = TimeSpan.Zero }.ToHocon())).Workers.JobTimeout);
        var refused = Assert.Throws<ArgumentException>(() => PoolSettings.Create(ConfigurationFactory.ParseString(new ActorPoolOptions { WorkerIdleTimeout = TimeSpan.FromSeconds(-1) }.ToHocon())));
        Assert.Contains("actor-pool.workers.idle-timeout", refused.Message, StringComparison.Ordinal);
    }
}
