using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Cluster;

namespace ActorPool.Cluster.TestNode;

/// <summary>
/// When the groups of a killed node answered again from a survivor, measured from the kill, and
/// when the client saw the node unreachable and removed.
/// </summary>
/// <param name="PerGroup">Each recovered group's first answer from a survivor after the kill.</param>
/// <param name="Missing">Groups that had not answered when the probe gave up.</param>
/// <param name="Unreachable">When the client first saw the node unreachable, if it did.</param>
/// <param name="Removed">When the client first saw it removed, if it did.</param>
public sealed record Recovery(
    IReadOnlyDictionary<string, TimeSpan> PerGroup, IReadOnlyList<string> Missing, TimeSpan? Unreachable, TimeSpan? Removed)
{
    /// <summary>Until the last of the groups answered: the recovery time.</summary>
    public TimeSpan Time => PerGroup.Count == 0 ? TimeSpan.Zero : PerGroup.Values.Max();

    /// <summary>
    /// Sends each group of the killed node a probe job (no delay) every <paramref name="interval"/>,
    /// whether or not earlier probes have answered, until each has answered from a node other than
    /// <paramref name="deadNode"/> or <paramref name="giveUpAfter"/> has passed since the kill.
    /// The probes go through <paramref name="load"/>, so they are counted with its jobs.
    /// </summary>
    /// <param name="load">Sends the probes and keeps them.</param>
    /// <param name="groups">The groups that lived on the killed node.</param>
    /// <param name="deadNode">Its address.</param>
    /// <param name="killedAt">When it was killed (a <see cref="Stopwatch"/> timestamp).</param>
    /// <param name="client">The client's cluster, watched for the node's unreachability and removal.</param>
    /// <param name="interval">Between two probes of a group (the measurement's resolution).</param>
    /// <param name="probeTimeout">Each probe's timeout.</param>
    /// <param name="giveUpAfter">When to stop probing, from the kill.</param>
    /// <returns>The recovery.</returns>
    public static async Task<Recovery> MeasureAsync(
        JobLoad load, IReadOnlyCollection<string> groups, string deadNode, long killedAt, Akka.Cluster.Cluster client,
        TimeSpan interval, TimeSpan probeTimeout, TimeSpan giveUpAfter)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(client);
        var back = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        TimeSpan? unreachable = null;
        TimeSpan? removed = null;
        using var timer = new PeriodicTimer(interval);
        while (back.Count < groups.Count && Stopwatch.GetElapsedTime(killedAt) < giveUpAfter)
        {
            var state = client.State;
            unreachable ??= state.Unreachable.Any(m => m.Address.ToString() == deadNode) ? Stopwatch.GetElapsedTime(killedAt) : null;
            removed ??= unreachable is not null && !state.Members.Any(m => m.Address.ToString() == deadNode) ? Stopwatch.GetElapsedTime(killedAt) : null;
            foreach (var group in groups.Where(g => !back.ContainsKey(g)))
            {
                var probe = load.SendOne(group, 0, probeTimeout);
                _ = probe.Answer.ContinueWith(
                    answer =>
                    {
                        if (answer.IsCompletedSuccessfully && answer.Result.Node != deadNode)
                        {
                            var at = Stopwatch.GetElapsedTime(killedAt);
                            back.AddOrUpdate(group, at, (_, earlier) => earlier < at ? earlier : at);
                        }
                    },
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            await timer.WaitForNextTickAsync();
        }
        return new Recovery(
            new Dictionary<string, TimeSpan>(back, StringComparer.Ordinal),
            [.. groups.Where(g => !back.ContainsKey(g)).Order(StringComparer.Ordinal)],
            unreachable,
            removed);
    }
}
