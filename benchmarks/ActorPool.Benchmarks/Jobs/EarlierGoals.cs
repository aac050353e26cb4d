namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// The goals of an earlier report of this suite (its "## Goals" tables), so a new report can show
/// each goal's ratio before a change beside the ratio after it. Goal texts are unique across the
/// tables, so a goal and a column index find one cell.
/// </summary>
internal sealed class EarlierGoals
{
    private readonly Dictionary<(string Goal, int Column), string> _cells = [];

    private EarlierGoals(string file) => File = file;

    /// <summary>The earlier report, as given.</summary>
    public string File { get; }

    /// <summary>Its closing line, e.g. "4 of 51 goals met", or null when it has none.</summary>
    public string? Summary { get; private set; }

    public static EarlierGoals Read(string file)
    {
        var earlier = new EarlierGoals(file);
        var inGoals = false;
        foreach (var line in System.IO.File.ReadLines(file))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inGoals = line == "## Goals";
                continue;
            }
            if (!inGoals)
            {
                continue;
            }
            if (line.StartsWith("**", StringComparison.Ordinal) && line.Contains("goals met", StringComparison.Ordinal))
            {
                earlier.Summary = line.Trim('*', '.', ' ');
                continue;
            }
            if (!line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("| goal |", StringComparison.Ordinal))
            {
                continue;
            }
            var cells = line.Trim('|', ' ').Split(" | ");
            for (var i = 1; i < cells.Length; i++)
            {
                // "0.55x **NOT MET**" -> "0.55x": the verdict is the new report's to give.
                earlier._cells[(cells[0], i - 1)] = cells[i].Split(' ')[0];
            }
        }
        return earlier;
    }

    /// <summary>The earlier ratio of <paramref name="goal"/> in <paramref name="column"/>, or null.</summary>
    public string? Cell(string goal, int column) =>
        _cells.TryGetValue((goal, column), out var cell) && cell.EndsWith('x') ? cell : null;
}
