using Akka.Actor;

namespace ActorPool.Docs.Tests.Snippets;

/// <summary>docs/migration/akka-routers.md: a router's Tell as a Submit, its reply as a message.</summary>
public sealed class Resizer : ReceiveActor
{
    public Resizer(IActorRef pools)
    {
        #region submit-from-actor
        // Was: router.Tell(new ResizeImage("a.png")) to a RoundRobinPool with a DefaultResizer.
        Receive<string>(path => pools.Tell(new Submit(() => ResizeImage(path))));
        Receive<int>(width => Console.WriteLine($"resized to {width}px"));          // the job's result
        Receive<Status.Failure>(failure => Console.WriteLine(failure.Cause.Message)); // or its exception
        #endregion
    }

    private static int ResizeImage(string path) => path.Length;
}
