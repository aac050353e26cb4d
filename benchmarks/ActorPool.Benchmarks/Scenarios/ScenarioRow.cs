using System.Globalization;
using System.Text;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>One sample of one contender: the CSV row every scenario writes.</summary>
/// <param name="Scenario">B5..B9.</param>
/// <param name="Contender">Who ran, e.g. <c>actorpool-throughput</c>.</param>
/// <param name="Phase">The case's phase then (e.g. <c>cpu</c>, <c>blocking</c>, <c>hog</c>).</param>
/// <param name="T">Seconds since the case started.</param>
/// <param name="Size">Worker threads, ThreadPool threads or routees (desired pools x workers for ActorPool); -1 unknown.</param>
/// <param name="JobsPerSecond">Jobs completed per second over the sample.</param>
/// <param name="P99Ms">p99 latency (submit to completion) of the sample's jobs, NaN when none.</param>
/// <param name="Target">The size the demand asks for (B8), if any.</param>
/// <param name="Ticks">Control ticks of the contender so far (B8), if counted.</param>
internal sealed record ScenarioRow(string Scenario, string Contender, string Phase, double T, int Size, double JobsPerSecond, double P99Ms, int? Target, double? Ticks)
{
    public const string Header = "scenario,contender,phase,t_s,size,jobs_per_s,p99_ms,target,ticks";

    public string ToCsv() => string.Join(',', Scenario, Contender, Phase, F(T), Size.ToString(CultureInfo.InvariantCulture), F(JobsPerSecond), F(P99Ms),
        Target?.ToString(CultureInfo.InvariantCulture) ?? "", Ticks is { } t ? F(t) : "");

    public static ScenarioRow Parse(string line)
    {
        var f = line.Split(',');
        return new ScenarioRow(f[0], f[1], f[2], D(f[3]), int.Parse(f[4], CultureInfo.InvariantCulture), D(f[5]), D(f[6]),
            f[7].Length == 0 ? null : int.Parse(f[7], CultureInfo.InvariantCulture), f[8].Length == 0 ? null : D(f[8]));
    }

    public static void Write(string path, IEnumerable<ScenarioRow> rows)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var row in rows)
        {
            text.AppendLine(row.ToCsv());
        }
        File.WriteAllText(path, text.ToString());
    }

    public static List<ScenarioRow> Read(string path) => [.. File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(Parse)];

    private static string F(double value) => double.IsNaN(value) ? "" : Math.Round(value, 3).ToString(CultureInfo.InvariantCulture);

    private static double D(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
}
