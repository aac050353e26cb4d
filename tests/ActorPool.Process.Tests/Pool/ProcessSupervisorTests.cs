using ActorPool.Internal.Process.Pool;
using ActorPool.Internal.Supervision;
using ActorPool.Process.TestApp;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Process.Tests.Pool;

/// <summary>A supervisor with <c>workers.backend = process</c>, through its client and its messages.</summary>
public sealed class ProcessSupervisorTests(ITestOutputHelper output)
    : PoolTestKit(output, "actor-pool.process.cancel-grace = 200ms"), IAsyncLifetime
{
    private readonly WorkerFixture _files = new();

    private static PoolSettings ProcessSettings(int maxJobCrashes = 2) => SeedSettings with
    {
        MaxPools = 1,
        LoggingInterval = null,
        Workers = new WorkerSettings { Backend = WorkerBackend.Process, MaxJobCrashes = maxJobCrashes },
    };

    [Fact]
    public async Task APortableJob_RunsInAChild_ThroughPoolClient_AndAsAMessage()
    {
        var pools = StartSupervisor(ProcessSettings());
        var client = ActorPools.Get(Sys).Client(pools);

        var reply = await Within(client.RunProcessJobAsync<EchoJob, string, EchoReply>("hello"));
        pools.Tell(SubmitProcessJob.Create<IntEchoJob, int, int>(6));

        Assert.Equal("hello", reply.Text);
        Assert.NotEqual(Environment.ProcessId, reply.Pid);
        Assert.Equal(6, await ExpectMsgAsync<int>(Wait));
        var status = await StatusAsync(pools);
        Assert.Equal(2, Assert.Single(status.Pools).LiveWorkers);
    }

    [Fact]
    public async Task ADelegate_FailsAtOnce_WithNotPortableJobException()
    {
        var pools = StartSupervisor(ProcessSettings());
        var client = ActorPools.Get(Sys).Client(pools);

        await Assert.ThrowsAsync<NotPortableJobException>(() => Within(client.SubmitAsync(() => 1)));
        pools.Tell(new Submit(() => 1));

        Assert.IsType<NotPortableJobException>((await ExpectMsgAsync<Status.Failure>(Wait)).Cause);
    }

    [Fact]
    public async Task AChildKilledMidJob_FailsItsJob_AFreshChildTakesTheNext_AndNoCapacityLeaks()
    {
        var pools = StartSupervisor(ProcessSettings(maxJobCrashes: 1));
        var client = ActorPools.Get(Sys).Client(pools);
        Assert.Equal(1, await Within(client.RunProcessJobAsync<IntEchoJob, int, int>(1)));
        var before = Assert.Single((await StatusAsync(pools)).Pools);
        var marker = _files.Marker();

        var hanging = client.RunProcessJobAsync<HangJob, string, int>(marker);
        await Await.UntilAsync(() => File.Exists(marker) && new FileInfo(marker).Length > 0, "the job runs in its child");
        var pid = int.Parse(await File.ReadAllTextAsync(marker), System.Globalization.CultureInfo.InvariantCulture);
        using (var child = System.Diagnostics.Process.GetProcessById(pid))
        {
            child.Kill(); // SIGKILL
        }

        var crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => Within(hanging));
        Assert.Equal(9, crash.Signal);
        Assert.Contains(crash.LastStderrLines, l => l.Contains("hang job: started", StringComparison.Ordinal));
        var next = await Within(client.RunProcessJobAsync<EchoJob, string, EchoReply>("after"));
        Assert.NotEqual(pid, next.Pid);
        await EventuallyAsync(async () =>
        {
            var after = Assert.Single((await StatusAsync(pools)).Pools);
            Assert.Equal((before.LiveWorkers, 0, 0), (after.LiveWorkers, after.RunningJobs, after.QueuedJobs));
            Assert.Equal(1, after.Jobs.Crashed);
            Assert.True(after.WorkersStarted > before.WorkersStarted, "a fresh child was started");
        });
    }

    [Fact]
    public async Task AJobThatCrashesOnce_IsRetried_PerMaxJobCrashes()
    {
        var pools = StartSupervisor(ProcessSettings(maxJobCrashes: 2));
        var client = ActorPools.Get(Sys).Client(pools);

        var pid = await Within(client.RunProcessJobAsync<CrashOnceJob, string, int>(_files.Marker()));

        Assert.NotEqual(Environment.ProcessId, pid);
        await EventuallyAsync(async () =>
        {
            var pool = Assert.Single((await StatusAsync(pools)).Pools);
            Assert.Equal((1L, 0L), ((long)pool.Jobs.Succeeded, (long)pool.Jobs.Crashed));
            Assert.True(pool.WorkersStarted >= 3, $"{pool.WorkersStarted} children started: 2, and the crashed one's replacement");
        });
    }

    [Fact]
    public async Task AJobTimeout_FromTheWorkersBlock_KillsAChildThatIgnoresIt()
    {
        var settings = ProcessSettings() with { Workers = ProcessSettings().Workers with { JobTimeout = TimeSpan.FromSeconds(1) } };
        var pools = StartSupervisor(settings);
        var client = ActorPools.Get(Sys).Client(pools);
        // The echoes name their own timeout: a child's start on a loaded machine may take longer
        // than the block's 1 s, which only the hanging job is meant to meet.
        Assert.Equal(1, await Within(client.RunProcessJobAsync<IntEchoJob, int, int>(1, Wait)));
        var marker = _files.Marker();

        await Assert.ThrowsAsync<JobTimeoutException>(() => Within(client.RunProcessJobAsync<HangJob, string, int>(marker)));

        var pid = int.Parse(await File.ReadAllTextAsync(marker), System.Globalization.CultureInfo.InvariantCulture);
        await Await.UntilAsync(() => Await.IsGone(pid), "the child is killed after cancel-grace");
        Assert.Equal(2, await Within(client.RunProcessJobAsync<IntEchoJob, int, int>(2, Wait)));
    }

    [Fact]
    public async Task StopGracefully_LeavesNoChildProcess()
    {
        var pools = StartSupervisor(ProcessSettings());
        var client = ActorPools.Get(Sys).Client(pools);
        Assert.Equal(1, await Within(client.RunProcessJobAsync<IntEchoJob, int, int>(1)));
        var books = LocalSupervisors.Find(pools)!;
        List<int> pids = [];
        await EventuallyAsync(() =>
        {
            pids = [.. books.Pools.All.ToList().Select(p => p.Runtime).OfType<ProcessRuntime>().SelectMany(r => r.ChildPids)];
            Assert.Equal(2, pids.Count);
        });
        Watch(pools);

        pools.Tell(StopGracefully.Instance);

        await ExpectMsgAsync<Akka.Done>(Wait);
        await ExpectTerminatedAsync(pools, Wait);
        Assert.All(pids, pid => Assert.True(Await.IsGone(pid), $"child {pid} still runs"));
    }

    [Fact]
    public async Task TheBackend_AndTheProcessBlock_ComeFromHocon()
    {
        using var system = ActorSystem.Create("process-hocon", """
            actor-pool.workers.backend = process
            actor-pool.process.cancel-grace = 150ms
            """);

        Assert.Equal(WorkerBackend.Process, PoolSettings.Create(system).Workers.Backend);
        Assert.Equal(TimeSpan.FromMilliseconds(150), Process.ProcessSettings.Create(system).CancelGrace);
        // Injected as a fallback: the embedded defaults are read from the system's own config now.
        Assert.Equal(TimeSpan.FromSeconds(30), system.Settings.Config.GetTimeSpan("actor-pool.process.start-timeout"));
        Assert.Equal(WorkerBackend.Process, PoolSettings.Create(system).Workers.Backend);
        await system.Terminate().WaitAsync(Wait);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _files.DisposeAsync();
}
