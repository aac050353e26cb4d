using System.Runtime.CompilerServices;
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

    private const string ResourceName = "ActorPool.reference.conf";

    private static readonly Lazy<Config> s_defaults = new(Load);
    private static readonly Lazy<Config> s_defaultBlock = new(() => Defaults.GetConfig(RootPath));
    private static readonly ConditionalWeakTable<ActorSystem, object> s_injected = new();
    private static readonly object s_marker = new();
    private static readonly Lock s_gate = new();

    /// <summary>The whole embedded reference configuration (root <c>actor-pool</c>).</summary>
    public static Config Defaults => s_defaults.Value;

    /// <summary>The embedded <c>actor-pool</c> block itself.</summary>
    public static Config DefaultBlock => s_defaultBlock.Value;

    /// <summary>
    /// Adds <see cref="Defaults"/> as a top-level fallback of <paramref name="system"/>'s
    /// configuration, once per system.
    /// </summary>
    /// <param name="system">The actor system to inject into.</param>
    public static void EnsureInjected(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);

        // Under a lock rather than a bare TryAdd: a second caller must not read the system's
        // config while the first is still injecting the fallback.
        lock (s_gate)
        {
            if (s_injected.TryGetValue(system, out _))
            {
                return;
            }

            system.Settings.InjectTopLevelFallback(Defaults);
            s_injected.Add(system, s_marker);
        }
    }

    private static Config Load()
    {
        using var stream = typeof(ActorPoolConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource {ResourceName} is missing from {typeof(ActorPoolConfig).Assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
