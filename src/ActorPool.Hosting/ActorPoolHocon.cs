using System.Reflection;
using Akka.Configuration;

namespace ActorPool.Hosting;

/// <summary>The core's embedded <c>HOCON/reference.conf</c>, read once.</summary>
internal static class ActorPoolHocon
{
    private static readonly Lazy<Config> s_defaults = new(() =>
    {
        using var stream = typeof(PoolSupervisor).Assembly.GetManifestResourceStream("ActorPool.reference.conf")
            ?? throw new InvalidOperationException("ActorPool.dll has no embedded ActorPool.reference.conf");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    });

    public static Config Defaults => s_defaults.Value;
}
