using System.Reflection;
using System.Text.RegularExpressions;

namespace ActorPool.Tests.Diagnostics;

/// <summary>
/// Checks one package's log catalogue against itself and against <c>docs/operations-logs.md</c>:
/// ids unique and in the package's range, named fields only, and a doc row per entry with the same
/// level and template, and no doc row of that range without an entry. Reflection only, so the
/// process and cluster test projects compile this same file (linked) for their catalogues.
/// </summary>
internal static partial class LogCatalogueCheck
{
    /// <summary>Every problem found; empty when the catalogue and its doc agree.</summary>
    public static List<string> Problems(Type catalogue, int firstId, int lastId)
    {
        var problems = new List<string>();
        var entries = catalogue.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.Name == "LogEntry")
            .Select(f => Read(f.GetValue(null)!))
            .ToList();
        if (entries.Count == 0)
        {
            problems.Add($"{catalogue.Name} has no entries");
        }
        foreach (var dup in entries.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"id {dup.Key} is used by {string.Join(", ", dup.Select(e => e.Name))}");
        }
        foreach (var dup in entries.GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"name {dup.Key} is used {dup.Count()} times");
        }
        var rows = DocRows().Where(r => r.Id >= firstId && r.Id <= lastId).ToDictionary(r => r.Id);
        foreach (var e in entries)
        {
            if (e.Id < firstId || e.Id > lastId)
            {
                problems.Add($"{e.Name}: id {e.Id} is outside {firstId}-{lastId}");
            }
            if (Positional().IsMatch(e.Template))
            {
                problems.Add($"{e.Name}: a positional placeholder in [{e.Template}]; name each field");
            }
            if (!rows.TryGetValue(e.Id, out var row))
            {
                problems.Add($"AP{e.Id} ({e.Name}) is missing from docs/operations-logs.md");
                continue;
            }
            if (row.Name != e.Name || row.Level != e.Level || row.Template != e.Template)
            {
                problems.Add($"AP{e.Id}: the doc says [{row.Name} | {row.Level} | {row.Template}], the catalogue [{e.Name} | {e.Level} | {e.Template}]");
            }
        }
        foreach (var stale in rows.Keys.Except(entries.Select(e => e.Id)))
        {
            problems.Add($"AP{stale} is in docs/operations-logs.md but not in {catalogue.Name}");
        }
        return problems;
    }

    /// <summary>The doc's table rows: <c>| AP1001 | PoolsResized | INFO | `template` | what to do |</c>.</summary>
    public static List<Entry> DocRows() =>
        File.ReadAllLines(DocPath())
            .Select(line => Row().Match(line))
            .Where(m => m.Success)
            .Select(m => new Entry(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value.Replace("\\|", "|", StringComparison.Ordinal)))
            .ToList();

    private static Entry Read(object entry)
    {
        var type = entry.GetType();
        object Get(string name) => type.GetProperty(name)!.GetValue(entry)!;
        var level = Get("Level").ToString()!.Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant();
        return new Entry((int)Get("Id"), (string)Get("Name"), level, (string)Get("Template"));
    }

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var doc = Path.Combine(dir.FullName, "docs", "operations-logs.md");
            if (File.Exists(Path.Combine(dir.FullName, "ActorPool.sln")) && File.Exists(doc))
            {
                return doc;
            }
        }
        throw new FileNotFoundException("docs/operations-logs.md not found above " + AppContext.BaseDirectory);
    }

    internal sealed record Entry(int Id, string Name, string Level, string Template);

    [GeneratedRegex(@"^\|\s*AP(\d{4})\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|\s*`(.*)`\s*\|")]
    private static partial Regex Row();

    [GeneratedRegex(@"(?<!\{)\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Positional();
}
