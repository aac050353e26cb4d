using Akka.Actor;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// A message another package defines (ActorPool.Process's portable-job message) whose job enters
/// the data plane like a <see cref="ActorPool.Submit"/>: the supervisor hands it the plane and the
/// sender, and carries nothing more, so the core needs no reference to that package.
/// </summary>
internal interface IPlaneMessage
{
    /// <summary>Admits and routes the message's job; its worker answers <paramref name="replyTo"/>.</summary>
    void Enter(DataPlane plane, IActorRef replyTo);
}
