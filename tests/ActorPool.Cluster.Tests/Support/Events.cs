using Akka.Actor;

namespace ActorPool.Cluster.Tests.Support;

/// <summary>Waits for an event on a node's event stream.</summary>
public static class Events
{
    /// <summary>A task that completes with the first <typeparamref name="T"/> matching <paramref name="match"/> published on <paramref name="system"/> from now on.</summary>
    public static Task<T> Next<T>(ActorSystem system, Func<T, bool> match)
    {
        var seen = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = system.ActorOf(Props.Create(() => new Listener<T>(match, seen)));
        system.EventStream.Subscribe(listener, typeof(T));
        return seen.Task;
    }

    private sealed class Listener<T> : ReceiveActor
    {
        public Listener(Func<T, bool> match, TaskCompletionSource<T> seen) =>
            Receive<T>(e =>
            {
                if (match(e) && seen.TrySetResult(e))
                {
                    Context.Stop(Self);
                }
            });
    }
}
