using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Internal.Process.Settings;

/// <summary>The embedded <c>HOCON/process.conf</c> and its <c>actor-pool.process</c> block.</summary>
internal static class ProcessConfig
{
    private static readonly ActorPool.Internal.Settings.EmbeddedHocon s_file = new(typeof(ProcessConfig).Assembly, "ActorPool.process.conf");

    /// <summary>The whole embedded file (root <c>actor-pool</c>).</summary>
    public static Config Defaults => s_file.Config;

    /// <summary>The embedded <c>actor-pool.process</c> block.</summary>
    public static Config DefaultBlock => Defaults.GetConfig(ProcessKeys.Path);

    /// <summary>Adds <see cref="Defaults"/> as a top-level fallback of the system's configuration, once per system.</summary>
    public static void EnsureInjected(ActorSystem system) => s_file.EnsureInjected(system);
}
