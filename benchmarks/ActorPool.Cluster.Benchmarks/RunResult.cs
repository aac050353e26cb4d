using ActorPool.Cluster.TestNode;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>One repetition of one mode: the crash's timeline and how the load's jobs ended.</summary>
internal sealed record RunResult(
    NodeMode Mode,
    int Repetition,
    int GroupsLost,
    Recovery Recovery,
    IReadOnlyDictionary<JobEnd, int> Jobs,
    string LoadAverage)
{
    public string ModeName => Mode == NodeMode.ActorPool ? "ActorPool.Cluster" : "plain sharding";

    public int Sent => Jobs.Values.Sum();

    public int Count(JobEnd end) => Jobs.GetValueOrDefault(end);

    /// <summary>
    /// Jobs that never got an answer. Plain sharding's only signal is the Ask's timeout, so every
    /// timeout counts. ActorPool.Cluster says which jobs a node had accepted: those that then timed
    /// out (or never ended) are lost; one that timed out before any node took it was told so.
    /// </summary>
    public int Lost => Mode == NodeMode.Plain
        ? Count(JobEnd.TimedOut) + Count(JobEnd.TimedOutAccepted) + Count(JobEnd.NoAnswer)
        : Count(JobEnd.TimedOutAccepted) + Count(JobEnd.NoAnswer);
}
