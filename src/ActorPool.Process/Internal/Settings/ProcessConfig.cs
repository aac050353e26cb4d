using Akka.Configuration;

namespace ActorPool.Internal.Process.Settings;

/// <summary>The embedded <c>HOCON/process.conf</c> and its <c>actor-pool.process</c> block.</summary>
internal static class ProcessConfig
{
    private const string ResourceName = "ActorPool.process.conf";

    private static readonly Lazy<Config> s_defaults = new(Load);

    /// <summary>The whole embedded file (root <c>actor-pool</c>).</summary>
    public static Config Defaults => s_defaults.Value;

    /// <summary>The embedded <c>actor-pool.process</c> block.</summary>
    public static Config DefaultBlock => Defaults.GetConfig(ProcessKeys.Path);

    private static Config Load()
    {
        using var stream = typeof(ProcessConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource {ResourceName} is missing from {typeof(ProcessConfig).Assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
