using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ActorPool.Internal.Supervision;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>The periodic state line (<c>actor-pool.logging-interval</c>) an operator reads in the log.</summary>
public sealed partial class StateLineTests(ITestOutputHelper output) : PoolTestKit(output, "akka.loglevel = INFO")
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StateLine_ReadsAsTheIssueShowsIt()
    {
        var load = Load(cpu: 0.12, memory: 0.40, lag: TimeSpan.FromMilliseconds(3));

        Assert.Equal(
            "pools - desired=4 total=4 idle=3 leased=1 busy=0 draining=0 queued=0 load=cpu 12% mem 40% lag 3ms ok",
            StatusBuilder.StateLine("pools", Status(load)));
    }

    [Fact]
    public void StateLine_BeforeAnyLoadSample_SaysLoadUnknown()
    {
        Assert.EndsWith(" queued=0 load=unknown", StatusBuilder.StateLine("pools", Status(LoadSnapshot.Unknown(s_now))), StringComparison.Ordinal);
    }

    [Fact]
    public void StateLine_UnderOverload_SaysOverloaded_AndAFailedProbeReadsAsAQuestionMark()
    {
        var load = Load(cpu: 0.97, memory: double.NaN, lag: TimeSpan.FromMilliseconds(80.6), overloaded: LoadSignal.Cpu, unknown: LoadSignal.Memory);

        Assert.EndsWith(" load=cpu 97% mem ? lag 81ms overloaded", StatusBuilder.StateLine("pools", Status(load)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingInterval_LogsTheStateLine_WithItsEventId_AndEachCountAsAStructuredField()
    {
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs, typeof(Info));
        var settings = SeedSettings with { MaxPools = 4, WorkersPerPool = 1, LoggingInterval = TimeSpan.FromMilliseconds(100) };
        var pools = StartSupervisor(settings);
        pools.Tell(new ScaleChanged(25));
        var name = pools.Path.Name;

        var line = await logs.FishForMessageAsync<Info>(info => Text(info).StartsWith($"[AP1010] {name} - desired=3 total=3", StringComparison.Ordinal), Wait);

        // The load depends on whether a sample has arrived yet: its shape, not its values.
        Assert.Matches(LinePattern(), Text(line));
        Assert.True(line.TryGetProperties(out var fields));
        Assert.Equal("AP1010", fields!["ActorPoolEventId"]);
        Assert.Equal(name, fields["Supervisor"]);
        Assert.Equal(3, fields["Desired"]);
        Assert.Equal(0, fields["Leased"]);
        Assert.Equal("{Supervisor}", Assert.IsType<string>(line.GetTemplate()).Split(' ')[1]);
    }

    [Fact]
    public async Task LoggingIntervalOff_InHocon_LogsNoStateLine()
    {
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs, typeof(Info));
        var off = PoolSettings.Create(ConfigurationFactory.ParseString("logging-interval = off")) with { MaxPools = 2 };
        Assert.Null(off.LoggingInterval);
        var silent = StartSupervisor(off).Path.Name;
        // A second supervisor that does log is the clock: three of its lines, and none of the other's.
        var ticking = StartSupervisor(SeedSettings with { LoggingInterval = TimeSpan.FromMilliseconds(100) }).Path.Name;

        var seen = 0;
        await logs.FishForMessageAsync<Info>(
            info =>
            {
                var text = Text(info);
                Assert.False(text.StartsWith($"[AP1010] {silent} ", StringComparison.Ordinal), text);
                seen += text.StartsWith($"[AP1010] {ticking} ", StringComparison.Ordinal) ? 1 : 0;
                return seen == 3;
            },
            Wait);
    }

    [Fact]
    public async Task UpdateSettings_TurnsTheStateLineOnAtOnce()
    {
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs, typeof(Info));
        var pools = StartSupervisor(SeedSettings with { LoggingInterval = null });
        var name = pools.Path.Name;

        await pools.Ask<Akka.Done>(UpdateSettings.Change(s => s with { LoggingInterval = TimeSpan.FromMilliseconds(100) }), Wait);

        await logs.FishForMessageAsync<Info>(info => Text(info).StartsWith($"[AP1010] {name} - desired=1", StringComparison.Ordinal), Wait);
    }

    private static string Text(LogEvent e) => e.Message?.ToString() ?? "";

    private static PoolStatus Status(LoadSnapshot load) => new()
    {
        Desired = 4,
        Total = 4,
        Idle = 3,
        Leased = 1,
        Busy = 0,
        Draining = 0,
        Stuck = 0,
        Queued = 0,
        RunningJobs = 0,
        Units = 31,
        MinPools = 1,
        MaxPools = 5,
        WorkersPerPool = 2,
        LeaseWaiters = 0,
        Pools = [],
        Leases = [],
        Load = load,
    };

    private static LoadSnapshot Load(double cpu, double memory, TimeSpan lag, LoadSignal? overloaded = null, LoadSignal? unknown = null)
    {
        var over = overloaded is { } o ? new[] { o }.ToFrozenSet() : FrozenSet<LoadSignal>.Empty;
        var shares = LoadSignals.All.ToFrozenDictionary(s => s, s => over.Contains(s) ? 1.0 : 0.0);
        var gone = unknown is { } u ? new[] { u }.ToFrozenSet() : FrozenSet<LoadSignal>.Empty;
        return new LoadSnapshot(s_now, cpu, memory, lag, 0, shares, shares, over, over, gone);
    }

    [GeneratedRegex(@"^\[AP1010\] pools-\d+ - desired=3 total=3 idle=\d leased=0 busy=\d draining=0 queued=0 load=(unknown|cpu (\d+%|\?) mem (\d+%|\?) lag \d+ms (ok|overloaded))$")]
    private static partial Regex LinePattern();
}
