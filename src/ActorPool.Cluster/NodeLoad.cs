namespace ActorPool.Cluster;

/// <summary>
/// The load one node shares with the cluster every <c>actor-pool.cluster.load.publish-interval</c>,
/// from its <c>SystemLoad</c> actor; placement reads it.
/// </summary>
/// <param name="Address">The node's address, e.g. <c>akka.tcp://app@127.0.0.1:4053</c>.</param>
/// <param name="Cpu">CPU in use against what the process may use, 0..1; NaN when unknown.</param>
/// <param name="Memory">Memory in use against its limit, 0..1; NaN when unknown.</param>
/// <param name="Overloaded">Whether any load signal has been overloaded over the <c>SystemLoad</c> history window
/// (<c>actor-pool.system-load.history</c>, 30 s by default; see docs/system-load.md): a sustained overload, not a spike.</param>
/// <param name="At">When the node took the sample.</param>
public sealed record NodeLoad(string Address, double Cpu, double Memory, bool Overloaded, DateTimeOffset At) : IPortableMessage
{
    /// <summary>The load score placement bands on: the larger of CPU and memory, 0 when both are unknown.</summary>
    public double Score => Math.Max(double.IsNaN(Cpu) ? 0 : Cpu, double.IsNaN(Memory) ? 0 : Memory);
}
