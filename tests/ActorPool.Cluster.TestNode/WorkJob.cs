using ActorPool.Process;

namespace ActorPool.Cluster.TestNode;

/// <summary>One unit of work, the same in both modes.</summary>
/// <param name="Seq">The caller's number for it.</param>
/// <param name="DelayMs">How long it takes where it runs (0: answer at once).</param>
public sealed record WorkRequest(long Seq, int DelayMs);

/// <summary>The answer: which request, and the address of the node that ran it.</summary>
/// <param name="Seq">The request's number.</param>
/// <param name="Node">The address of the node that ran it.</param>
public sealed record WorkReply(long Seq, string Node);

/// <summary>The <c>actorpool</c> mode's registered job: waits <see cref="WorkRequest.DelayMs"/>, then names its node.</summary>
public sealed class WorkJob : IProcessJob<WorkRequest, WorkReply>
{
    /// <summary>This node's address, set once the node program has started its actor system.</summary>
    public static string Node { get; set; } = "";

    /// <inheritdoc/>
    public async Task<WorkReply> RunAsync(WorkRequest argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.DelayMs > 0)
        {
            await Task.Delay(argument.DelayMs, cancellationToken);
        }
        return new WorkReply(argument.Seq, Node);
    }
}
