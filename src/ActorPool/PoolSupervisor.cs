using ActorPool.Internal.Supervision;
using Akka.Actor;

namespace ActorPool;

/// <summary>
/// The supervisor of a right-sized set of executor pools: create it with
/// <c>system.ActorOf(PoolSupervisor.Props(settings), "pools")</c>, then tell it
/// <see cref="ScaleChanged"/>, submit through <see cref="ActorPools.Client"/> or
/// <see cref="Submit"/>, and lease whole pools with <see cref="AcquireLease"/>.
/// </summary>
/// <remarks>
/// This type only names the actor (for <c>Props</c> and the Akka.Hosting registry key
/// <c>IRequiredActor&lt;PoolSupervisor&gt;</c>); the actor itself is internal.
/// </remarks>
public sealed class PoolSupervisor
{
    private PoolSupervisor()
    {
    }

    /// <summary>The props of a pool supervisor.</summary>
    /// <param name="settings">Its settings; validated here, so a bad value fails before the actor starts.</param>
    /// <param name="sizeProvider">
    /// The unit count (devices, tenants, sessions...), re-read every <c>check-interval</c> and on
    /// <see cref="ScaleChanged.Recheck"/>. It runs inside the supervisor, so it must be quick and
    /// thread-safe; a throw or a negative count is survived as <c>on-signal-failure</c> says.
    /// <see langword="null"/> keeps the units set by <see cref="ScaleChanged"/> (zero at first).
    /// </param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names its key and value.</exception>
    public static Props Props(PoolSettings settings, Func<int>? sizeProvider = null) =>
        Props(settings, sizeProvider, TimeProvider.System);

    /// <summary>The props with a given clock, for tests that control time.</summary>
    internal static Props Props(PoolSettings settings, Func<int>? sizeProvider, TimeProvider clock, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        settings.Validate();
        return Akka.Actor.Props.Create(() => new SupervisorActor(settings, sizeProvider, clock, group));
    }
}
