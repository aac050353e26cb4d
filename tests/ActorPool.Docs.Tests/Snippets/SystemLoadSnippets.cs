using Akka.Actor;

namespace ActorPool.Docs.Tests.Snippets;

/// <summary>docs/system-load.md.</summary>
public static class SystemLoadSnippets
{
    public static async Task<LoadSnapshot> ReadAsync(ActorSystem system, IActorRef myActor)
    {
        #region system-load
        IActorRef load = ActorPools.Get(system).SystemLoad;      // started on first use, once per system

        var now = await load.Ask<LoadSnapshot>(GetLoad.Instance, TimeSpan.FromSeconds(5));
        load.Tell(new SubscribeLoad(myActor));                   // myActor gets every new LoadSnapshot
        load.Tell(new UnsubscribeLoad(myActor));
        #endregion
        return now;
    }

    public static async Task<int> ReusableAsync(ActorSystem system)
    {
        #region reusable-executor
        var executor = ActorPools.Get(system).ReusableExecutor(new ReusableExecutorOptions { MaxWorkers = 4 });
        var sum = await executor.SubmitAsync(() => Enumerable.Range(0, 1000).Sum());
        #endregion
        return sum;
    }
}
