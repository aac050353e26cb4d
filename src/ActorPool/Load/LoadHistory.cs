namespace ActorPool.Internal.Load;

/// <summary>
/// The samples of a <c>SystemLoad</c> actor and their overload verdicts: a plain class driven by
/// explicit timestamps, so the arithmetic is tested without an actor or a clock. Not thread-safe;
/// owned by one actor.
/// </summary>
/// <remarks>
/// Design notes. The verdict is Crawlee's <c>SystemStatus</c> rule: over the samples of a window,
/// each interval between two consecutive samples counts as overloaded time when the later sample
/// was over its limit, and as normal time otherwise; an interval of zero length weighs 1 ms. The
/// share is overloaded time over total time, rounded to three decimals as Crawlee rounds it, and the
/// signal is overloaded when the share is greater than its <c>overloaded-ratio</c>. A window holds
/// the samples no older than its length before the latest one. A sample where a signal's probe
/// failed is skipped for that signal, so one failed read neither extends nor breaks a run of
/// overloaded samples; the signal is reported unknown, and not overloaded, in that snapshot.
/// Cost: O(samples in history) per signal per sample; 30 s at 1 s is 30 samples.
/// </remarks>
internal sealed class LoadHistory(LoadRules rules)
{
    private static readonly TimeSpan s_zeroIntervalWeight = TimeSpan.FromMilliseconds(1);
    private static readonly int s_signals = LoadSignals.All.Count;

    private readonly Queue<Sample> _samples = new();

    public int Count => _samples.Count;

    /// <summary>Records one sample and returns the snapshot it yields.</summary>
    /// <param name="now">The sample's time; not before the previous sample's.</param>
    /// <param name="readings">The readings; a signal that is absent is unknown.</param>
    public LoadSnapshot Record(DateTimeOffset now, IReadOnlyDictionary<LoadSignal, LoadReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var over = new bool?[s_signals];
        foreach (var (signal, reading) in readings)
        {
            over[(int)signal] = rules.IsOver(signal, reading);
        }

        _samples.Enqueue(new Sample(now, over));
        var history = rules.Settings.History;
        while (now - _samples.Peek().At > history)
        {
            _samples.Dequeue();
        }

        var current = new Dictionary<LoadSignal, double>();
        var historical = new Dictionary<LoadSignal, double>();
        var overCurrent = new HashSet<LoadSignal>();
        var overHistory = new HashSet<LoadSignal>();
        var unknown = new HashSet<LoadSignal>();
        foreach (var signal in LoadSignals.All)
        {
            current[signal] = Share(signal, now - rules.Settings.CurrentWindow);
            historical[signal] = Share(signal, now - history);
            if (!readings.ContainsKey(signal))
            {
                unknown.Add(signal);
                continue;
            }

            if (rules.Checks(signal))
            {
                var ratio = rules.OverloadedRatio(signal);
                if (current[signal] > ratio)
                {
                    overCurrent.Add(signal);
                }

                if (historical[signal] > ratio)
                {
                    overHistory.Add(signal);
                }
            }
        }

        return new LoadSnapshot(
            now,
            Ratio(readings, LoadSignal.Cpu),
            Ratio(readings, LoadSignal.Memory),
            readings.TryGetValue(LoadSignal.SchedulingLag, out var lag) ? TimeSpan.FromMilliseconds(lag.Value) : TimeSpan.Zero,
            Ratio(readings, LoadSignal.Gc),
            current, historical, overCurrent, overHistory, unknown);
    }

    /// <summary>Crawlee's time-weighted overloaded share of one signal over the samples at or after <paramref name="from"/>.</summary>
    private double Share(LoadSignal signal, DateTimeOffset from)
    {
        var overloaded = TimeSpan.Zero;
        var total = TimeSpan.Zero;
        DateTimeOffset? previous = null;
        foreach (var sample in _samples)
        {
            if (sample.At < from || sample.Over[(int)signal] is not { } over)
            {
                continue;
            }

            if (previous is { } before)
            {
                var weight = sample.At - before;
                weight = weight == TimeSpan.Zero ? s_zeroIntervalWeight : weight;
                total += weight;
                overloaded += over ? weight : TimeSpan.Zero;
            }

            previous = sample.At;
        }

        return total == TimeSpan.Zero
            ? 0.0
            : Math.Round(overloaded / total, 3, MidpointRounding.AwayFromZero);
    }

    // Probes may overshoot 1 by a rounding error (CPU time read a moment after the wall clock).
    private static double Ratio(IReadOnlyDictionary<LoadSignal, LoadReading> readings, LoadSignal signal) =>
        readings.TryGetValue(signal, out var r) ? Math.Clamp(r.Value, 0, 1) : double.NaN;

    private readonly record struct Sample(DateTimeOffset At, bool?[] Over);
}
