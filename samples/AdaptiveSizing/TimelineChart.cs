using ScottPlot;
using SkiaSharp;

namespace ActorPool.Samples.AdaptiveSizing;

/// <summary>
/// Draws a recorded timeline with ScottPlot: three rows sharing the time axis, pools (desired and
/// total), queued jobs, and CPU and memory in percent. Each gets its own row because their scales
/// differ by orders of magnitude.
/// </summary>
internal static class TimelineChart
{
    private const int Width = 900;
    private const int Height = 720;

    /// <summary>Writes a PNG or an SVG, chosen by <paramref name="file"/>'s extension.</summary>
    public static void Write(IReadOnlyList<TimelineSample> samples, string supervisor, string file)
    {
        var chart = Build(samples, supervisor);
        if (Path.GetExtension(file).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            // ScottPlot saves a single plot as SVG but a multiplot only as PNG; its renderer draws
            // onto any Skia canvas, and Skia's SVG canvas writes the document.
            using var stream = File.Create(file);
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
            {
                canvas.Clear(SKColors.White);
                chart.Render(canvas, new PixelRect(0, Width, Height, 0));
            }
        }
        else
        {
            chart.SavePng(file, Width, Height);
        }
    }

    private static Multiplot Build(IReadOnlyList<TimelineSample> samples, string supervisor)
    {
        var t = samples.Select(s => s.Seconds).ToArray();
        var chart = new Multiplot();
        chart.AddPlots(3);
        var (pools, queue, load) = (chart.GetPlot(0), chart.GetPlot(1), chart.GetPlot(2));

        // Total first and solid, desired dashed on top, so both show where they agree.
        Steps(pools, t, samples.Select(s => (double)s.Total), "total pools", Colors.DarkOrange, LinePattern.Solid);
        Steps(pools, t, samples.Select(s => (double)s.Desired), "desired pools", Colors.SteelBlue, LinePattern.Dashed);
        pools.Title($"{supervisor}: pools, queue and load over {(t.Length == 0 ? 0 : t[^1]):0} s");
        pools.YLabel("pools");
        pools.Axes.SetLimitsY(0, Math.Max(1, samples.Count == 0 ? 1 : samples.Max(s => Math.Max(s.Total, s.Desired))) + 1);

        Steps(queue, t, samples.Select(s => (double)s.Queued), "queued jobs", Colors.Purple, LinePattern.Solid);
        queue.YLabel("queued jobs");
        queue.Axes.SetLimitsY(0, Math.Max(5, samples.Count == 0 ? 5 : samples.Max(s => s.Queued)) * 1.1);

        Line(load, t, samples.Select(s => s.CpuPercent), "CPU %", Colors.Crimson);
        Line(load, t, samples.Select(s => s.MemoryPercent), "memory %", Colors.SeaGreen);
        load.YLabel("percent");
        load.XLabel("seconds since the recording started");
        load.Axes.SetLimitsY(0, 100);

        foreach (var plot in chart.GetPlots())
        {
            plot.ShowLegend(Alignment.UpperRight);
            plot.Axes.SetLimitsX(0, Math.Max(1, t.Length == 0 ? 1 : t[^1]));
        }
        chart.SharedAxes.ShareX(chart.GetPlots());
        return chart;
    }

    /// <summary>Counts change in steps: hold the old value until the new one was seen.</summary>
    private static void Steps(Plot plot, double[] t, IEnumerable<double> values, string name, Color color, LinePattern pattern)
    {
        var line = plot.Add.ScatterLine(t, values.ToArray());
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LegendText = name;
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
    }

    private static void Line(Plot plot, double[] t, IEnumerable<double> values, string name, Color color)
    {
        // An unknown reading (NaN) is left out rather than drawn as a gap or a zero.
        var points = t.Zip(values).Where(p => !double.IsNaN(p.Second)).ToArray();
        var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray());
        line.LegendText = name;
        line.Color = color;
        line.LineWidth = 2;
    }
}
