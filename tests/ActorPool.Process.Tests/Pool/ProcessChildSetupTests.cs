using ActorPool.Process.TestApp;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorPool.Process.Tests.Pool;

/// <summary>A pool's children get <c>actor-pool.process.env</c> and run <c>actor-pool.process.initializer</c>
/// once each, from HOCON and from code; an in-process initializer is refused with this backend.</summary>
public sealed class ProcessChildSetupTests(ITestOutputHelper output) : PoolTestKit(output, $$"""
    actor-pool.process {
      env { {{Variable}} = from-hocon }
      initializer = "{{typeof(CountingInitializer).FullName}}, {{typeof(CountingInitializer).Assembly.GetName().Name}}"
    }
    """)
{
    internal const string Variable = "ACTORPOOL_TEST_SETUP";

    private static readonly string s_refusal =
        "actor-pool.workers.initializer cannot be used with actor-pool.workers.backend = process";

    private static PoolSettings Seed => SeedSettings with { MaxPools = 1, WorkersPerPool = 2, LoggingInterval = null };

    [Fact]
    public async Task FromHocon_EveryChildSeesTheEnv_AndRanTheInitializerOnce()
    {
        var pools = StartSupervisor(Seed with { Workers = new WorkerSettings { Backend = WorkerBackend.Process } });

        var setups = await SetupsAsync(pools);

        Assert.All(setups, s => Assert.Equal(("from-hocon", 1), (s.Variable, s.InitializerRuns)));
        Assert.DoesNotContain(Environment.ProcessId, setups.Select(s => s.Pid));
    }

    [Fact]
    public async Task FromCode_ProcessSettingsWin_OverTheHoconBlock()
    {
        var process = ProcessSettings.Create(Sys) with
        {
            Env = new Dictionary<string, string> { [Variable] = "from-code" },
        };
        var pools = StartSupervisor(Seed.WithProcessBackend(process));

        var setups = await SetupsAsync(pools);

        // The initializer came along from HOCON through ProcessSettings.Create(Sys); env was replaced.
        Assert.All(setups, s => Assert.Equal(("from-code", 1), (s.Variable, s.InitializerRuns)));
    }

    [Fact]
    public async Task AfterKillWorkers_TheFreshChildrenRunTheInitializerOnceEach()
    {
        var pools = StartSupervisor(Seed.WithProcessBackend(ProcessSettings.Create(Sys)));
        var before = (await SetupsAsync(pools)).Select(s => s.Pid).ToHashSet();

        pools.Tell(KillWorkers.Instance);
        await ExpectMsgAsync<Akka.Done>(Wait);
        var after = await SetupsAsync(pools);

        Assert.All(after, s => Assert.Equal(1, s.InitializerRuns));
        Assert.DoesNotContain(after, s => before.Contains(s.Pid));
    }

    [Fact]
    public void AnInProcessInitializer_WithTheProcessBackend_IsRefused_FromHocon()
    {
        var config = ConfigurationFactory.ParseString($$"""
            workers.backend = process
            workers.initializer = "{{typeof(ThreadInitializer).FullName}}, {{typeof(ThreadInitializer).Assembly.GetName().Name}}"
            """);

        var error = Assert.Throws<ArgumentException>(() => PoolSettings.Create(config));

        Assert.Contains(s_refusal, error.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.process.initializer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInProcessInitializer_WithTheProcessBackend_IsRefused_FromCode()
    {
        var settings = Seed with { Workers = new WorkerSettings { Backend = WorkerBackend.Process, Initializer = new ThreadInitializer() } };
        var options = new ReusableExecutorOptions { Key = "refused", Backend = WorkerBackend.Process, Initializer = new ThreadInitializer() };

        Assert.Contains(s_refusal, Assert.Throws<ArgumentException>(() => settings.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains(s_refusal, Assert.Throws<ArgumentException>(() => ActorPools.Get(Sys).ReusableExecutor(options)).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("initializer = \"No.Such.Type, Nowhere\"", "actor-pool.process.initializer names no type that can be loaded")]
    [InlineData("initializer = \"ActorPool.Process.TestApp.EchoJob, ActorPool.Process.TestApp\"",
        "actor-pool.process.initializer must name a concrete type implementing ActorPool.Process.IProcessInitializer")]
    public void ABadInitializer_NamesItsKey(string hocon, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ProcessSettings.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs enough jobs on the pool's two children to see both, or every job on one.</summary>
    private async Task<IReadOnlyList<ChildSetup>> SetupsAsync(IActorRef pools)
    {
        var client = ActorPools.Get(Sys).Client(pools);
        var jobs = Enumerable.Range(0, 6).Select(_ => client.RunProcessJobAsync<ChildSetupJob, string, ChildSetup>(Variable));
        return await Task.WhenAll(jobs).WaitAsync(Wait);
    }

    /// <summary>An in-process initializer, which a process pool must refuse.</summary>
    public sealed class ThreadInitializer : IWorkerInitializer
    {
        public void Initialize(WorkerStart worker)
        {
        }
    }
}
