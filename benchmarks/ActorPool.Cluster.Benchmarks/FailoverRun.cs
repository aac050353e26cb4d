using System.Diagnostics;
using ActorPool.Cluster.TestNode;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>
/// One repetition of one mode: three fresh node processes and a client, one work item per group
/// to learn where each lives, a steady load, then SIGKILL of the non-seed node hosting the most
/// groups, probed until each of its groups answers from a survivor.
/// </summary>
internal static class FailoverRun
{
    public static async Task<RunResult> RunAsync(NodeMode mode, int repetition, FailoverOptions options, TextWriter log)
    {
        var groups = Enumerable.Range(0, options.Groups).Select(i => $"g-{i:D2}").ToList();
        await using var cluster = await FailoverCluster.StartAsync(mode, options.Timings);
        var send = await Targets.StartAsync(mode, cluster.Client);

        var home = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var placing = new JobLoad(send, groups, options.LoadInterval, 0, TimeSpan.FromSeconds(30)))
        {
            foreach (var group in groups)
            {
                // The first message to a group allocates it: placement is done when each has answered.
                home[group] = (await placing.SendOne(group, 0, TimeSpan.FromSeconds(30)).Answer).Node;
            }
        }
        // Not the seed: as the oldest node it runs the shard coordinator, in both modes alike.
        var victim = cluster.Addresses.Skip(1).OrderByDescending(a => home.Values.Count(n => n == a)).First();
        var lost = groups.Where(g => home[g] == victim).ToList();
        if (lost.Count == 0)
        {
            throw new InvalidOperationException($"node {victim} hosts no group: {string.Join(", ", home)}");
        }

        using var load = new JobLoad(send, groups, options.LoadInterval, options.JobMs, options.JobTimeout);
        load.Start();
        await FailoverCluster.Until(() => load.Sent >= options.WarmJobs, TimeSpan.FromSeconds(60), () => $"the load sent only {load.Sent} jobs");
        var killedAt = Stopwatch.GetTimestamp();
        cluster.NodeAt(victim).Kill();
        // The probes are counted apart from the load: they are the measurement, with short timeouts.
        using var probes = new JobLoad(send, lost, options.ProbeInterval, 0, options.ProbeTimeout);
        var recovery = await Recovery.MeasureAsync(
            probes, lost, victim, killedAt, Akka.Cluster.Cluster.Get(cluster.Client),
            options.ProbeInterval, options.ProbeTimeout, options.Timings.Budget(TimeSpan.Zero) + TimeSpan.FromSeconds(60));
        // The load goes on a while after the recovery, as a user's would.
        await Task.Delay(options.After);
        var jobs = await load.EndAsync(options.JobTimeout + TimeSpan.FromSeconds(30));
        var result = new RunResult(
            mode, repetition, lost.Count, recovery,
            jobs.GroupBy(j => j.End).ToDictionary(e => e.Key, e => e.Count()),
            Machine.LoadAverage());
        log.WriteLine(
            $"  {result.ModeName,-18} rep {repetition}: {lost.Count} groups on the killed node; unreachable {Seconds(recovery.Unreachable)}, "
            + $"removed {Seconds(recovery.Removed)}, all back {recovery.Time.TotalSeconds:F2} s{(recovery.Missing.Count > 0 ? $" (never: {string.Join(", ", recovery.Missing)})" : "")}; "
            + $"jobs {result.Sent}: {string.Join(", ", result.Jobs.OrderBy(j => j.Key).Select(j => $"{j.Key} {j.Value}"))}; load {result.LoadAverage}");
        return result;
    }

    private static string Seconds(TimeSpan? at) => at is { } value ? $"{value.TotalSeconds:F2} s" : "not seen";
}
