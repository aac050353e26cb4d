using ActorPool.Internal.Settings;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Cluster.Internal;

/// <summary>The embedded <c>HOCON/cluster.conf</c>.</summary>
internal static class ClusterConfig
{
    public const string Path = "actor-pool.cluster";

    private static readonly EmbeddedHocon s_file = new(typeof(ClusterConfig).Assembly, "ActorPool.cluster.conf");

    /// <summary>The whole file: <c>actor-pool.cluster</c> and the <c>akka</c> values it chooses.</summary>
    public static Config Defaults => s_file.Config;

    /// <summary>The embedded <c>actor-pool.cluster</c> block.</summary>
    public static Config DefaultBlock => Defaults.GetConfig(Path);

    public static void EnsureInjected(ActorSystem system) => s_file.EnsureInjected(system);
}
