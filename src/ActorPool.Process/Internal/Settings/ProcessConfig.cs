using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Internal.Process.Settings;

/// <summary>The embedded <c>HOCON/process.conf</c> and its <c>actor-pool.process</c> block.</summary>
internal static class ProcessConfig
{
    private const string ResourceName = "ActorPool.process.conf";

    private static readonly Lazy<Config> s_defaults = new(Load);
    private static readonly ConditionalWeakTable<ActorSystem, object> s_injected = new();
    private static readonly object s_marker = new();
    private static readonly Lock s_gate = new();

    /// <summary>The whole embedded file (root <c>actor-pool</c>).</summary>
    public static Config Defaults => s_defaults.Value;

    /// <summary>The embedded <c>actor-pool.process</c> block.</summary>
    public static Config DefaultBlock => Defaults.GetConfig(ProcessKeys.Path);

    /// <summary>Adds <see cref="Defaults"/> as a top-level fallback of the system's configuration, once per system.</summary>
    public static void EnsureInjected(ActorSystem system)
    {
        // Under a lock: a second caller must not read the config while the first injects.
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
        using var stream = typeof(ProcessConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource {ResourceName} is missing from {typeof(ProcessConfig).Assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
