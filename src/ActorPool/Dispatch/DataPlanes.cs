using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// The data planes of the supervisors running in this process, so a <c>PoolClient</c> submits
/// straight to the pools. A client that looks before its supervisor has started asks it once.
/// </summary>
internal static class DataPlanes
{
    private static readonly ConcurrentDictionary<IActorRef, DataPlane> s_planes = new();

    public static void Register(IActorRef supervisor, DataPlane plane) => s_planes[supervisor] = plane;

    public static void Unregister(IActorRef supervisor, DataPlane plane) =>
        s_planes.TryRemove(new KeyValuePair<IActorRef, DataPlane>(supervisor, plane));

    public static DataPlane? Find(IActorRef supervisor) => s_planes.GetValueOrDefault(supervisor);
}
