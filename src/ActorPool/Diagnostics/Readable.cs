using System.Globalization;

namespace ActorPool.Internal.Diagnostics;

/// <summary>Log-friendly text: durations such as <c>981 ms</c> or <c>2.5 s</c>, counts with their noun.</summary>
internal static class Readable
{
    public static string Duration(TimeSpan value)
    {
        var ms = value.TotalMilliseconds;
        var abs = Math.Abs(ms);
        return abs switch
        {
            < 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms"),
            < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.#} s"),
            < 3_600_000 => string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000:0.#} min"),
            < 86_400_000 => string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:0.#} h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{ms / 86_400_000:0.#} d"),
        };
    }

    public static string Count(int n, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");
}
