using System.Globalization;

namespace ActorPool.Top;

/// <summary>The command line: <c>actorpool-top &lt;pid&gt; [--once] [--timeout seconds] [--interval seconds]</c>.</summary>
/// <param name="Pid">The process to attach to.</param>
/// <param name="Once">Print one frame and exit instead of the live view.</param>
/// <param name="Timeout">How long to wait for the first complete refresh of the meter.</param>
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
        var timeout = TimeSpan.FromSeconds(10);
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
        return pid is { } id
            ? new TopOptions(id, once, timeout, interval)
            : throw new ArgumentException("the pid of the process to attach to is missing", nameof(args));
    }

    private static TimeSpan Seconds(IReadOnlyList<string> args, int i, string name, double min, double max)
    {
        var text = i < args.Count ? args[i] : "";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= min && s <= max
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{name} takes seconds in [{min}, {max}], was: [{text}]", nameof(args));
    }
}
