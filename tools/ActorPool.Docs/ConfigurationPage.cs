using System.Text;
using System.Text.RegularExpressions;

namespace ActorPool.Docs;

/// <summary>
/// Renders <c>docs/configuration-reference.md</c>: every key of the <c>actor-pool</c> blocks with its
/// default and the comment above it, as the .conf files ship them, so the page cannot drift from
/// the defaults the assemblies embed.
/// </summary>
public static partial class ConfigurationPage
{
    /// <summary>The page, relative to the repository root.</summary>
    public const string OutputPath = "docs/configuration-reference.md";

    /// <summary>The command that rewrites the page (and the snippets).</summary>
    public const string RegenerateCommand = "dotnet run --project tools/ActorPool.Docs";

    /// <summary>The files documented, in order, with the package that embeds each.</summary>
    public static readonly IReadOnlyList<(string Path, string Title)> Sources =
    [
        ("HOCON/reference.conf", "Core (`ActorPool`)"),
        ("HOCON/process.conf", "Process backend (`ActorPool.Process`)"),
        ("HOCON/cluster.conf", "Cluster (`ActorPool.Cluster`)"),
    ];

    /// <summary>The page for the repository at <paramref name="root"/>.</summary>
    public static string Render(string root)
    {
        var files = Sources.Select(s => (File: ConfFile.Read(root, s.Path), s.Title)).ToList();
        var md = new StringBuilder();
        md.Append("# Configuration reference\n\n")
          .Append("<!-- Generated from HOCON/*.conf by tools/ActorPool.Docs; do not edit. Regenerate: ")
          .Append(RegenerateCommand).Append(" -->\n\n")
          .Append("Every `actor-pool` setting with its default and its documentation, as the assemblies embed them. ")
          .Append("[Configuration](configuration.md) explains how the blocks are read, overridden and validated; ")
          .Append("this page lists the keys. A bad value or a misspelt key fails when the settings are created, ")
          .Append("with the full key and the value in the message.\n\n");
        foreach (var (file, title) in files)
        {
            md.Append("- [").Append(title).Append("](#").Append(Anchor(title)).Append(")\n");
        }
        md.Append("- [Akka.NET settings the cluster module sets](#akkanet-settings-the-cluster-module-sets)\n");

        foreach (var (file, title) in files)
        {
            md.Append("\n## ").Append(title).Append("\n\n")
              .Append("From [`").Append(file.RelativePath).Append("`](../").Append(file.RelativePath).Append(").\n\n");
            AppendProse(md, file.Intro);
            string? section = null;
            foreach (var entry in file.Entries.Where(e => e.Path.StartsWith("actor-pool", StringComparison.Ordinal)))
            {
                if (entry.Section != section && entry.Section is not null)
                {
                    section = entry.Section;
                    md.Append("\n### ").Append(Capitalize(section)).Append('\n');
                }
                AppendEntry(md, entry);
            }
        }

        AppendAkka(md, files.Select(f => f.File));
        // One blank line between blocks, however the parts above end.
        return BlankLines().Replace(md.ToString(), "\n\n");
    }

    /// <summary>Every <c>actor-pool</c> leaf key the files define, as full paths.</summary>
    public static IReadOnlyList<string> Keys(string root) =>
        [.. Sources.SelectMany(s => ConfFile.Read(root, s.Path).Entries)
            .Where(e => e.IsLeaf && e.Path.StartsWith("actor-pool", StringComparison.Ordinal))
            .Select(e => e.Path)];

    private static void AppendEntry(StringBuilder md, ConfEntry entry)
    {
        if (entry.IsLeaf)
        {
            md.Append("\n#### `").Append(entry.Path).Append("`\n\n")
              .Append("Default: `").Append(entry.Value).Append("`\n\n");
            AppendProse(md, entry.Comment);
        }
        else if (entry.Comment.Count > 0 && entry.Path.Contains('.', StringComparison.Ordinal))
        {
            // A block's comment introduces its keys.
            md.Append("\n#### `").Append(entry.Path).Append("` (block)\n\n");
            AppendProse(md, entry.Comment);
        }
    }

    private static void AppendAkka(StringBuilder md, IEnumerable<ConfFile> files)
    {
        md.Append("\n## Akka.NET settings the cluster module sets\n\n")
          .Append("`ClusterPools.DefaultConfig()` (and `WithClusterPools`) add these Akka.NET values from ")
          .Append("[`HOCON/cluster.conf`](../HOCON/cluster.conf), where the comments explain each choice ")
          .Append("(the failover budget, the serializers). They are Akka.NET's keys, documented by Akka.NET; ")
          .Append("override them in your own HOCON.\n\n")
          .Append("| key | value |\n|---|---|\n");
        foreach (var entry in files.SelectMany(f => f.Entries).Where(e => e.IsLeaf && !e.Path.StartsWith("actor-pool", StringComparison.Ordinal)))
        {
            md.Append("| `").Append(entry.Path.Replace("|", "\\|", StringComparison.Ordinal)).Append("` | `")
              .Append(entry.Value).Append("` |\n");
        }
    }

    // Comment lines become paragraphs: "Allowed:", "Example:" and "Crawlee:" start their own, as
    // does an empty comment line. Lines are joined with spaces: a line "= 2 workers." on its own
    // would make the line above it a heading.
    private static void AppendProse(StringBuilder md, IReadOnlyList<string> lines)
    {
        var paragraph = new List<string>();
        foreach (var raw in lines)
        {
            var text = raw.Trim();
            if (text.Length == 0 || StartsParagraph(text))
            {
                Flush(md, paragraph);
            }
            if (text.Length > 0)
            {
                paragraph.Add(Escape(text));
            }
        }
        Flush(md, paragraph);
    }

    private static bool StartsParagraph(string text) =>
        text.StartsWith("Allowed:", StringComparison.Ordinal)
        || text.StartsWith("Example:", StringComparison.Ordinal)
        || text.StartsWith("Crawlee:", StringComparison.Ordinal);

    private static void Flush(StringBuilder md, List<string> paragraph)
    {
        if (paragraph.Count == 0)
        {
            return;
        }
        foreach (var label in new[] { "Allowed:", "Example:", "Crawlee:" })
        {
            if (paragraph[0].StartsWith(label, StringComparison.Ordinal))
            {
                paragraph[0] = "*" + label[..^1] + ":*" + paragraph[0][label.Length..];
            }
        }
        md.Append(string.Join(' ', paragraph)).Append("\n\n");
        paragraph.Clear();
    }

    private static string Escape(string text) =>
        text.Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // GitHub's heading anchors: lower case, spaces to hyphens, punctuation dropped.
    private static string Anchor(string heading) =>
        new([.. heading.ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_')]);

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankLines();
}
