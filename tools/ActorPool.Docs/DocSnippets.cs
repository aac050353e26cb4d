using System.Text;
using System.Text.RegularExpressions;

namespace ActorPool.Docs;

/// <summary>One C# block of a doc page and the region it is taken from.</summary>
/// <param name="Doc">The page, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the block's opening fence.</param>
/// <param name="Source">The marker's file, relative to the repository root, or null without a marker.</param>
/// <param name="Region">The marker's region name, or null without a marker.</param>
/// <param name="Text">The block's text, without its fences.</param>
public sealed record DocBlock(string Doc, int Line, string? Source, string? Region, string Text);

/// <summary>
/// The C# snippets of README.md and docs/: each <c>```csharp</c> block carries a marker line
/// <c>&lt;!-- snippet: samples/X/Program.cs#region-name --&gt;</c> above it and must equal that
/// <c>#region</c> of a file that compiles, so the docs show code that builds today.
/// </summary>
public static partial class DocSnippets
{
    /// <summary>The pages whose C# blocks are checked: README.md and every docs/**/*.md.</summary>
    public static IEnumerable<string> Pages(string root) =>
        Enumerable.Repeat("README.md", 1).Concat(
            Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}_site{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !p.Contains($"{Path.DirectorySeparatorChar}api{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
                .Order(StringComparer.Ordinal));

    /// <summary>Every C# block of <paramref name="doc"/>.</summary>
    public static IReadOnlyList<DocBlock> Blocks(string root, string doc)
    {
        var lines = File.ReadAllLines(Path.Combine(root, doc));
        var blocks = new List<DocBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }
            var marker = i > 0 ? Marker().Match(lines[i - 1]) : Match.Empty;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            if (end < 0)
            {
                throw new FormatException($"{doc}:{i + 1}: the ```csharp block is not closed");
            }
            var text = string.Join('\n', lines[(i + 1)..end]);
            blocks.Add(marker.Success
                ? new DocBlock(doc, i + 1, marker.Groups["file"].Value, marker.Groups["region"].Value, text)
                : new DocBlock(doc, i + 1, null, null, text));
            i = end;
        }
        return blocks;
    }

    /// <summary>
    /// The text of <c>#region <paramref name="region"/></c> in <paramref name="source"/>: the lines
    /// up to its <c>#endregion</c>, without nested region lines, with their common indentation
    /// removed. Null when the file or the region does not exist.
    /// </summary>
    public static string? Region(string root, string source, string region)
    {
        var path = Path.Combine(root, source);
        if (!File.Exists(path))
        {
            return null;
        }
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.Trim() == "#region " + region);
        if (start < 0)
        {
            return null;
        }
        var body = new List<string>();
        var depth = 1;
        for (var i = start + 1; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#region", StringComparison.Ordinal))
            {
                depth++;
                continue;
            }
            if (trimmed.StartsWith("#endregion", StringComparison.Ordinal))
            {
                if (--depth == 0)
                {
                    return Dedent(body);
                }
                continue;
            }
            body.Add(lines[i]);
        }
        return null;
    }

    /// <summary>
    /// Rewrites every marked block of every page from its region; returns the pages changed.
    /// Unmarked blocks and missing regions are left for the test to report.
    /// </summary>
    public static IReadOnlyList<string> Sync(string root)
    {
        var changed = new List<string>();
        foreach (var doc in Pages(root))
        {
            var path = Path.Combine(root, doc);
            var lines = File.ReadAllLines(path).ToList();
            var edited = false;
            // From the last block up, so earlier blocks keep their line numbers.
            foreach (var block in Blocks(root, doc).Where(b => b.Source is not null).Reverse())
            {
                var region = Region(root, block.Source!, block.Region!);
                if (region is null || region == block.Text)
                {
                    continue;
                }
                var open = block.Line - 1;
                var close = lines.FindIndex(open + 1, l => l.Trim() == "```");
                lines.RemoveRange(open + 1, close - open - 1);
                lines.InsertRange(open + 1, region.Split('\n'));
                edited = true;
            }
            if (edited)
            {
                File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
                changed.Add(doc);
            }
        }
        return changed;
    }

    private static string Dedent(List<string> lines)
    {
        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
        }
        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<file>[^#\s]+)#(?<region>[\w.-]+)\s*-->\s*$")]
    private static partial Regex Marker();
}
