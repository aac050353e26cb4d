namespace ActorPool.Benchmarks.Scenarios;

/// <summary>One goal of DESIGN.md's B5-B9 with its measured value and, when not met, what the data shows.</summary>
internal sealed record Goal(string Scenario, string What, string Measured, bool Met, string Cause = "")
{
    public string ToMarkdown() =>
        $"| {Scenario} | {What} | {Measured} | {(Met ? "met" : "**NOT MET**")} | {(Met ? "" : Cause)} |";
}

/// <summary>What the analysis of one scenario gives the report: a table of every contender, and its goals.</summary>
internal sealed record ScenarioFindings(string Scenario, IReadOnlyList<string> Table, IReadOnlyList<Goal> Goals);
