using System.Globalization;

namespace ActorPool.Internal.Settings;

/// <summary>
/// Collects every settings problem, so one exception can list them all. Messages name the full
/// key and the value in brackets, shaped like Akka's Resizer checks:
/// <c>actor-pool.min-pools must be &gt;= 0, was: [-1]</c>.
/// </summary>
internal sealed class SettingsErrors
{
    private readonly List<string> _messages = [];
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Messages => _messages;

    public void Add(string message) => _messages.Add(message);

    /// <summary>
    /// Records a key whose value could not be read at all. Range rules on it are skipped: they
    /// would only judge the stand-in value, not what the user wrote.
    /// </summary>
    public void Unreadable(string key, string message)
    {
        _unreadable.Add(key);
        _messages.Add(message);
    }

    public void AtLeast(string key, int value, int least)
    {
        if (Readable(key) && value < least)
        {
            Add(AtLeastMessage(key, value, least));
        }
    }

    public void NotAbove(string key, int value, string otherKey, int other)
    {
        if (Readable(key) && Readable(otherKey) && value > other)
        {
            Add($"{key} must be <= {otherKey}, was: [{Format(value)}] > [{Format(other)}]");
        }
    }

    public void Above(string key, double value, double least)
    {
        if (Readable(key) && value <= least)
        {
            Add($"{key} must be > {Format(least)}, was: [{Format(value)}]");
        }
    }

    public void AtLeast(string key, double value, double least)
    {
        if (Readable(key) && value < least)
        {
            Add($"{key} must be >= {Format(least)}, was: [{Format(value)}]");
        }
    }

    /// <summary>Refuses <paramref name="value"/> unless it is below <paramref name="other"/>.</summary>
    public void Below(string key, double value, string otherKey, double other)
    {
        if (Readable(key) && Readable(otherKey) && value >= other)
        {
            Add($"{key} must be < {otherKey}, was: [{Format(value)}] >= [{Format(other)}]");
        }
    }

    public void Positive(string key, TimeSpan value)
    {
        if (Readable(key) && value <= TimeSpan.Zero)
        {
            Add($"{key} must be > 0, was: [{Format(value)}]");
        }
    }

    /// <param name="key">The full key.</param>
    /// <param name="value">The duration.</param>
    /// <param name="note">Said after the rule, e.g. what zero means.</param>
    public void NotNegative(string key, TimeSpan value, string note = "")
    {
        if (Readable(key) && value < TimeSpan.Zero)
        {
            Add($"{key} must be >= 0{note}, was: [{Format(value)}]");
        }
    }

    public void NotBelow(string key, TimeSpan value, string otherKey, TimeSpan other)
    {
        if (Readable(key) && Readable(otherKey) && value < other)
        {
            Add($"{key} must be >= {otherKey}, was: [{Format(value)}] < [{Format(other)}]");
        }
    }

    public void NotAbove(string key, TimeSpan value, string otherKey, TimeSpan other)
    {
        if (Readable(key) && Readable(otherKey) && value > other)
        {
            Add($"{key} must be <= {otherKey}, was: [{Format(value)}] > [{Format(other)}]");
        }
    }

    /// <summary>Refuses a number outside <paramref name="least"/>..<paramref name="most"/>, both included.</summary>
    public void Between(string key, double value, double least, double most)
    {
        if (Readable(key) && !(value >= least && value <= most))
        {
            Add($"{key} must be between {Format(least)} and {Format(most)}, was: [{Format(value)}]");
        }
    }

    public void NotNegative(string key, double value)
    {
        if (Readable(key) && !(value >= 0))
        {
            Add($"{key} must be >= 0, was: [{Format(value)}]");
        }
    }

    /// <summary>
    /// Refuses a duration past <see cref="DurationLimits.Max"/>, which Akka's scheduler cannot wait.
    /// </summary>
    public void NotAboveMax(string key, TimeSpan value)
    {
        if (Readable(key) && value > DurationLimits.Max)
        {
            Add(NotAboveMaxMessage(key, Format(value)));
        }
    }

    /// <summary>
    /// Refuses two durations that are waited one after the other (a lease's time, then its grace)
    /// when together they pass <see cref="DurationLimits.Max"/>. Skipped when either is out of range
    /// on its own: that is already reported, and their sum could overflow.
    /// </summary>
    public void SumNotAboveMax(string key, TimeSpan value, string otherKey, TimeSpan other)
    {
        if (Readable(key) && Readable(otherKey)
            && InRange(value) && InRange(other) && value + other > DurationLimits.Max)
        {
            Add($"{key} + {otherKey} must be <= {DurationLimits.MaxText}, was: [{Format(value)}] + [{Format(other)}]");
        }

        static bool InRange(TimeSpan d) => d >= TimeSpan.Zero && d <= DurationLimits.Max;
    }

    /// <summary>The message for a duration past <see cref="DurationLimits.Max"/>, shown as written.</summary>
    public static string NotAboveMaxMessage(string key, string shown) =>
        $"{key} must be <= {DurationLimits.MaxText}, was: [{shown}]";

    public static string AtLeastMessage(string key, int value, int least) =>
        $"{key} must be >= {Format(least)}, was: [{Format(value)}]";

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The constant ("c") format, the same on every culture: <c>-00:00:05</c>.</summary>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Throws one exception listing every message, if there is any.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> messages)
    {
        if (messages.Count == 1)
        {
            throw new ArgumentException(messages[0]);
        }

        if (messages.Count > 1)
        {
            throw new ArgumentException(
                $"{Format(messages.Count)} invalid ActorPool settings:{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", messages));
        }
    }

    private bool Readable(string key) => !_unreadable.Contains(key);
}
