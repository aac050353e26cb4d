using ActorPool.Internal.Settings;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;

namespace ActorPool.Cluster.Internal;

/// <summary>The embedded <c>HOCON/cluster.conf</c>.</summary>
internal static class ClusterConfig
{
    public const string Path = "actor-pool.cluster";

    private static readonly EmbeddedHocon s_file = new(typeof(ClusterConfig).Assembly, "ActorPool.cluster.conf");

    private static readonly Lazy<Config> s_system = new(() => s_file.Config
        .WithFallback(ClusterSharding.DefaultConfig())       // Distributed Data's defaults included
        .WithFallback(ClusterSingleton.DefaultConfig()));

    /// <summary>The whole file: <c>actor-pool.cluster</c> and the <c>akka</c> values it chooses.</summary>
    public static Config Defaults => s_file.Config;

    /// <summary>
    /// The file over Akka's sharding, Distributed Data and singleton defaults: what a system is
    /// created with (<see cref="ClusterPools.DefaultConfig"/>). Their serializer bindings must be in
    /// the system's own configuration from the start. Left to each extension, they are injected
    /// later, from several threads at once (the load publisher's start, <c>StartAsync</c>), and
    /// <c>Settings.InjectTopLevelFallback</c> is an unguarded read-modify-write that rebuilds
    /// Serialization each time: a binding could go missing for a while, and the replicator, which
    /// looks its serializer up once, would digest its envelopes with the Newtonsoft default and log
    /// an error.
    /// </summary>
    public static Config SystemDefaults => s_system.Value;

    /// <summary>The embedded <c>actor-pool.cluster</c> block.</summary>
    public static Config DefaultBlock => Defaults.GetConfig(Path);

    public static void EnsureInjected(ActorSystem system) => s_file.EnsureInjected(system);
}
