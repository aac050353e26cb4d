using ActorPool.Cluster.Internal.Jobs;
using ActorPool.Internal.Settings;
using Akka.Configuration;

namespace ActorPool.Cluster.Internal;

/// <summary>Builds <see cref="ClusterPoolsSettings"/> from a block shaped like <c>actor-pool.cluster</c>, listing every problem at once.</summary>
internal static class ClusterSettingsReader
{
    private const string Prefix = ClusterConfig.Path + ".";

    private static readonly Lazy<KnownKeys> s_known = new(() => new KnownKeys(ClusterConfig.DefaultBlock));

    public static ClusterPoolsSettings Read(Config block)
    {
        var errors = new SettingsErrors();
        s_known.Value.Check(block, Prefix, errors);
        var merged = block.WithFallback(ClusterConfig.DefaultBlock);
        var read = new HoconReader(merged, Prefix, errors);
        var d = new ClusterPoolsSettings();
        var settings = new ClusterPoolsSettings
        {
            JobTypes = ReadJobTypes(merged, errors),
            RememberGroups = read.Bool("remember-groups", d.RememberGroups),
            StateWriteTimeout = read.Duration("state.write-timeout", d.StateWriteTimeout),
            StateReadTimeout = read.Duration("state.read-timeout", d.StateReadTimeout),
            LoadPublishInterval = read.Duration("load.publish-interval", d.LoadPublishInterval),
            LoadStaleAfter = read.Duration("load.stale-after", d.LoadStaleAfter),
            LoadTolerance = read.Double("placement.load-tolerance", d.LoadTolerance),
            RebalanceThreshold = read.Int("placement.rebalance-threshold", d.RebalanceThreshold),
            FailoverCheckInterval = read.Duration("failover.check-interval", d.FailoverCheckInterval),
        };

        errors.Positive(Prefix + "state.write-timeout", settings.StateWriteTimeout);
        errors.Positive(Prefix + "state.read-timeout", settings.StateReadTimeout);
        errors.Positive(Prefix + "load.publish-interval", settings.LoadPublishInterval);
        errors.Positive(Prefix + "load.stale-after", settings.LoadStaleAfter);
        errors.Positive(Prefix + "failover.check-interval", settings.FailoverCheckInterval);
        if (settings.LoadStaleAfter > TimeSpan.Zero && settings.LoadStaleAfter <= settings.LoadPublishInterval)
        {
            errors.Add($"{Prefix}load.stale-after must be > {Prefix}load.publish-interval, was: "
                + $"[{SettingsErrors.Format(settings.LoadStaleAfter)}] <= [{SettingsErrors.Format(settings.LoadPublishInterval)}]");
        }
        if (!(settings.LoadTolerance > 0 && settings.LoadTolerance <= 1))
        {
            errors.Add($"{Prefix}placement.load-tolerance must be in (0, 1], was: [{SettingsErrors.Format(settings.LoadTolerance)}]");
        }
        // At 1 a move between nodes one group apart would only swap their counts, and the next round would move it back.
        errors.AtLeast(Prefix + "placement.rebalance-threshold", settings.RebalanceThreshold, 2);
        SettingsErrors.ThrowIfAny(errors.Messages);
        return settings;
    }

    private static List<Type> ReadJobTypes(Config merged, SettingsErrors errors)
    {
        const string key = Prefix + "job-types";
        IList<string> names;
        try
        {
            names = merged.GetStringList("job-types");
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or InvalidCastException)
        {
            errors.Unreadable(key, $"{key} must be a list of assembly-qualified type names");
            return [];
        }

        var types = new List<Type>();
        foreach (var name in names)
        {
            if (JobCatalog.Resolve(name, out var error) is { } type)
            {
                types.Add(type);
            }
            else
            {
                errors.Add($"{key}: {error}");
            }
        }
        return types;
    }
}
