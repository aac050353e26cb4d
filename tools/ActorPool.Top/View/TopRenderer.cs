using System.Globalization;
using ActorPool.Top.Metrics;

namespace ActorPool.Top.View;

/// <summary>How a line of the view is drawn; the colours themselves are the view's business.</summary>
internal enum LineStyle
{
    Plain,
    Title,
    Header,
    Alert,
}

/// <summary>One line of the view, never wider than the width it was rendered for.</summary>
internal sealed record TopLine(string Text, LineStyle Style = LineStyle.Plain);

/// <summary>
/// Lays a <see cref="TopFrame"/> out as lines that fit a terminal (80x24 at least): a title, the
/// process load, a table with one row per supervisor, then each supervisor's workers, leases, job
/// rates and durations for as many supervisors as still fit. A pure function of its input.
/// </summary>
internal static class TopRenderer
{
    public const int MinWidth = 60;
    public const int MinHeight = 12;

    /// <summary>The most table rows; the rest are counted.</summary>
    internal const int MaxTableRows = 6;

    private const string TableHeader = "SUPERVISOR         DES TOT IDLE BUSY LEAS DRAIN STUCK QUEUE  RUN UNITS MIN MAX";

    /// <summary>The view for <paramref name="frame"/> (null before the first one).</summary>
    /// <param name="frame">What to show.</param>
    /// <param name="target">What was attached to, for the title before the first frame.</param>
    /// <param name="status">A line about the session (waiting, a failure), or null.</param>
    /// <param name="width">Columns, at least <see cref="MinWidth"/>.</param>
    /// <param name="height">Rows, at least <see cref="MinHeight"/>.</param>
    public static IReadOnlyList<TopLine> Render(TopFrame? frame, string target, string? status, int width = 80, int height = 24)
    {
        width = Math.Max(MinWidth, width);
        height = Math.Max(MinHeight, height);
        var lines = new List<TopLine>();
        var count = frame?.Supervisors.Count ?? 0;
        var title = $"actorpool-top  {frame?.Target ?? target}  {frame?.Time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "--:--:--"}  {count} supervisor{(count == 1 ? "" : "s")}";
        const string keys = "q quits";
        lines.Add(new(title + new string(' ', Math.Max(1, width - title.Length - keys.Length)) + keys, LineStyle.Title));
        var first = frame is { Supervisors.Count: > 0 } f ? f.Supervisors[0] : null;
        var load = first?.Load ?? LoadView.Unknown;
        lines.Add(new("load  " + Load(load), load.Overloaded == true ? LineStyle.Alert : LineStyle.Plain));
        if (status is not null)
        {
            lines.Add(new(status, LineStyle.Alert));
        }
        if (frame is null || count == 0)
        {
            lines.Add(new(""));
            lines.Add(new(frame is null
                ? "waiting for the first refresh of the ActorPool meter ..."
                : "the ActorPool meter reports no supervisor in this process (yet)"));
            return Fit(lines, width, height);
        }

        lines.Add(new(TableHeader, LineStyle.Header));
        foreach (var s in frame.Supervisors.Take(MaxTableRows))
        {
            lines.Add(new(Row(s), s.PoolsIn("stuck") > 0 ? LineStyle.Alert : LineStyle.Plain));
        }
        if (count > MaxTableRows)
        {
            lines.Add(new($"... and {count - MaxTableRows} more supervisors"));
        }

        var warnings = frame.Warnings.Select(w => new TopLine($"! {w}", LineStyle.Alert)).ToList();
        foreach (var s in frame.Supervisors)
        {
            var detail = Detail(s);
            // A supervisor's block is shown whole or not at all; the warnings keep their rows.
            if (lines.Count + detail.Count + warnings.Count > height)
            {
                break;
            }
            lines.AddRange(detail);
        }
        lines.AddRange(warnings);
        return Fit(lines, width, height);
    }

    private static string Row(SupervisorView s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Shorten(s.Name, 18),-18}{N(s.Desired),4}{N(s.Total),4}{s.PoolsIn("idle"),5}{s.PoolsIn("busy"),5}{s.PoolsIn("leased"),5}" +
            $"{s.PoolsIn("draining"),6}{s.PoolsIn("stuck"),6}{N(s.Queued),6}{N(s.Running),5}{N(s.Units),6}{N(s.MinPools),4}{N(s.MaxPools),4}");

    private static List<TopLine> Detail(SupervisorView s)
    {
        var lines = new List<TopLine>
        {
            new(""),
            new($"{Shorten(s.Name, 24)}: workers {N(s.Workers)}, {N(s.StuckWorkers)} stuck; " +
                $"leases {Count(s.Leases, "active")} active {Count(s.Leases, "grace")} grace {Count(s.Leases, "released")} released {N(s.LeaseWaiting)} waiting",
                LineStyle.Header),
            new(string.Create(CultureInfo.InvariantCulture,
                $"  jobs/s ok {Rate(s, "succeeded")} fail {Rate(s, "failed")} cancel {Rate(s, "cancelled")} drop {Rate(s, "dropped")} " +
                $"timeout {Rate(s, "timed_out")} crash {Rate(s, "crashed")} rejected {R(s.RejectedPerSecond)}")),
        };
        var d = s.Durations.Count > 0 ? s.Durations[0] : null;
        lines.Add(new(d is null
            ? $"  duration -  (no job ended)  decisions {R(s.DecisionsPerSecond)}/s"
            : $"  duration p50 {Seconds(d.P50)} p95 {Seconds(d.P95)} p99 {Seconds(d.P99)} ({d.Outcome}, {d.Count} jobs)  decisions {R(s.DecisionsPerSecond)}/s"));
        return lines;
    }

    /// <summary><c>cpu 12% mem 40% lag 3ms ok</c>, as the supervisor's state line says it.</summary>
    internal static string Load(LoadView l) =>
        $"cpu {Percent(l.Cpu)}  mem {Percent(l.Memory)}  lag {Seconds(l.LagSeconds)}  " +
        (l.Overloaded switch { true => "OVERLOADED", false => "ok", null => "unknown" });

    private static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static int Count(IReadOnlyDictionary<string, int> counts, string key) => counts.TryGetValue(key, out var n) ? n : 0;

    private static string Rate(SupervisorView s, string outcome) => R(s.JobsPerSecond.TryGetValue(outcome, out var r) ? r : null);

    private static string R(double? perSecond) => perSecond?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-";

    private static string Percent(double ratio) => double.IsNaN(ratio) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0}%");

    internal static string Seconds(double seconds) => double.IsNaN(seconds)
        ? "-"
        : seconds < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0}s");

    /// <summary>Keeps the end of a path, which names the supervisor.</summary>
    internal static string Shorten(string s, int max) => s.Length <= max ? s : "..." + s[^(max - 3)..];

    private static List<TopLine> Fit(List<TopLine> lines, int width, int height) =>
        [.. lines.Take(height).Select(l => l.Text.Length <= width ? l : l with { Text = l.Text[..(width - 1)] + ">" })];
}
