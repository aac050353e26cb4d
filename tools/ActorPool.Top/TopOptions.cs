using System.Globalization;

namespace ActorPool.Top;

/// <summary>The command line: <c>actorpool-top &lt;pid&gt; [--once] [--timeout seconds] [--interval seconds]</c>.</summary>
/// <param name="Pid">The process to attach to.</param>
/// <param name="Once">Print one frame and exit instead of the live view.</param>
/// <param name="Timeout">How long to wait for the first complete refresh of the meter: by default
/// 10 s or 3 intervals, whichever is longer; more than 2 intervals when given.</param>
/// <param name="Interval">The meter's refresh interval, and the view's.</param>
internal sealed record TopOptions(int Pid, bool Once, TimeSpan Timeout, TimeSpan Interval)
{
    public const string Usage = "usage: actorpool-top <pid> [--once] [--timeout <seconds>] [--interval <seconds>]";

    /// <summary>The options, or null when help was asked for.</summary>
    /// <exception cref="ArgumentException">An argument is missing, unknown or out of range; the message names it.</exception>
    public static TopOptions? Parse(IReadOnlyList<string> args)
    {
        int? pid = null;
        var once = false;
        TimeSpan? timeout = null;
        var interval = TimeSpan.FromSeconds(1);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    return null;
                case "--once":
                    once = true;
                    break;
                case "--timeout":
                    timeout = Seconds(args, ++i, "--timeout", 1, 3600);
                    break;
                case "--interval":
                    interval = Seconds(args, ++i, "--interval", 0.1, 60);
                    break;
                case var a when a.StartsWith('-'):
                    throw new ArgumentException($"unknown option [{a}]", nameof(args));
                case var a when pid is null:
                    pid = int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
                        ? p
                        : throw new ArgumentException($"the pid must be a whole number > 0, was: [{a}]", nameof(args));
                    break;
                default:
                    throw new ArgumentException($"unexpected argument [{args[i]}]: only one pid", nameof(args));
            }
        }
        if (pid is not { } id)
        {
            throw new ArgumentException("the pid of the process to attach to is missing", nameof(args));
        }
        // --once shows the second refresh (the first with rates), so the wait must cover two intervals.
        if (timeout is { } t && t <= 2 * interval)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--timeout must be more than 2 x --interval (two refreshes), was: --timeout [{t.TotalSeconds}] --interval [{interval.TotalSeconds}]"), nameof(args));
        }
        return new TopOptions(id, once, timeout ?? DefaultTimeout(interval), interval);
    }

    /// <summary>10 s, or three refreshes when they are slower.</summary>
    internal static TimeSpan DefaultTimeout(TimeSpan interval) => TimeSpan.FromSeconds(Math.Max(10, 3 * interval.TotalSeconds));

    private static TimeSpan Seconds(IReadOnlyList<string> args, int i, string name, double min, double max)
    {
        var text = i < args.Count ? args[i] : "";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= min && s <= max
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{name} takes seconds in [{min}, {max}], was: [{text}]", nameof(args));
    }
}
