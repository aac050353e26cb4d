using Akka.Actor;

namespace ActorPool;

/// <summary>
/// The ActorPool extension of an actor system: the settings read from <c>actor-pool</c> and
/// clients of pool supervisors. Get it with <c>ActorPools.Get(system)</c>.
/// </summary>
public sealed class ActorPools : IExtension
{
    internal ActorPools(ExtendedActorSystem system)
    {
        Settings = PoolSettings.Create(system);
    }

    /// <summary>The settings of the <c>actor-pool</c> block, with the embedded defaults under the application's.</summary>
    public PoolSettings Settings { get; }

    /// <summary>
    /// The embedded defaults (<c>HOCON/reference.conf</c>, root <c>actor-pool</c>), for hosts that
    /// assemble configuration themselves; <see cref="PoolSettings.Create(ActorSystem)"/> injects them
    /// under the application's configuration on its own.
    /// </summary>
    public static Akka.Configuration.Config DefaultConfig() => ActorPoolConfig.Defaults;

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static ActorPools Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<ActorPools, ActorPoolsProvider>();
    }

    /// <summary>A client of the supervisor <paramref name="supervisor"/> of this process.</summary>
    /// <param name="supervisor">The supervisor actor.</param>
    /// <param name="askTimeout">How long status and lease requests wait for the supervisor's answer,
    /// beyond a lease request's own wait. <value>The default value is 30 seconds.</value></param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Reached through the extension, as Akka extensions are.")]
    public PoolClient Client(IActorRef supervisor, TimeSpan? askTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return new PoolClient(Task.FromResult(supervisor), PoolClient.CheckedAskTimeout(askTimeout));
    }
}

/// <summary>Creates the <see cref="ActorPools"/> extension.</summary>
internal sealed class ActorPoolsProvider : ExtensionIdProvider<ActorPools>
{
    public override ActorPools CreateExtension(ExtendedActorSystem system) => new(system);
}
