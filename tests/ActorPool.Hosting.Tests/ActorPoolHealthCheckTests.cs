using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ActorPool.Hosting.Tests;

/// <summary>
/// The health check registered with <c>AddHealthChecks().AddActorPool()</c>, run by the host's
/// <see cref="HealthCheckService"/> as an application's health endpoint runs it.
/// </summary>
public sealed class ActorPoolHealthCheckTests
{
    [Fact]
    public async Task ARunningSupervisor_IsHealthy_WithItsNumbersInTheData()
    {
        // The overload verdict is off: a loaded test machine may lag for the few seconds this runs.
        using var host = await StartAsync(o => o.MinPools = 2, h => h.DegradedWhenOverloaded = false);
        await host.Services.GetRequiredService<PoolClient>().AwaitSettledAsync().WaitAsync(TestHosts.Wait);

        var entry = await CheckAsync(host);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(2, entry.Data["total"]);
        Assert.Equal(2, entry.Data["idle"]);
        Assert.Equal(0, entry.Data["stuck"]);
        Assert.Equal("/user/pools", entry.Data["supervisor"]);
        Assert.Contains("/user/pools: 2 pools", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStuckPool_Degrades_UntilItsJobEnds()
    {
        using var host = await StartAsync(o =>
        {
            o.MaxPools = 1;
            o.WorkersPerPool = 1;
            o.LeaseGrace = TimeSpan.FromMilliseconds(100);
            o.LeaseRevokeTimeout = TimeSpan.FromMilliseconds(200);
        }, h => h.DegradedWhenOverloaded = false);
        var client = host.Services.GetRequiredService<PoolClient>();
        var lease = await client.AcquireLeaseAsync(TimeSpan.FromMilliseconds(200), TestHosts.Wait).WaitAsync(TestHosts.Wait);
        using var stubborn = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = lease.SubmitAsync(() =>
        {
            started.SetResult();
            stubborn.Wait(TestHosts.Wait * 3); // ignores its cancellation on purpose, so the revoked pool is stuck
            return 1;
        });
        await started.Task.WaitAsync(TestHosts.Wait);

        var degraded = await EventuallyAsync(host, e => e.Status == HealthStatus.Degraded);
        Assert.Equal(1, degraded.Data["stuck"]);
        Assert.Contains("1 stuck pool", degraded.Description, StringComparison.Ordinal);

        stubborn.Set();
        Assert.Equal(1, await job.WaitAsync(TestHosts.Wait));
        var healthy = await EventuallyAsync(host, e => e.Status == HealthStatus.Healthy);
        Assert.Equal(0, healthy.Data["stuck"]);
    }

    [Fact]
    public async Task AStoppedSupervisor_IsUnhealthy()
    {
        using var host = await StartAsync(o => o.MinPools = 1);
        var supervisor = await host.Services.GetRequiredService<IRequiredActor<PoolSupervisor>>().GetAsync().WaitAsync(TestHosts.Wait);

        Assert.True(await supervisor.GracefulStop(TestHosts.Wait));

        var entry = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("the pool supervisor /user/pools is not running (stopped, or still starting)", entry.Description);
    }

    [Fact]
    public async Task ASupervisorNeverStarted_IsUnhealthy_NamingItsKey()
    {
        using var host = await TestHosts.StartAsync(services =>
        {
            services.AddAkka("health", b => b.WithActorPool("pools"));
            services.AddHealthChecks().AddActorPool<NeverStarted>("never");
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TestHosts.Wait);

        var entry = report.Entries["never"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("no pool supervisor is registered under NeverStarted", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void PersistingOverload_Degrades_NamingTheSignal_AndCanBeIgnored()
    {
        var status = new PoolStatus
        {
            Supervisor = "/user/pools",
            Desired = 1,
            Total = 1,
            Idle = 1,
            Busy = 0,
            Leased = 0,
            Draining = 0,
            Stuck = 0,
            Queued = 0,
            RunningJobs = 0,
            Units = 0,
            MinPools = 1,
            MaxPools = 2,
            WorkersPerPool = 1,
            LeaseWaiters = 0,
            Pools = [],
            Leases = [],
            Load = LoadSnapshot.Of(DateTimeOffset.UnixEpoch, LoadSignal.Cpu),
        };

        var degraded = ActorPoolHealthCheck.Evaluate(status, new ActorPoolHealthOptions());
        var ignored = ActorPoolHealthCheck.Evaluate(status, new ActorPoolHealthOptions { DegradedWhenOverloaded = false });

        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal("/user/pools: overloaded over the load history: cpu", degraded.Description);
        Assert.Equal(HealthStatus.Healthy, ignored.Status);
    }

    private static Task<IHost> StartAsync(Action<ActorPoolOptions> pool, Action<ActorPoolHealthOptions>? health = null) =>
        TestHosts.StartAsync(services =>
        {
            services.AddAkka("health", b => b.WithActorPool("pools", o =>
            {
                o.LoggingInterval = TimeSpan.Zero;
                pool(o);
            }));
            services.AddActorPoolClient();
            services.AddHealthChecks().AddActorPool(configure: health);
        });

    private static async Task<HealthReportEntry> CheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TestHosts.Wait);
        return report.Entries["actor-pool"];
    }

    /// <summary>
    /// Runs the check again after each pool event or load sample of the host's actor system (what
    /// can change the verdict), until <paramref name="condition"/> holds, or fails with the last entry.
    /// </summary>
    private static async Task<HealthReportEntry> EventuallyAsync(IHost host, Func<HealthReportEntry, bool> condition)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        var changes = System.Threading.Channels.Channel.CreateUnbounded<object>();
        var listener = system.ActorOf(Props.Create(() => new Forwarder(changes.Writer)));
        system.EventStream.Subscribe(listener, typeof(PoolEvent));
        // Each load sample (once per sample-interval) also wakes it: a verdict published just after
        // the last event is seen at the next sample.
        ActorPools.Get(system).SystemLoad.Tell(new SubscribeLoad(listener));
        using var deadline = new CancellationTokenSource(TestHosts.Wait * 2);
        try
        {
            while (true)
            {
                var entry = await CheckAsync(host);
                if (condition(entry))
                {
                    return entry;
                }
                try
                {
                    await changes.Reader.ReadAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"the check stayed {entry.Status}: {entry.Description}");
                }
            }
        }
        finally
        {
            system.Stop(listener);
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(System.Threading.Channels.ChannelWriter<object> changes) => ReceiveAny(m => changes.TryWrite(m));
    }

    private sealed class NeverStarted;
}
