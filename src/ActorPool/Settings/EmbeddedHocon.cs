using System.Reflection;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Internal.Settings;

/// <summary>
/// A HOCON file embedded in an assembly (<c>HOCON/reference.conf</c>, <c>HOCON/process.conf</c>),
/// read once, and injected into an <see cref="ActorSystem"/> as its lowest-priority fallback once
/// per system, so the application's HOCON wins over it: the Akka.NET way for a library's defaults.
/// </summary>
internal sealed class EmbeddedHocon(Assembly assembly, string resourceName)
{
    private static readonly object s_marker = new();

    private readonly Lazy<Config> _config = new(() => Load(assembly, resourceName));
    private readonly ConditionalWeakTable<ActorSystem, object> _injected = new();
    private readonly Lock _gate = new();

    /// <summary>The whole file.</summary>
    public Config Config => _config.Value;

    /// <summary>Adds <see cref="Config"/> as a top-level fallback of <paramref name="system"/>'s configuration, once per system.</summary>
    public void EnsureInjected(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);

        // Under a lock rather than a bare TryAdd: a second caller must not read the system's
        // config while the first is still injecting the fallback.
        lock (_gate)
        {
            if (_injected.TryGetValue(system, out _))
            {
                return;
            }

            system.Settings.InjectTopLevelFallback(Config);
            _injected.Add(system, s_marker);
        }
    }

    private static Config Load(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {resourceName} is missing from {assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
