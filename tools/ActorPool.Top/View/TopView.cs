using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorPool.Top.View;

/// <summary>Turns rendered lines into Spectre.Console text: the title in reverse video, headers bold, alerts red.</summary>
internal static class TopView
{
    public static IRenderable ToRenderable(IReadOnlyList<TopLine> lines) =>
        new Rows(lines.Select(l => new Text(l.Text, StyleOf(l.Style)) { Overflow = Overflow.Crop }));

    private static Style StyleOf(LineStyle style) => style switch
    {
        LineStyle.Title => new Style(decoration: Decoration.Invert),
        LineStyle.Header => new Style(decoration: Decoration.Bold),
        LineStyle.Alert => new Style(Color.Red),
        _ => Style.Plain,
    };
}
