using ActorPool.Tests.Sizing.Sim;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorPool.Tests.Sizing;

/// <summary>
/// Replays every workload trace through the real sizing loop and checks what its <c>expect</c>
/// block says: the exact trajectory where one is given, reversals, bounds, ticks to 90% of a step,
/// and size changes after it settled. The trajectory table goes to the test output.
/// </summary>
public sealed class TraceSimulatorTests(ITestOutputHelper output)
{
    public static TheoryData<string> Traces() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Sizing", "Traces"), "*.conf").Select(f => Path.GetFileName(f)!).Order()];

    [Fact]
    public void Traces_AreCopiedToTheOutput() => Assert.True(Traces().Count >= 9, $"{Traces().Count} traces");

    [Theory]
    [MemberData(nameof(Traces))]
    public void Replay_Trace_MeetsItsExpectations(string file)
    {
        var trace = TraceSimulator.Load(file);
        var r = TraceSimulator.Run(trace);
        output.WriteLine(r.Printed);
        var expect = trace.GetConfig("expect");
        var t = r.Trajectory;
        if (expect.HasPath("trajectory"))
        {
            Assert.Equal(expect.GetIntList("trajectory"), t);
        }
        if (expect.HasPath("max-reversals"))
        {
            Assert.True(r.Reversals() <= expect.GetInt("max-reversals"), $"{r.Reversals()} reversals");
        }
        if (expect.HasPath("min-reversals"))
        {
            Assert.True(r.Reversals() >= expect.GetInt("min-reversals"), $"{r.Reversals()} reversals");
        }
        if (expect.HasPath("final"))
        {
            var final = expect.GetIntList("final");
            Assert.InRange(t[^1], final[0], final[1]);
        }
        if (expect.HasPath("never-above"))
        {
            Assert.True(t.Max() <= expect.GetInt("never-above"), $"reached {t.Max()}");
        }
        foreach (var reach in Blocks(expect, "reach"))
        {
            var ticks = r.TicksToNinetyPercent(reach.GetInt("from"), reach.GetInt("pools"));
            Assert.True(ticks <= reach.GetInt("within"), $"90% of the way to {reach.GetInt("pools")} from tick {reach.GetInt("from")} took {(ticks is { } n ? $"{n}" : "ever")} ticks");
        }
        foreach (var after in Blocks(expect, "changes-after"))
        {
            var until = after.HasPath("until") ? after.GetInt("until") : int.MaxValue;
            Assert.Equal(after.GetInt("changes"), r.Changes(after.GetInt("from"), until));
        }
        Assert.All(r.Decisions.Where(d => d.Desired != d.Previous), d => Assert.NotEmpty(d.Rationale));
    }

    private static IEnumerable<Config> Blocks(Config expect, string key) =>
        expect.HasPath(key)
            ? expect.GetValue(key).GetArray().Select(v => new Config(new Akka.Configuration.Hocon.HoconRoot(v)))
            : [];
}
