using System.Diagnostics.Metrics;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Diagnostics;

/// <summary>
/// The <c>ActorPool</c> meter as a listener (dotnet-counters, OpenTelemetry) sees it: every
/// instrument of the contract with its kind and unit, tagged with its supervisor, and values that
/// follow the supervisor's status. Each test reads only its own supervisor's series.
/// </summary>
public sealed class ActorPoolMeterTests(ITestOutputHelper output)
    : PoolTestKit(output, "actor-pool.system-load { sample-interval = 100ms, current-window = 500ms, history = 2s }")
{
    private const string PoolCount = "actorpool.pool.count";
    private static readonly PoolSettings s_settings = new() { MinPools = 1, MaxPools = 4, UnitsPerPool = 10, WorkersPerPool = 2, LoggingInterval = null };

    [Fact]
    public async Task EveryInstrumentOfTheContract_IsPublished_WithItsKindAndUnit()
    {
        var pools = StartSupervisor(s_settings);
        using var meter = Capture(pools);
        await SettledAsync(pools);

        var expected = new Dictionary<string, (Type Kind, string Unit)>
        {
            ["actorpool.pool.count"] = (typeof(ObservableUpDownCounter<int>), "{pool}"),
            ["actorpool.pool.desired"] = (typeof(ObservableUpDownCounter<int>), "{pool}"),
            ["actorpool.pool.min"] = (typeof(ObservableUpDownCounter<int>), "{pool}"),
            ["actorpool.pool.max"] = (typeof(ObservableUpDownCounter<int>), "{pool}"),
            ["actorpool.units"] = (typeof(ObservableUpDownCounter<int>), "{unit}"),
            ["actorpool.job.queued"] = (typeof(ObservableUpDownCounter<int>), "{job}"),
            ["actorpool.job.running"] = (typeof(ObservableUpDownCounter<int>), "{job}"),
            ["actorpool.job.completed"] = (typeof(ObservableCounter<long>), "{job}"),
            ["actorpool.job.rejected"] = (typeof(ObservableCounter<long>), "{job}"),
            ["actorpool.job.duration"] = (typeof(Histogram<double>), "s"),
            ["actorpool.worker.count"] = (typeof(ObservableUpDownCounter<int>), "{worker}"),
            ["actorpool.worker.stuck"] = (typeof(ObservableUpDownCounter<int>), "{worker}"),
            ["actorpool.lease.count"] = (typeof(ObservableUpDownCounter<int>), "{lease}"),
            ["actorpool.lease.waiting"] = (typeof(ObservableUpDownCounter<int>), "{request}"),
            ["actorpool.lease.changes"] = (typeof(Counter<long>), "{event}"),
            ["actorpool.sizing.decisions"] = (typeof(Counter<long>), "{decision}"),
            ["actorpool.load.cpu"] = (typeof(ObservableGauge<double>), "1"),
            ["actorpool.load.memory"] = (typeof(ObservableGauge<double>), "1"),
            ["actorpool.load.scheduling_lag"] = (typeof(ObservableGauge<double>), "s"),
            ["actorpool.load.overloaded"] = (typeof(ObservableGauge<int>), "1"),
        };
        Assert.Equal(expected.Keys.Order(), meter.Instruments.Keys.Order());
        foreach (var (name, (kind, unit)) in expected)
        {
            var instrument = meter.Instruments[name];
            Assert.True(instrument.GetType() == kind, $"{name} is a {instrument.GetType().Name}, not a {kind.Name}");
            Assert.Equal(unit, instrument.Unit);
            Assert.False(string.IsNullOrEmpty(instrument.Description), $"{name} has no description");
        }
        Assert.Equal(ActorPoolMetrics.MeterName, meter.Instruments.Values.First().Meter.Name);
    }

    [Fact]
    public async Task PoolCounts_ByState_FollowTheStatus_AfterScaleChanged_TaggedWithTheSupervisor()
    {
        var pools = StartSupervisor(s_settings);
        using var meter = Capture(pools);
        var client = ActorPools.Get(Sys).Client(pools);

        pools.Tell(new ScaleChanged(31));
        await UntilAsync(() => client.Status is { Total: 4, Settled: true });

        await EventuallyAsync(() =>
        {
            var seen = meter.Collect();
            var counts = seen.Where(m => m.Name == PoolCount).ToDictionary(m => m.Tag("actorpool.pool.state")!, m => m.Value);
            Assert.Equal(new Dictionary<string, double> { ["idle"] = 4, ["busy"] = 0, ["leased"] = 0, ["draining"] = 0, ["stuck"] = 0 }, counts);
            Assert.Equal(4, Single(seen, "actorpool.pool.desired"));
            Assert.Equal(31, Single(seen, "actorpool.units"));
            Assert.Equal(1, Single(seen, "actorpool.pool.min"));
            Assert.Equal(4, Single(seen, "actorpool.pool.max"));
            Assert.Equal(8, Single(seen, "actorpool.worker.count"));
            Assert.Equal(0, Single(seen, "actorpool.worker.stuck"));
        });
        var any = meter.Collect().First(m => m.Name == PoolCount);
        Assert.Equal(pools.Path.ToStringWithoutAddress(), any.Tag("actorpool.supervisor"));
        Assert.Equal(Sys.Name, any.Tag("actorpool.system"));
        Assert.False(any.Tags.ContainsKey("actorpool.group"));

        // The target moved from 1 to 4: the decision was counted under its policy.
        await EventuallyAsync(() => Assert.Contains(
            meter.Recorded("actorpool.sizing.decisions"), m => m.Tag("actorpool.sizing.policy") == "units"));
    }

    [Fact]
    public async Task QueuedAndRunning_CountGatedJobs_AndCompletedCountsThemOnceTheyEnd()
    {
        var pools = StartSupervisor(s_settings with { MaxPools = 1, WorkersPerPool = 1 });
        using var meter = Capture(pools);
        var client = ActorPools.Get(Sys).Client(pools);
        await SettledAsync(pools);
        using var gate = new Gate();

        var jobs = Enumerable.Range(0, 3).Select(_ => client.SubmitAsync(() => { gate.Pass(); return 1; })).ToList();

        await EventuallyAsync(() =>
        {
            Assert.Equal(1, meter.Observed("actorpool.job.running"));
            Assert.Equal(2, meter.Observed("actorpool.job.queued"));
            Assert.Equal(1, meter.Observed(PoolCount, "actorpool.pool.state", "busy"));
        });
        gate.Open();
        await Within(Task.WhenAll(jobs));
        await EventuallyAsync(() =>
        {
            Assert.Equal(0, meter.Observed("actorpool.job.running"));
            Assert.Equal(0, meter.Observed("actorpool.job.queued"));
            Assert.Equal(3, meter.Observed("actorpool.job.completed", "actorpool.job.outcome", "succeeded"));
        });
    }

    [Fact]
    public async Task CompletedAndDuration_SplitByOutcome_SucceededFailedAndTimedOut()
    {
        // Long enough that even a loaded machine starts the held job before it times out.
        var settings = s_settings with { MaxPools = 1, WorkersPerPool = 2, Workers = new WorkerSettings { JobTimeout = TimeSpan.FromSeconds(1) } };
        var pools = StartSupervisor(settings);
        using var meter = Capture(pools);
        var client = ActorPools.Get(Sys).Client(pools);
        await SettledAsync(pools);

        await Within(client.SubmitAsync(() => 1));
        await Within(client.SubmitAsync(() => 2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Within(client.SubmitAsync<int>(() => throw new InvalidOperationException("deliberate"))));
        long entered = 0;
        TimeSpan held;
        using (var gate = new Gate())
        {
            // Held past its timeout: its caller hears at once, its worker counts the job when it returns.
            var late = client.SubmitAsync(() => { Interlocked.Exchange(ref entered, TimeProvider.System.GetTimestamp()); gate.Pass(); return 3; });
            await Assert.ThrowsAsync<JobTimeoutException>(() => Within(late));
            Assert.Equal(1, gate.Entered);
            held = TimeProvider.System.GetElapsedTime(Interlocked.Read(ref entered));
        }

        await EventuallyAsync(() =>
        {
            var completed = meter.Collect().Where(m => m.Name == "actorpool.job.completed")
                .ToDictionary(m => m.Tag("actorpool.job.outcome")!, m => m.Value);
            Assert.Equal(new Dictionary<string, double>
            {
                ["succeeded"] = 2,
                ["failed"] = 1,
                ["cancelled"] = 0,
                ["dropped"] = 0,
                ["timed_out"] = 1,
                ["crashed"] = 0,
            }, completed);
            var durations = meter.Recorded("actorpool.job.duration");
            Assert.Equal(2, durations.Count(m => m.Tag("actorpool.job.outcome") == "succeeded"));
            Assert.Equal(1, durations.Count(m => m.Tag("actorpool.job.outcome") == "failed"));
            Assert.Equal(1, durations.Count(m => m.Tag("actorpool.job.outcome") == "timed_out"));
            Assert.All(durations, m => Assert.InRange(m.Value, 0, PoolTestKit.Wait.TotalSeconds * 2));
        });
        // The timed-out job ran at least as long as the test held it: the histogram has seconds, not milliseconds.
        var timedOut = meter.Recorded("actorpool.job.duration").Single(m => m.Tag("actorpool.job.outcome") == "timed_out");
        Assert.InRange(timedOut.Value, held.TotalSeconds * 0.9, held.TotalSeconds + PoolTestKit.Wait.TotalSeconds);
    }

    [Fact]
    public async Task Rejected_CountsAJobRefusedAtTheQueueLimit()
    {
        var pools = StartSupervisor(s_settings with { MaxPools = 1, WorkersPerPool = 1, MaxQueuedJobs = 0 });
        using var meter = Capture(pools);
        var client = ActorPools.Get(Sys).Client(pools);
        await SettledAsync(pools);
        Assert.Equal(0, meter.Observed("actorpool.job.rejected"));
        using var gate = new Gate();

        var held = client.SubmitAsync(() => { gate.Pass(); return 0; });
        await UntilAsync(() => gate.Entered == 1);
        await Assert.ThrowsAsync<JobRejectedException>(() => client.SubmitAsync(() => 0));

        Assert.Equal(1, meter.Observed("actorpool.job.rejected"));
        gate.Open();
        await Within(held);
    }

    [Fact]
    public async Task LeaseCountAndChanges_FollowALease_FromGrantToRelease()
    {
        var pools = StartSupervisor(Settings(maxPools: 2, workers: 1));
        using var meter = Capture(pools);
        await SettledAsync(pools);
        var holder = CreateTestProbe();

        var lease = await AcquireAsync(holder, pools, LongLease);

        await EventuallyAsync(() =>
        {
            Assert.Equal(1, meter.Observed("actorpool.lease.count", "actorpool.lease.state", "active"));
            Assert.Equal(1, meter.Observed(PoolCount, "actorpool.pool.state", "leased"));
            Assert.Single(meter.Recorded("actorpool.lease.changes"), m => m.Tag("actorpool.lease.step") == "granted");
        });
        await Within(lease.ReleaseAsync());
        await EventuallyAsync(() =>
        {
            Assert.Single(meter.Recorded("actorpool.lease.changes"), m => m.Tag("actorpool.lease.step") == "released");
            Assert.Equal(0, meter.Collect().Where(m => m.Name == "actorpool.lease.count").Sum(m => m.Value));
            Assert.Equal(0, meter.Observed(PoolCount, "actorpool.pool.state", "leased"));
        });
        Assert.Equal(0, meter.Observed("actorpool.lease.waiting"));
    }

    [Fact]
    public async Task LoadGauges_ReportTheSystemLoad_OnceSampled()
    {
        var pools = StartSupervisor(s_settings);
        using var meter = Capture(pools);
        await SettledAsync(pools);

        await EventuallyAsync(() =>
        {
            var seen = meter.Collect();
            Assert.InRange(Single(seen, "actorpool.load.cpu"), 0, 1);
            Assert.InRange(Single(seen, "actorpool.load.memory"), 0, 1);
            Assert.InRange(Single(seen, "actorpool.load.scheduling_lag"), 0, PoolTestKit.Wait.TotalSeconds);
            Assert.InRange(Single(seen, "actorpool.load.overloaded"), 0, 1);
        });
    }

    [Fact]
    public async Task AStoppedSupervisorsSeries_End()
    {
        var pools = StartSupervisor(s_settings);
        using var meter = Capture(pools);
        await SettledAsync(pools);
        Assert.Contains(meter.Collect(), m => m.Name == "actorpool.pool.desired");

        var probe = CreateTestProbe();
        probe.Watch(pools);
        pools.Tell(PoisonPill.Instance);
        await probe.ExpectTerminatedAsync(pools, Wait);

        await EventuallyAsync(() => Assert.Empty(meter.Collect()));
    }

    private static double Single(IReadOnlyList<Measured> seen, string name) => seen.Single(m => m.Name == name).Value;

    private MeterCapture Capture(IActorRef pools) => new(pools.Path.ToStringWithoutAddress(), Sys.Name);
}
