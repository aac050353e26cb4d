using ActorPool.Process;

namespace ActorPool.Samples.ClusterThreeNodes;

/// <summary>What a tenant's job is asked: who sent it.</summary>
public sealed record Greeting(string Tenant, string From);

/// <summary>What it answers: where it ran.</summary>
public sealed record Answer(string Tenant, string RanOn, string Worker);

/// <summary>
/// The sample's registered portable job: it says which node's worker ran it. A job sent with
/// <c>ClusterPools.SubmitAsync</c> runs on the node that hosts the tenant, wherever the caller is.
/// </summary>
public sealed class WhereJob : IProcessJob<Greeting, Answer>
{
    public Task<Answer> RunAsync(Greeting argument, CancellationToken cancellationToken) =>
        Task.FromResult(new Answer(argument.Tenant, NodeLabel.Current, Thread.CurrentThread.Name ?? "?"));
}

/// <summary>
/// Labels each worker thread with the node whose pools started it. On separate machines a job
/// would name its host; here the three nodes share one process, so each node's pool settings
/// carry their own label into their workers.
/// </summary>
public sealed class NodeLabel(string node) : IWorkerInitializer
{
    [ThreadStatic]
    private static string? s_node;

    /// <summary>The node of the worker running now.</summary>
    public static string Current => s_node ?? "a thread outside any pool";

    public void Initialize(WorkerStart worker) => s_node = node;
}
