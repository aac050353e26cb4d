using ActorPool.Benchmarks.Jobs;

namespace ActorPool.Benchmarks.Tests;

/// <summary>The job report's before-and-after view: an earlier report's ratios beside the new ones.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly string _earlier = Path.GetTempFileName();

    [Fact]
    public async Task A_new_report_shows_each_goals_earlier_ratio_beside_its_own()
    {
        await File.WriteAllTextAsync(_earlier, """
            # ActorPool job benchmarks
            ## Goals
            | goal | client 2x1 | lease 1x2 | Submit Ask 2x1 |
            |---|---|---|---|
            | p50 at most 2.0x `Task.Run` + await | 17.77x **NOT MET** | 30.11x **NOT MET** | 50.36x |
            **4 of 51 goals met.**
            ## Measurements
            | p50 at most 2.0x `Task.Run` + await | 1.00x | 1.00x | 1.00x |
            """);
        var roundTrips = new List<RoundTripSummary>
        {
            new("Task.Run", 1, 1, 1, 10),
            new("Ask echo actor", 2, 2, 2, 10),
            new("ActorPool client (2 pools x 1 worker)", 5, 9, 5, 10),
            new("ActorPool lease (1 pool x 2 workers)", 6, 9, 6, 10),
            new("ActorPool Submit Ask (2 pools x 1 worker)", 7, 9, 7, 10),
        };
        var written = new StringWriter();

        new JobsReport(null, null, roundTrips, EarlierGoals.Read(_earlier)).WriteGoals(written);

        var text = written.ToString();
        Assert.Contains("(4 of 51 goals met)", text, StringComparison.Ordinal);
        Assert.Contains("| p50 at most 2.0x `Task.Run` + await | 5.00x **NOT MET** (before 17.77x) | 6.00x **NOT MET** (before 30.11x) | 7.00x (before 50.36x) |", text, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_earlier);
}
