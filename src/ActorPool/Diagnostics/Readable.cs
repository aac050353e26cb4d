using System.Globalization;

namespace ActorPool.Internal.Diagnostics;

/// <summary>
/// Durations and counts as a person reads them in a log line: <c>981 ms</c>, <c>2.5 s</c>,
/// <c>1.5 min</c>, <c>1 job</c>, <c>3 jobs</c>. Invariant culture, so a log reads the same on every
/// machine.
/// </summary>
/// <remarks>
/// For log lines only. Settings error messages keep the constant <see cref="TimeSpan"/> format in
/// brackets (<c>[00:00:05]</c>), which names the exact value and which tests and users match on.
/// </remarks>
internal static class Readable
{
    // Largest last; a duration is shown in the largest unit it reaches.
    private static readonly (string Name, double Milliseconds)[] s_units =
    [
        ("ms", 1),
        ("s", 1_000),
        ("min", 60_000),
        ("h", 3_600_000),
        ("d", 86_400_000),
    ];

    /// <summary>
    /// <paramref name="value"/> in its largest whole unit, with at most one decimal:
    /// <c>981 ms</c>, <c>2.5 s</c>, <c>1.5 min</c>, <c>2 h</c>, <c>3 d</c>, <c>-2.5 s</c>, <c>0 ms</c>.
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        var milliseconds = Math.Abs(value.TotalMilliseconds);
        var unit = s_units.Length - 1;
        while (unit > 0 && milliseconds < s_units[unit].Milliseconds)
        {
            unit--;
        }

        var amount = Round(milliseconds / s_units[unit].Milliseconds);
        // 59.96 s rounds to 60 s: that is 1 min.
        if (unit < s_units.Length - 1 && amount * s_units[unit].Milliseconds >= s_units[unit + 1].Milliseconds)
        {
            unit++;
            amount = Round(milliseconds / s_units[unit].Milliseconds);
        }

        // A tiny negative duration that rounds to 0 is shown as 0, without a sign.
        var sign = value < TimeSpan.Zero && amount > 0 ? "-" : "";
        return sign + amount.ToString("0.#", CultureInfo.InvariantCulture) + " " + s_units[unit].Name;
    }

    /// <summary>
    /// <paramref name="n"/> and the noun, singular only for exactly one: <c>1 job</c>,
    /// <c>0 jobs</c>, <c>2 jobs</c>.
    /// </summary>
    /// <param name="n">The count.</param>
    /// <param name="singular">The noun for one, e.g. <c>job</c>.</param>
    /// <param name="plural">The noun for any other count; <see langword="null"/> adds an <c>s</c> to <paramref name="singular"/>.</param>
    public static string Count(int n, string singular, string? plural = null)
    {
        ArgumentNullException.ThrowIfNull(singular);
        var noun = n == 1 ? singular : plural ?? singular + "s";
        return n.ToString(CultureInfo.InvariantCulture) + " " + noun;
    }

    private static double Round(double amount) => Math.Round(amount, 1, MidpointRounding.AwayFromZero);
}
