using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPool.Cluster.Hosting.Internal;

/// <summary>
/// Keeps ActorPool.Cluster's chosen sharding values (HOCON/cluster.conf: passivation off, the
/// least-shard limits, no durable Distributed Data) above Akka's own sharding defaults, whichever
/// of <c>WithClustering</c> and <c>WithClusterPools</c> comes first.
/// </summary>
/// <remarks>
/// Akka.Cluster.Hosting's <c>WithClustering</c> appends Akka's sharding defaults; appended before
/// ours, they would win over ours: idle groups would be passivated after two minutes, and
/// remember-groups would want LightningDB files. A value the application set itself (one that differs
/// from the library default) is never overridden.
/// </remarks>
internal static class ModuleChoices
{
    // What WithClustering appends for akka.cluster.sharding (it adds the singleton, pub-sub,
    // client and Distributed Data defaults too, none of which the module sets).
    private static readonly Lazy<Config> s_libraryDefaults = new(ClusterSharding.DefaultConfig);

    /// <summary>
    /// The module's <c>akka.cluster.sharding</c> values that <paramref name="current"/> holds at
    /// the library default instead, as HOCON to prepend; empty when there are none. (The rest of
    /// the module's <c>akka.*</c> values no library default added by Akka.Hosting competes with:
    /// Akka.Cluster's own reference configuration sits below the system's.)
    /// </summary>
    public static string OverLibraryDefaults(Config current)
    {
        const string sharding = "akka.cluster.sharding";
        var chosen = ClusterPools.DefaultConfig();
        var library = s_libraryDefaults.Value;
        var lines = new List<string>();
        foreach (var path in Leaves(chosen.GetConfig(sharding).Root, sharding))
        {
            if (!current.HasPath(path) || !library.HasPath(path))
            {
                continue;
            }
            var now = current.GetValue(path).ToString();
            if (now != chosen.GetValue(path).ToString() && now == library.GetValue(path).ToString())
            {
                lines.Add($"{path} = {chosen.GetValue(path)}");
            }
        }
        return string.Join('\n', lines);
    }

    private static IEnumerable<string> Leaves(HoconValue value, string path)
    {
        if (!value.IsObject())
        {
            yield return path;
            yield break;
        }
        foreach (var (key, child) in value.GetObject().Items)
        {
            foreach (var leaf in Leaves(child, $"{path}.{key}"))
            {
                yield return leaf;
            }
        }
    }
}
