using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorPool.Tests.Supervision;

/// <summary>The periodic state line (<c>actor-pool.logging-interval</c>) an operator reads in the log.</summary>
public sealed class StateLineTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit("akka.loglevel = INFO", output: output)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LoggingInterval_LogsTheStateLineWithTheSupervisorsNameAndCounts()
    {
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs, typeof(Info));
        var settings = new PoolSettings { MinPools = 1, MaxPools = 4, UnitsPerPool = 10, WorkersPerPool = 1, LoggingInterval = TimeSpan.FromMilliseconds(100) };
        var pools = Sys.ActorOf(PoolSupervisor.Props(settings), "state-line");
        pools.Tell(new ScaleChanged(25));

        var line = await logs.FishForMessageAsync<Info>(
            info => info.Message?.ToString()?.StartsWith("state-line - desired=3 total=3", StringComparison.Ordinal) == true,
            s_wait);

        Assert.Contains("leased=0", line.Message!.ToString(), StringComparison.Ordinal);
        Assert.Contains("units=25", line.Message.ToString(), StringComparison.Ordinal);
    }
}
