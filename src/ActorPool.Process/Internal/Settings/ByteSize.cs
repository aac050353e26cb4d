using System.Globalization;

namespace ActorPool.Internal.Process.Settings;

/// <summary>Parses a size with a unit (<c>300MiB</c>, <c>2GB</c>, <c>512 KiB</c>); a bare number is
/// refused, as a bare duration is, because its unit would be a guess.</summary>
internal static class ByteSize
{
    private static readonly (string Unit, long Factor)[] s_units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("kB", 1_000), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("B", 1),
    ];

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        foreach (var (unit, factor) in s_units)
        {
            if (!trimmed.EndsWith(unit, StringComparison.Ordinal))
            {
                continue;
            }

            var number = trimmed[..^unit.Length].Trim();
            if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var total = value * factor;
            if (total > long.MaxValue || total < long.MinValue)
            {
                return false;
            }

            bytes = (long)total;
            return true;
        }

        return false;
    }
}
