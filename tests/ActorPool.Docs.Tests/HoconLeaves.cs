using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPool.Docs.Tests;

/// <summary>The leaf keys of a HOCON file as Akka.NET's own parser reads it: the independent
/// check on the generator's line reader. An empty block (<c>env { }</c>) counts as a leaf.</summary>
internal static class HoconLeaves
{
    public static IReadOnlyList<string> Of(Config config, string root)
    {
        var leaves = new List<string>();
        Collect(config.GetValue(root), root, leaves);
        return leaves;
    }

    public static Config Parse(string relativePath) => ConfigurationFactory.ParseString(Repo.Read(relativePath));

    private static void Collect(HoconValue? value, string path, List<string> leaves)
    {
        if (value is null)
        {
            return;
        }
        if (!value.IsObject() || value.GetObject().Items.Count == 0)
        {
            leaves.Add(path);
            return;
        }
        foreach (var (name, inner) in value.GetObject().Items)
        {
            Collect(inner, path + "." + name, leaves);
        }
    }
}
