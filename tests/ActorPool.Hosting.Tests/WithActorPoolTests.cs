using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Hosting.Tests;

/// <summary>A generic host with AddAkka and WithActorPool, used the way an application would.</summary>
public sealed class WithActorPoolTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task InjectedClient_SubmitsToTheHostedSupervisor()
    {
        using var host = await StartAsync(services => services.AddAkka("hosted", b => b
            .WithActorPool("pools", o =>
            {
                o.MaxPools = 3;
                o.WorkersPerPool = 2;
            })));

        var client = host.Services.GetRequiredService<PoolClient>();
        var thread = await client.SubmitAsync(() => Thread.CurrentThread.Name).WaitAsync(s_wait);
        Assert.StartsWith("pools-pool-", thread);

        var status = await client.AwaitSettledAsync().WaitAsync(s_wait);
        Assert.Equal(3, status.MaxPools);
        Assert.Equal(2, status.WorkersPerPool);
        var registered = host.Services.GetRequiredService<IRequiredActor<PoolSupervisor>>();
        Assert.Equal(registered.ActorRef, client.Supervisor);
    }

    [Fact]
    public async Task Options_WinOverApplicationHocon_AndNullKeepsIt()
    {
        var app = Akka.Configuration.ConfigurationFactory.ParseString("actor-pool { max-pools = 6, units-per-pool = 7 }");
        using var host = await StartAsync(services => services.AddAkka("hosted", b => b
            .AddHocon(app, HoconAddMode.Prepend)
            .WithActorPool("pools", o => o.MaxPools = 2)));

        var status = await host.Services.GetRequiredService<PoolClient>().GetStatusAsync().WaitAsync(s_wait);
        Assert.Equal(2, status.MaxPools);
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal(7, PoolSettings.Create(system).UnitsPerPool);
        Assert.Equal(6, ActorPools.Get(system).Settings.MaxPools);
    }

    [Fact]
    public async Task SizeProvider_FromServices_SizesThePools()
    {
        var devices = new DeviceRegistry { Count = 25 };
        using var host = await StartAsync(services => services
            .AddSingleton(devices)
            .AddAkka("hosted", b => b.WithActorPool(
                "pools",
                o => o.UnitsPerPool = 10,
                sp => () => sp.GetRequiredService<DeviceRegistry>().Count)));

        var client = host.Services.GetRequiredService<PoolClient>();
        Assert.Equal(3, (await client.AwaitSettledAsync().WaitAsync(s_wait)).Total);
        devices.Count = 0;
        client.Recheck();
        Assert.Equal(1, (await client.AwaitSettledAsync().WaitAsync(s_wait)).Total);
    }

    [Fact]
    public async Task HostedServiceTakingTheClient_StartsBeforeTheSupervisor_AndItsSubmitWaitsForIt()
    {
        // Registered before AddAkka, so the host builds and starts it before Akka.Hosting has started
        // the supervisor (measured on the earlier client: MissingActorRegistryEntryException, the host did not start).
        var ran = new JobRunner.Result();
        using var host = await StartAsync(services => services
            .AddSingleton(ran)
            .AddHostedService<JobRunner>()
            .AddAkka("hosted", b => b.WithActorPool("pools", o => o.WorkersPerPool = 1)));

        var thread = await ran.Thread.Task.WaitAsync(s_wait);

        Assert.StartsWith("pools-pool-", thread, StringComparison.Ordinal);
        var client = host.Services.GetRequiredService<PoolClient>();
        Assert.Equal(host.Services.GetRequiredService<IRequiredActor<PoolSupervisor>>().ActorRef, client.Supervisor);
    }

    [Fact]
    public async Task InvalidOption_FailsTheStartNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var host = await StartAsync(services => services.AddAkka("hosted", b => b
                .WithActorPool("pools", o => o.MaxPools = 0)));
        });
        Assert.Contains("actor-pool.max-pools", TestHosts.Flatten(error), StringComparison.Ordinal);
    }

    private static Task<IHost> StartAsync(Action<IServiceCollection> configure) =>
        TestHosts.StartAsync(services =>
        {
            configure(services);
            services.AddActorPoolClient();
        });

    /// <summary>An application's hosted service that submits a job as soon as it runs.</summary>
    public sealed class JobRunner(PoolClient client, JobRunner.Result result) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                result.Thread.TrySetResult(await client.SubmitAsync(() => Thread.CurrentThread.Name ?? "?", stoppingToken));
            }
            catch (Exception e)
            {
                result.Thread.TrySetException(e);
            }
        }

        /// <summary>Where the job ran.</summary>
        public sealed class Result
        {
            public TaskCompletionSource<string> Thread { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>An application service that knows how many devices are connected.</summary>
    public sealed class DeviceRegistry
    {
        private int _count;

        public int Count
        {
            get => Volatile.Read(ref _count);
            set => Volatile.Write(ref _count, value);
        }
    }
}
