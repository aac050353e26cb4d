using ActorPool.Internal.Supervision;
using Akka.Actor;

namespace ActorPool;

// The status and live-control half of PoolClient: reading the supervisor, and steering it.
public sealed partial class PoolClient
{
    /// <summary>
    /// The supervisor's status, read without an Ask (see <see cref="ActorPools.StatusOf"/>), or
    /// <see langword="null"/> when it does not run in this process (not started yet, stopped, or on
    /// another node; <see cref="GetStatusAsync"/> asks it wherever it is).
    /// </summary>
    public PoolStatus? Status => RunningBooks()?.View.Current;

    /// <summary>The supervisor's status now.</summary>
    /// <param name="cancellationToken">When it can be cancelled, the wait lasts until it is, instead of the client's ask timeout.</param>
    /// <exception cref="OperationCanceledException">The supervisor has stopped, or the token was cancelled.</exception>
    public Task<PoolStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        AskAsync<PoolStatus>(GetPoolStatus.Instance, "it has no status", cancellationToken);

    /// <summary>The supervisor's status as soon as it is settled (its shared pools at the target, none draining).</summary>
    /// <param name="cancellationToken">When it can be cancelled, the wait lasts until it is, instead of the client's ask timeout.</param>
    public Task<PoolStatus> AwaitSettledAsync(CancellationToken cancellationToken = default) =>
        AskAsync<PoolStatus>(AwaitSettled.Instance, "it will not settle", cancellationToken);

    /// <summary>Sets the unit count, as <c>new ScaleChanged(units)</c> does.</summary>
    public void ScaleChanged(int units) => Tell(new ScaleChanged(units));

    /// <summary>Makes the supervisor re-read its size provider now, as <see cref="ActorPool.ScaleChanged.Recheck"/> does.</summary>
    public void Recheck() => Tell(ActorPool.ScaleChanged.Recheck);

    /// <summary>Sets the unit count, as <c>new ScaleChanged(units)</c> does, and answers once the supervisor has applied it.</summary>
    /// <param name="units">The new unit count, zero or more.</param>
    /// <param name="cancellationToken">When it can be cancelled, the wait lasts until it is, instead of the client's ask timeout.</param>
    /// <returns>The supervisor's status right after the change: its target is decided from <paramref name="units"/>, its pools on their way to it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is negative; nothing is sent.</exception>
    public Task<PoolStatus> SetUnitsAsync(int units, CancellationToken cancellationToken = default)
    {
        var message = new ScaleChanged(units);
        // One mailbox, in order: the status asked for after the change is the status after it.
        return AskAsync<PoolStatus>(message, GetPoolStatus.Instance, "the unit count may not have been set", cancellationToken);
    }

    /// <summary>
    /// Sets the pool bounds at once, as <see cref="ActorPool.SetPoolBounds"/> does: the target and the
    /// pools move within them; a leased pool is never revoked by it.
    /// </summary>
    /// <param name="minPools">The fewest pools to keep, zero or more.</param>
    /// <param name="maxPools">The most pools at once, leased ones included; at least 1 and at least <paramref name="minPools"/>.</param>
    /// <param name="cancellationToken">When it can be cancelled, the wait lasts until it is, instead of the client's ask timeout.</param>
    /// <returns>Completes once the new bounds apply.</returns>
    /// <exception cref="ArgumentException">The bounds are invalid (the message names each key and value); nothing was changed.</exception>
    public Task SetPoolBoundsAsync(int minPools, int maxPools, CancellationToken cancellationToken = default) =>
        AskAsync<Akka.Done>(new SetPoolBounds(minPools, maxPools), "the bounds may not have been set", cancellationToken);

    /// <summary>Replaces every worker of every pool, as <see cref="ActorPool.KillWorkers"/> does (loky's <c>kill_workers</c>).</summary>
    /// <param name="cancellationToken">When it can be cancelled, the wait lasts until it is, instead of the client's ask timeout.</param>
    /// <returns>Completes once every pool has been told to replace its workers; a running job still ends on its old thread.</returns>
    public Task KillWorkersAsync(CancellationToken cancellationToken = default) =>
        AskAsync<Akka.Done>(KillWorkers.Instance, "its workers may not have been replaced", cancellationToken);
}
