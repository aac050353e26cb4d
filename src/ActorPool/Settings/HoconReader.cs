using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPool.Internal.Settings;

/// <summary>
/// Reads typed values from one HOCON block strictly: a value that does not parse is recorded in
/// <paramref name="errors"/> with its full key and the value as written, and the caller gets
/// <c>fallback</c> so it can go on collecting the other problems.
/// </summary>
/// <remarks>
/// Values are read as raw strings and parsed here, because Akka's <c>Config.GetInt</c> gives 0 for
/// some bad input, its <c>GetTimeSpan</c> rejects negative durations with a message that names
/// neither key nor rule, and it reads a bare number as milliseconds, which this reader refuses.
/// </remarks>
internal sealed class HoconReader(Config block, string prefix, SettingsErrors errors)
{
    private const string DurationExamples = "a duration such as 500ms, 120s, 5m or 1h";
    private const string DurationWithUnit = "a duration with a unit such as 500ms, 120s, 5m or 1h";

    public int Int(string key, int fallback)
    {
        var raw = Raw(key);
        if (raw is not null
            && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return Fail(key, "an integer", raw, fallback);
    }

    /// <summary>An integer, or 0 for <c>off</c>.</summary>
    public int IntOrOff(string key, int fallback)
    {
        var raw = Raw(key);
        if (raw is "off")
        {
            return 0;
        }

        if (raw is not null
            && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return Fail(key, "an integer, or off", raw, fallback);
    }

    /// <summary>A number such as <c>0.95</c>; NaN and infinities are refused.</summary>
    public double Double(string key, double fallback)
    {
        var raw = Raw(key);
        if (raw is not null
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        return Fail(key, "a number such as 0.9", raw, fallback);
    }

    /// <summary><c>on</c>/<c>off</c> or <c>true</c>/<c>false</c>, as HOCON writes booleans.</summary>
    public bool Bool(string key, bool fallback) => Raw(key) switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        var raw => Fail(key, "on or off", raw, fallback),
    };

    /// <summary>A string value (a name); a block or a list is refused.</summary>
    public string Text(string key, string fallback)
    {
        var raw = block.HasPath(key) && !block.GetValue(key).IsObject() && !block.GetValue(key).IsArray() ? Raw(key) : null;
        return raw ?? Fail(key, "a name", raw, fallback);
    }

    public TimeSpan Duration(string key, TimeSpan fallback) =>
        TryDuration(key, Raw(key), "", out var value) ? value : fallback;

    /// <summary>A duration, or <see langword="null"/> for <c>off</c>.</summary>
    public TimeSpan? DurationOrOff(string key, TimeSpan? fallback)
    {
        var raw = Raw(key);
        if (raw is "off")
        {
            return null;
        }

        return TryDuration(key, raw, ", or off", out var value) ? value : fallback;
    }

    /// <summary>One of <paramref name="names"/>, matched exactly (HOCON values are lower case).</summary>
    public T OneOf<T>(string key, IReadOnlyDictionary<string, T> names, T fallback)
    {
        var raw = Raw(key);
        if (raw is not null && names.TryGetValue(raw, out var value))
        {
            return value;
        }

        return Fail(key, "one of [" + string.Join(", ", names.Keys) + "]", raw, fallback);
    }

    /// <summary>
    /// Parses with Akka's own duration rules (units ns to d, long names), adding the leading minus
    /// sign Akka refuses, so a negative duration reaches the range check and is reported as such.
    /// </summary>
    /// <remarks>
    /// A bare number is refused, although Akka reads it as milliseconds: <c>check-interval = 60</c>
    /// is far more likely meant as a minute than as 60 ms.
    /// </remarks>
    internal static DurationParse ParseDuration(string raw, out TimeSpan value)
    {
        var text = raw.Trim();
        var negative = text.StartsWith('-');
        var magnitude = negative ? text[1..] : text;
        value = default;
        if (magnitude.Length > 0 && (char.IsAsciiDigit(magnitude[0]) || magnitude[0] == '.')
            && double.TryParse(
                magnitude, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _))
        {
            return DurationParse.NoUnit;
        }

        var literal = new HoconValue();
        literal.AppendValue(new HoconLiteral { Value = magnitude });
        try
        {
            var parsed = literal.GetTimeSpan(allowInfinite: false);
            value = negative ? -parsed : parsed;
            return DurationParse.Ok;
        }
        catch (OverflowException)
        {
            // Longer than TimeSpan holds (99999999999d), so past DurationLimits.Max too.
            return DurationParse.TooLong;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return DurationParse.Invalid;
        }
    }

    /// <summary>Reads a duration, or records why it cannot and returns <see langword="false"/>.</summary>
    private bool TryDuration(string key, string? raw, string orElse, out TimeSpan value)
    {
        value = default;
        switch (raw is null ? DurationParse.Invalid : ParseDuration(raw, out value))
        {
            case DurationParse.Ok:
                return true;
            case DurationParse.TooLong:
                errors.Unreadable(prefix + key, SettingsErrors.NotAboveMaxMessage(prefix + key, raw!));
                return false;
            case DurationParse.NoUnit:
                Fail(key, DurationWithUnit + orElse, raw, 0);
                return false;
            default:
                Fail(key, DurationExamples + orElse, raw, 0);
                return false;
        }
    }

    private string? Raw(string key) => block.HasPath(key) ? block.GetString(key) : null;

    private T Fail<T>(string key, string expected, string? raw, T fallback)
    {
        var shown = raw ?? Describe(key);
        errors.Unreadable(prefix + key, $"{prefix}{key} must be {expected}, was: [{shown}]");
        return fallback;
    }

    private string Describe(string key)
    {
        if (!block.HasPath(key))
        {
            return "missing";
        }

        var value = block.GetValue(key);
        return value.IsObject() ? "a block" : value.IsArray() ? "a list" : "null";
    }
}

/// <summary>How a duration's text parsed.</summary>
internal enum DurationParse
{
    /// <summary>A duration.</summary>
    Ok,

    /// <summary>Not a duration at all.</summary>
    Invalid,

    /// <summary>A duration too long for <see cref="TimeSpan"/>.</summary>
    TooLong,

    /// <summary>A bare number, which Akka would read as milliseconds.</summary>
    NoUnit,
}
