using System.Globalization;
using System.Text;
using ActorPool.Cluster.TestNode;
using static ActorPool.Cluster.Benchmarks.FailoverSuite;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>B10's report: the goals with their ratios, the settings, every run, and a CSV of the runs.</summary>
internal sealed class FailoverReport(
    FailoverOptions options, IReadOnlyList<RunResult> runs, string commandLine, string commit,
    DateTimeOffset started, string loadAtStart, string loadAtEnd)
{
    /// <summary>Goal: ActorPool.Cluster's median recovery at most this many times plain sharding's.</summary>
    public const double RecoveryGoal = 1.1;

    private IEnumerable<RunResult> Of(NodeMode mode) => runs.Where(r => r.Mode == mode);

    private TimeSpan MedianRecovery(NodeMode mode) => Median(Of(mode).Select(r => r.Recovery.Time));

    private TimeSpan Budget => options.Timings.Budget(TimeSpan.Zero);

    /// <summary>The goals, each with its ratio and met / NOT MET.</summary>
    public string Goals()
    {
        var ours = MedianRecovery(NodeMode.ActorPool);
        var plain = MedianRecovery(NodeMode.Plain);
        var ratio = plain > TimeSpan.Zero ? ours / plain : double.NaN;
        var lost = Of(NodeMode.ActorPool).Sum(r => r.Lost);
        var complete = runs.All(r => r.Recovery.Missing.Count == 0);
        var text = new StringBuilder();
        text.AppendLine("| goal | ActorPool.Cluster | plain sharding | ratio | result |");
        text.AppendLine("|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| recovery after SIGKILL, median of {options.Repetitions}: <= {RecoveryGoal}x plain sharding | {Seconds(ours)} | {Seconds(plain)} | {ratio:F2}x | {(ratio <= RecoveryGoal && complete ? "met" : "**NOT MET**")} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| accepted jobs lost, all runs: 0 | {lost} | {Of(NodeMode.Plain).Sum(r => r.Lost)} (every timed-out Ask) | | {(lost == 0 ? "met" : "**NOT MET**")} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| (no goal) recovery against the settings' budget of {Budget.TotalSeconds:F1} s | {ours / Budget:F2}x | {plain / Budget:F2}x | | |");
        var oursWithout = MedianOf(Of(NodeMode.ActorPool).Select(r => r.Sent - r.Count(JobEnd.Result)));
        var plainWithout = MedianOf(Of(NodeMode.Plain).Select(r => r.Sent - r.Count(JobEnd.Result)));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| (no goal) jobs that got no result, median per run | {oursWithout:0.#} | {plainWithout:0.#} | {(plainWithout > 0 ? $"{oursWithout / plainWithout:F2}x" : "")} | |");
        if (!complete)
        {
            text.AppendLine();
            text.AppendLine("Some groups never came back within the probe's limit; see the runs.");
        }
        return text.ToString();
    }

    public string Markdown(string csvName)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# B10: failover after a SIGKILL, ActorPool.Cluster against plain Akka.Cluster.Sharding ({started:yyyy-MM-dd})");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(commandLine);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Commit {commit}; {Machine.Describe()}; started {started:yyyy-MM-dd HH:mm zzz}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) at the start {loadAtStart}, at the end {loadAtEnd}; each run's is in its row. On 2 cores a load well above 2 means other work ran at the same time: the times are stretched, the comparison (interleaved runs) less so.");
        text.AppendLine();
        text.AppendLine("## Goals");
        text.AppendLine();
        text.Append(Goals());
        text.AppendLine();
        text.AppendLine("## Set-up, the same for both");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Three node processes (`dotnet ActorPool.Cluster.TestNode.dll actorpool|plain ...`) on 127.0.0.1 with the role `pool`, and the client, an actor system in the runner's process with no role that joins last, reaching the groups through a sharding proxy. Fresh processes for every run; runs interleaved plain, ActorPool.Cluster, plain, ...");
        text.AppendLine(CultureInfo.InvariantCulture, $"- One configuration for every member of both modes: `ClusterPools.DefaultConfig()` (split brain resolver keep-majority, sharding state in Distributed Data, passivation off) with {options.Timings}, and `akka.cluster.sharding.retry-interval = 500ms`.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {options.Groups} groups (ActorPool.Cluster: pool groups of type `tenants`, placed by its allocation strategy) or entities (plain: `PlainEntity`, placed by Akka.NET's least-shard strategy), one shard each, placed by one message each before the load starts.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load: one job every {options.LoadInterval.TotalMilliseconds:F0} ms to each group in turn, each taking {options.JobMs} ms where it runs, timeout {options.JobTimeout.TotalSeconds:F0} s: `ClusterPools.SubmitAsync<WorkJob>` against `Ask<WorkReply>` through the proxy. {options.WarmJobs} jobs before the kill; the load goes on {options.After.TotalSeconds:F0} s past the recovery.");
        text.AppendLine("- The victim: of the two nodes that are not the seed (the seed, the oldest, runs the shard coordinator in both modes), the one hosting the most groups; killed with `Process.Kill()` (SIGKILL).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Recovery: from the kill until every group that lived on the killed node has answered a probe from a survivor. Each such group gets a probe (a job of 0 ms, timeout {options.ProbeTimeout.TotalSeconds:F0} s) every {options.ProbeInterval.TotalMilliseconds:F0} ms whether or not earlier ones answered, so the resolution is {options.ProbeInterval.TotalMilliseconds:F0} ms. Probes are not counted with the load's jobs. Unreachable and removed: when the client's cluster state first showed the node so (polled at the same interval).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Budget from the settings: heartbeat-interval + acceptable-heartbeat-pause (the crash is seen) + stable-after (the split brain resolver downs it) + stable-after again (the shard coordinator's down-removal-margin, which Akka.NET sets to stable-after with the split brain resolver) = {Budget.TotalSeconds:F1} s, before the shard's reallocation and the group's start.");
        text.AppendLine("- Jobs lost: jobs that never got an answer. Plain sharding's only signal is the Ask's timeout, so each timeout counts. ActorPool.Cluster answers each job once: its result, `GroupLostException` when the node that had accepted it is removed, or `TimeoutException`, which says whether a node had accepted the job; only an accepted job that then timed out (or a job that never ended) is lost.");
        text.AppendLine("- What that does and does not say: jobs sent to the killed node between the crash and its removal reach no node, in either mode, and their callers learn it only at their timeout (ActorPool.Cluster: `TimeoutException` saying no node accepted the job; plain: the Ask's timeout), so about as many jobs get no result in both modes (the last goal row). What ActorPool.Cluster adds is that no job a node accepted is left unanswered (`GroupLostException` at the node's removal, long before the timeout) and that its caller can tell the two cases apart; plain sharding cannot tell a job that ran from one that never arrived.");
        text.AppendLine();
        text.AppendLine("## Runs");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Per-run CSV: [{csvName}]({csvName}).");
        text.AppendLine();
        text.AppendLine("| rep | mode | groups on the killed node | unreachable | removed | all back | jobs | result | GroupLostException | timed out, not accepted | lost (no answer) | load average |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
        {
            var notAccepted = r.Mode == NodeMode.ActorPool ? r.Count(JobEnd.TimedOut).ToString(CultureInfo.InvariantCulture) : "n/a";
            var groupLost = r.Mode == NodeMode.ActorPool ? r.Count(JobEnd.GroupLost).ToString(CultureInfo.InvariantCulture) : "n/a";
            var back = Seconds(r.Recovery.Time) + (r.Recovery.Missing.Count > 0 ? $" ({r.Recovery.Missing.Count} never)" : "");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Repetition} | {r.ModeName} | {r.GroupsLost} | {Seconds(r.Recovery.Unreachable)} | {Seconds(r.Recovery.Removed)} | {back} | {r.Sent} | {r.Count(JobEnd.Result)} | {groupLost} | {notAccepted} | {r.Lost} | {r.LoadAverage} |");
        }
        text.AppendLine();
        text.AppendLine("Medians:");
        text.AppendLine();
        text.AppendLine("| mode | unreachable | removed | all back | lost jobs per run |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var mode in new[] { NodeMode.Plain, NodeMode.ActorPool })
        {
            var of = Of(mode).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {of[0].ModeName} | {Seconds(Median(of.Select(r => r.Recovery.Unreachable ?? TimeSpan.Zero)))} | {Seconds(Median(of.Select(r => r.Recovery.Removed ?? TimeSpan.Zero)))} | {Seconds(MedianRecovery(mode))} | {MedianOf(of.Select(r => r.Lost)):0.#} |");
        }
        return text.ToString();
    }

    public string Csv()
    {
        var text = new StringBuilder();
        text.AppendLine("repetition,mode,groups_on_killed_node,unreachable_s,removed_s,recovery_s,missing_groups,jobs,result,group_lost,timed_out_not_accepted,timed_out_accepted,no_answer,other,lost,load_average");
        foreach (var r in runs)
        {
            text.AppendLine(string.Join(',',
                r.Repetition.ToString(CultureInfo.InvariantCulture),
                r.Mode == NodeMode.ActorPool ? "actorpool" : "plain",
                r.GroupsLost.ToString(CultureInfo.InvariantCulture),
                Number(r.Recovery.Unreachable),
                Number(r.Recovery.Removed),
                Number(r.Recovery.Time),
                r.Recovery.Missing.Count.ToString(CultureInfo.InvariantCulture),
                r.Sent.ToString(CultureInfo.InvariantCulture),
                r.Count(JobEnd.Result).ToString(CultureInfo.InvariantCulture),
                r.Count(JobEnd.GroupLost).ToString(CultureInfo.InvariantCulture),
                r.Count(JobEnd.TimedOut).ToString(CultureInfo.InvariantCulture),
                r.Count(JobEnd.TimedOutAccepted).ToString(CultureInfo.InvariantCulture),
                r.Count(JobEnd.NoAnswer).ToString(CultureInfo.InvariantCulture),
                r.Count(JobEnd.Other).ToString(CultureInfo.InvariantCulture),
                r.Lost.ToString(CultureInfo.InvariantCulture),
                r.LoadAverage));
        }
        return text.ToString();
    }

    private static double MedianOf(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
    }

    private static string Number(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) : "";
}
