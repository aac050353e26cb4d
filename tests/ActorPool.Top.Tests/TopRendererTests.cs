using ActorPool.Top.Metrics;
using ActorPool.Top.View;
using Spectre.Console.Testing;

namespace ActorPool.Top.Tests;

public sealed class TopRendererTests
{
    private static TopFrame Frame(params string[] supervisors)
    {
        var frames = new List<TopFrame>();
        var builder = new FrameBuilder(Contract.Session, "pid 42", TimeSpan.FromSeconds(1), TimeProvider.System, frames.Add, _ => { });
        foreach (var e in supervisors.SelectMany(Contract.Supervisor))
        {
            builder.Add(e);
        }
        builder.Add(Contract.Stop());
        return frames[0];
    }

    /// <summary>The frame as an 80x24 terminal shows it, through Spectre.Console.</summary>
    private static List<string> Screen(TopFrame? frame, string? status = null)
    {
        var console = new TestConsole().Width(80).Height(24);
        console.Write(TopView.ToRenderable(TopRenderer.Render(frame, "pid 42", status, 80, 24)));
        var lines = console.Lines.ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        Assert.InRange(lines.Count, 1, 24);
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"too wide ({l.Length}): {l}"));
        return lines;
    }

    [Fact]
    public void OneSupervisor_ShowsTheTableRowWorkersLeasesRatesAndDurations()
    {
        var lines = Screen(Frame("/user/pools"));
        var text = string.Join('\n', lines);
        Assert.StartsWith("actorpool-top  pid 42  ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("q quits", lines[0], StringComparison.Ordinal);
        Assert.Equal("load  cpu 12%  mem 40%  lag 3ms  ok", lines[1]);
        Assert.Contains("/user/pools          4   4    3    0    1     0     0     2    1    31   1   5", lines);
        Assert.Contains("/user/pools: workers 8, 0 stuck; leases 1 active 0 grace 0 released - waiting", lines);
        Assert.Contains("  jobs/s ok 12 fail 1 cancel - drop - timeout - crash - rejected 0", lines);
        Assert.Contains("  duration p50 12ms p95 40ms p99 80ms (succeeded, 12 jobs)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManySupervisors_Fit80x24_CountingTheRowsLeftOut()
    {
        var paths = Enumerable.Range(1, 9).Select(i => $"/system/sharding/pool-group/{i}/tenant-with-a-long-name-{i}").ToArray();
        var lines = Screen(Frame(paths));
        Assert.Contains("... and 3 more supervisors", lines);
        Assert.Contains(lines, l => l.StartsWith("...h-a-long-name-1   4   4", StringComparison.Ordinal));
        // The first supervisors' detail blocks, as many as fit whole.
        Assert.Contains(lines, l => l.StartsWith("...", StringComparison.Ordinal) && l.Contains("long-name-1: workers 8", StringComparison.Ordinal));
    }

    [Fact]
    public void BeforeTheFirstRefresh_SaysItIsWaiting_AndAFailureIsShown()
    {
        var lines = Screen(null, "the process ended, or closed the session");
        Assert.StartsWith("actorpool-top  pid 42  --:--:--  0 supervisors", lines[0], StringComparison.Ordinal);
        Assert.Contains("the process ended, or closed the session", lines);
        Assert.Contains("waiting for the first refresh of the ActorPool meter ...", lines);
    }

    [Fact]
    public void TwoActorSystemsWithOneSupervisorPath_AreTwoRows_NamingTheSystem()
    {
        var frames = new List<TopFrame>();
        var builder = new FrameBuilder(Contract.Session, "pid 42", TimeSpan.FromSeconds(1), TimeProvider.System, frames.Add, _ => { });
        builder.Add(Contract.UpDown("actorpool.units", "actorpool.supervisor=/user/pools,actorpool.system=sys-a", 10));
        builder.Add(Contract.UpDown("actorpool.units", "actorpool.supervisor=/user/pools,actorpool.system=sys-b", 20));
        builder.Add(Contract.Stop());

        var lines = Screen(frames[0]);
        Assert.Contains("/user/pools@sys-a    -   -    0    0    0     0     0     -    -    10   -   -", lines);
        Assert.Contains("/user/pools@sys-b    -   -    0    0    0     0     0     -    -    20   -   -", lines);
    }

    [Fact]
    public void Overload_IsSaid()
    {
        Assert.Equal("cpu 97%  mem -  lag 1.2s  OVERLOADED", TopRenderer.Load(new LoadView(0.97, double.NaN, 1.2, true)));
    }
}
