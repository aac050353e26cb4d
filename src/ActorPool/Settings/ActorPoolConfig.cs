using Akka.Actor;
using Akka.Configuration;

namespace ActorPool;

/// <summary>
/// The embedded <c>HOCON/reference.conf</c> of this assembly, and its injection into an
/// <see cref="ActorSystem"/> as the lowest-priority fallback, so application HOCON wins over it.
/// </summary>
internal static class ActorPoolConfig
{
    /// <summary>The root block of every ActorPool setting.</summary>
    public const string RootPath = "actor-pool";

    private static readonly Internal.Settings.EmbeddedHocon s_file = new(typeof(ActorPoolConfig).Assembly, "ActorPool.reference.conf");
    private static readonly Lazy<Config> s_defaultBlock = new(() => Defaults.GetConfig(RootPath));

    /// <summary>The whole embedded reference configuration (root <c>actor-pool</c>).</summary>
    public static Config Defaults => s_file.Config;

    /// <summary>The embedded <c>actor-pool</c> block itself.</summary>
    public static Config DefaultBlock => s_defaultBlock.Value;

    /// <summary>
    /// Adds <see cref="Defaults"/> as a top-level fallback of <paramref name="system"/>'s
    /// configuration, once per system.
    /// </summary>
    /// <param name="system">The actor system to inject into.</param>
    public static void EnsureInjected(ActorSystem system) => s_file.EnsureInjected(system);
}
