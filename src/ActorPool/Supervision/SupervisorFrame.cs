using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;

namespace ActorPool.Internal.Supervision;

/// <summary>
/// What the supervisor's books hold that only its actor changes (the pool list, the target, units,
/// bounds, the load), copied after every message it handles. With the thread-safe parts it points
/// to (the pools' live counters, the lease desk, the data plane), it lets any thread build a fresh
/// <see cref="PoolStatus"/> without an Ask and without touching the actor's own lists.
/// </summary>
internal sealed record SupervisorFrame(
    string Supervisor,
    string System,
    string? Group,
    PoolEntry[] Pools,
    int Desired,
    int Units,
    PoolSettings Settings,
    string Policy,
    LoadSnapshot Load,
    JobCounts EndedPoolsJobs,
    LeaseDesk Desk,
    DataPlane Plane,
    TimeProvider Clock);

/// <summary>
/// The supervisor's published status: the latest <see cref="SupervisorFrame"/>, swapped in whole,
/// read by meters, health checks and <c>PoolClient.Status</c> from any thread.
/// </summary>
internal sealed class SupervisorView(SupervisorFrame first)
{
    private SupervisorFrame _frame = first;

    public void Publish(SupervisorFrame frame) => Volatile.Write(ref _frame, frame);

    /// <summary>A status built now from the last frame and the live counters.</summary>
    public PoolStatus Current => StatusBuilder.Build(Volatile.Read(ref _frame));
}
