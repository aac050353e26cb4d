using Akka.Actor;

namespace ActorPool.Docs.Tests.Snippets;

/// <summary>docs/operations.md and docs/operations-control.md.</summary>
public static class OperationsSnippets
{
    public static PoolStatus? ReadStatus(ActorSystem system, IActorRef pools)
    {
        #region status-snapshot
        // No Ask: built on this thread from what the supervisor last published and the live counters.
        PoolStatus? status = ActorPools.Get(system).StatusOf(pools);   // null once it has stopped
        if (status is { Stuck: 0 } s && !s.Load.HistoricallyOverloaded)
        {
            Console.WriteLine($"{s.Supervisor}: {s.Total} pools, {s.RunningJobs} running, {s.Queued} queued, {s.Jobs.Failed} failed");
        }
        IReadOnlyList<PoolStatus> all = ActorPools.Get(system).Statuses;  // every supervisor of the system
        #endregion
        return all.Count > 0 ? status : null;
    }

    public static async Task SteerAsync(ActorSystem system, IActorRef pools)
    {
        #region live-control
        var client = ActorPools.Get(system).Client(pools);
        client.Recheck();                                  // re-read the size provider now
        PoolStatus after = await client.SetUnitsAsync(31); // the status with the new units and target
        await client.SetPoolBoundsAsync(2, 8);             // ArgumentException, nothing changed, when invalid
        await client.KillWorkersAsync();                   // fresh workers for every pool

        // The same as messages, e.g. from another node inside a PoolEnvelope:
        await pools.Ask<Akka.Done>(new SetPoolBounds(2, 8), TimeSpan.FromSeconds(5));
        pools.Tell(new ScaleChanged(31));
        #endregion
        GC.KeepAlive(after);
    }

    public static void Events(ActorSystem system, IActorRef listener)
    {
        #region pool-events
        // Every decision and pool or lease event of every supervisor, with its reason:
        system.EventStream.Subscribe(listener, typeof(PoolEvent));
        // or only some: typeof(ScalingDecision), typeof(LeaseChanged), typeof(PoolStarted), ...
        #endregion
    }
}
