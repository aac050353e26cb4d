using Akka.Actor;

namespace ActorPool.Benchmarks.Leases;

/// <summary>One way of lending 2 pools out, as the scenario harness drives it.</summary>
internal interface ILeaseContender : IAsyncDisposable
{
    /// <summary>The name printed in the results.</summary>
    string Name { get; }

    /// <summary>Takes a pool, waiting up to <paramref name="waitUpTo"/>.</summary>
    /// <returns>The lease, or null when the wait ran out (a failed acquire).</returns>
    ValueTask<object?> TryAcquireAsync(TimeSpan waitUpTo);

    /// <summary>Gives back a lease that <see cref="TryAcquireAsync"/> returned.</summary>
    ValueTask ReleaseAsync(object lease);
}

/// <summary>The baseline: <see cref="SemaphoreStackLeasePool{T}"/>.</summary>
internal sealed class SemaphoreStackContender(int pools) : ILeaseContender
{
    private readonly SemaphoreStackLeasePool<IdlePool> _pool = new(IdlePool.Make(pools));

    public string Name => "SemaphoreSlim+stack";

    public async ValueTask<object?> TryAcquireAsync(TimeSpan waitUpTo) => await _pool.TryAcquireAsync(waitUpTo);

    public ValueTask ReleaseAsync(object lease)
    {
        _pool.Release((IdlePool)lease);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _pool.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Npgsql's shape: <see cref="ChannelLeasePool{T}"/>.</summary>
internal sealed class ChannelContender(int pools) : ILeaseContender
{
    private readonly ChannelLeasePool<IdlePool> _pool = new(IdlePool.Make(pools));

    public string Name => "Channel+CancelAfter";

    public async ValueTask<object?> TryAcquireAsync(TimeSpan waitUpTo) => await _pool.TryAcquireAsync(waitUpTo);

    public ValueTask ReleaseAsync(object lease)
    {
        _pool.Release((IdlePool)lease);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// ActorPool through its public API only: a supervisor with exactly <c>pools</c> pools of one
/// worker each, leased with <see cref="PoolClient.AcquireLeaseAsync"/> and given back with
/// <see cref="ILeasedExecutor.ReleaseAsync"/>.
/// </summary>
internal sealed class ActorPoolContender : ILeaseContender
{
    /// <summary>How long each lease is asked for: far longer than any hold, so none expires.</summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(1);

    private readonly ActorSystem _system;
    private readonly PoolClient _client;

    private ActorPoolContender(ActorSystem system, PoolClient client)
    {
        _system = system;
        _client = client;
    }

    public string Name => "ActorPool";

    /// <summary>Starts an actor system and a supervisor with <paramref name="pools"/> pools, and waits until they are up.</summary>
    public static async Task<ActorPoolContender> StartAsync(int pools)
    {
        var (system, client) = await StartSupervisorAsync(pools);
        return new ActorPoolContender(system, client);
    }

    /// <summary>The set-up every ActorPool bench uses: min = max = <paramref name="pools"/>, one worker each, no state line.</summary>
    public static async Task<(ActorSystem System, PoolClient Client)> StartSupervisorAsync(int pools)
    {
        var system = ActorSystem.Create("bench", "akka.loglevel = WARNING");
        var settings = new PoolSettings { MinPools = pools, MaxPools = pools, WorkersPerPool = 1, LoggingInterval = null };
        var supervisor = system.ActorOf(PoolSupervisor.Props(settings), "pools");
        var client = ActorPools.Get(system).Client(supervisor);
        await client.AwaitSettledAsync();
        return (system, client);
    }

    public async ValueTask<object?> TryAcquireAsync(TimeSpan waitUpTo)
    {
        try
        {
            return await _client.AcquireLeaseAsync(LeaseFor, waitUpTo);
        }
        catch (LeaseUnavailableException)
        {
            return null;
        }
    }

    public async ValueTask ReleaseAsync(object lease) => await ((ILeasedExecutor)lease).ReleaseAsync();

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
