using System.Text;

namespace ActorPool.Docs;

/// <summary>
/// Reads a HOCON file line by line for its comments, which a HOCON parser drops. It understands
/// the shape our .conf files are written in (one key or one <c>name {</c> per line, <c>#</c>
/// comments, <c># --- name ---</c> dividers) and throws on any other line, so a file that grows a
/// new shape fails the generator instead of being documented wrongly.
/// </summary>
public sealed class ConfFile
{
    private ConfFile(string relativePath, IReadOnlyList<string> intro, IReadOnlyList<ConfEntry> entries)
    {
        RelativePath = relativePath;
        Intro = intro;
        Entries = entries;
    }

    /// <summary>The file's path from the repository root, with forward slashes.</summary>
    public string RelativePath { get; }

    /// <summary>The comment at the top of the file, below its banner; blank strings separate paragraphs.</summary>
    public IReadOnlyList<string> Intro { get; }

    /// <summary>Every key and block, in file order.</summary>
    public IReadOnlyList<ConfEntry> Entries { get; }

    /// <summary>Reads <paramref name="relativePath"/> under <paramref name="root"/>.</summary>
    public static ConfFile Read(string root, string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(root, relativePath), Encoding.UTF8);
        return Parse(relativePath, lines);
    }

    /// <summary>Parses the lines of a file.</summary>
    public static ConfFile Parse(string relativePath, IReadOnlyList<string> lines)
    {
        var intro = new List<string>();
        var entries = new List<ConfEntry>();
        var open = new Stack<(ConfEntry Block, int Segments)>();
        var path = new List<string>();
        var comment = new List<string>();
        string? section = null;
        var seenKey = false;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                if (!seenKey && intro.Count > 0 && comment.Count == 0 && intro[^1].Length > 0)
                {
                    intro.Add("");
                }
                comment.Clear();
                continue;
            }

            if (line.StartsWith('#'))
            {
                if (IsBanner(line))
                {
                    continue;
                }

                // A lone '#' is an empty comment line: a paragraph break.
                var text = line.Length > 1 && line[1] == ' ' ? line[2..] : line[1..];
                if (text.StartsWith("---", StringComparison.Ordinal))
                {
                    section = text.Trim('-', ' ');
                    comment.Clear();
                }
                else if (!seenKey)
                {
                    intro.Add(text);
                }
                else
                {
                    comment.Add(text);
                }
                continue;
            }

            if (!seenKey)
            {
                seenKey = true;
                // The file's intro is what came before; a comment directly above the first key is its own.
                var lastBlank = intro.LastIndexOf("");
                comment.Clear();
                if (lastBlank < intro.Count - 1 && LooksAttached(lines, i))
                {
                    comment.AddRange(intro.Skip(lastBlank + 1));
                    intro.RemoveRange(lastBlank + 1, intro.Count - lastBlank - 1);
                }
                while (intro.Count > 0 && intro[^1].Length == 0)
                {
                    intro.RemoveAt(intro.Count - 1);
                }
            }

            if (line == "}")
            {
                if (open.Count == 0)
                {
                    throw Error(relativePath, i, "a } closes no block");
                }
                var (_, segments) = open.Pop();
                path.RemoveRange(path.Count - segments, segments);
                comment.Clear();
                continue;
            }

            var (keySegments, rest) = SplitKey(line, relativePath, i);
            var fullPath = string.Join('.', path.Concat(keySegments));
            if (open.TryPeek(out var parent))
            {
                parent.Block.Children++;
            }

            if (rest == "{")
            {
                var block = new ConfEntry(fullPath, section, [.. comment]) { IsBlock = true, Value = "{ }" };
                entries.Add(block);
                open.Push((block, keySegments.Count));
                path.AddRange(keySegments);
            }
            else if (rest.StartsWith('=') || rest.StartsWith(':'))
            {
                var value = rest[1..].Trim();
                if (value.EndsWith('{') || value.Length == 0)
                {
                    throw Error(relativePath, i, "a value must be on the line of its key");
                }
                entries.Add(new ConfEntry(fullPath, section, [.. comment]) { Value = value });
            }
            else
            {
                throw Error(relativePath, i, "expected `key = value`, `key {` or `}`");
            }
            comment.Clear();
        }

        if (open.Count > 0)
        {
            throw Error(relativePath, lines.Count - 1, $"block {open.Peek().Block.Path} is not closed");
        }
        foreach (var block in entries.Where(e => e.IsBlock && e.Children > 0))
        {
            block.Value = null;
        }
        return new ConfFile(relativePath.Replace('\\', '/'), intro, entries);
    }

    // The last intro paragraph belongs to the first key when no blank line separates them.
    private static bool LooksAttached(IReadOnlyList<string> lines, int keyLine) =>
        keyLine > 0 && lines[keyLine - 1].TrimStart().StartsWith('#');

    // "#####" rules and "# Title   #" lines frame a file's title; they are not documentation.
    private static bool IsBanner(string line) =>
        (line.Length > 1 && line.All(c => c == '#')) || (line.Length > 2 && line.EndsWith('#'));

    private static (List<string> Segments, string Remainder) SplitKey(string line, string file, int index)
    {
        var segments = new List<string>();
        var at = 0;
        while (true)
        {
            if (line[at] == '"')
            {
                var end = line.IndexOf('"', at + 1);
                if (end < 0)
                {
                    throw Error(file, index, "an unclosed quoted key");
                }
                segments.Add(line[at..(end + 1)]);
                at = end + 1;
            }
            else
            {
                var end = at;
                while (end < line.Length && (char.IsLetterOrDigit(line[end]) || line[end] is '-' or '_'))
                {
                    end++;
                }
                if (end == at)
                {
                    throw Error(file, index, "expected a key");
                }
                segments.Add(line[at..end]);
                at = end;
            }

            if (at < line.Length && line[at] == '.')
            {
                at++;
                continue;
            }
            return (segments, line[at..].Trim());
        }
    }

    private static FormatException Error(string file, int index, string what) =>
        new($"{file}:{index + 1}: {what}");
}
