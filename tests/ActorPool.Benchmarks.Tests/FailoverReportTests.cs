using ActorPool.Cluster.Benchmarks;
using ActorPool.Cluster.TestNode;

namespace ActorPool.Benchmarks.Tests;

/// <summary>
/// B10's report from made-up runs. The runs themselves (three node processes per mode and
/// repetition, about 40 s each) are too long for this smoke suite; the crash test in
/// ActorPool.Cluster.Tests runs the same node program, load and probe.
/// </summary>
public sealed class FailoverReportTests
{
    [Fact]
    public void The_goals_compare_median_recoveries_and_count_only_accepted_jobs_lost()
    {
        var report = Report(
            Run(NodeMode.Plain, 1, 10.0, new() { [JobEnd.Result] = 90, [JobEnd.TimedOut] = 10 }),
            Run(NodeMode.ActorPool, 1, 12.0, new() { [JobEnd.Result] = 90, [JobEnd.TimedOut] = 8, [JobEnd.GroupLost] = 2 }),
            Run(NodeMode.Plain, 2, 12.0, new() { [JobEnd.Result] = 100 }),
            Run(NodeMode.ActorPool, 2, 11.0, new() { [JobEnd.Result] = 100 }),
            Run(NodeMode.Plain, 3, 11.0, new() { [JobEnd.Result] = 95, [JobEnd.TimedOut] = 5 }),
            Run(NodeMode.ActorPool, 3, 20.0, new() { [JobEnd.Result] = 99, [JobEnd.TimedOutAccepted] = 1 }));

        var goals = report.Goals();

        // Medians 12 s against 11 s: 1.09x, met; one accepted job timed out: NOT MET.
        Assert.Contains("| 12.00 s | 11.00 s | 1.09x | met |", goals, StringComparison.Ordinal);
        Assert.Contains("| accepted jobs lost, all runs: 0 | 1 | 15 (every timed-out Ask) | | **NOT MET** |", goals, StringComparison.Ordinal);
        var csv = report.Csv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, csv.Length);
        Assert.StartsWith("1,actorpool,4,4.000,8.000,12.000,0,100,90,2,8,0,0,0,0,", csv[2], StringComparison.Ordinal);
        Assert.Contains("| 1 | ActorPool.Cluster | 4 | 4.00 s | 8.00 s | 12.00 s | 100 | 90 | 2 | 8 | 0 |", report.Markdown("runs.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_that_never_came_back_fails_the_recovery_goal()
    {
        var missing = Run(NodeMode.ActorPool, 1, 1.0, new() { [JobEnd.Result] = 1 }) with
        {
            Recovery = new Recovery(new Dictionary<string, TimeSpan> { ["g-00"] = TimeSpan.FromSeconds(1) }, ["g-01"], null, null),
        };

        var goals = Report(Run(NodeMode.Plain, 1, 10.0, new() { [JobEnd.Result] = 1 }), missing).Goals();

        Assert.Contains("| 1.00 s | 10.00 s | 0.10x | **NOT MET** |", goals, StringComparison.Ordinal);
        Assert.Contains("never came back", goals, StringComparison.Ordinal);
    }

    private static FailoverReport Report(params RunResult[] runs) =>
        new(new FailoverOptions(), runs, "dotnet run", "abc1234", DateTimeOffset.UnixEpoch, "1 1 1", "2 2 2");

    private static RunResult Run(NodeMode mode, int repetition, double recoverySeconds, Dictionary<JobEnd, int> jobs) =>
        new(mode, repetition, 4,
            new Recovery(new Dictionary<string, TimeSpan> { ["g-00"] = TimeSpan.FromSeconds(recoverySeconds) }, [], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)),
            jobs, "1.00 1.00 1.00");
}
