using System.Globalization;

namespace ActorPool.Top.Metrics;

/// <summary>What kind of instrument a published value came from, as MetricsEventSource names its events.</summary>
internal enum ValueKind
{
    /// <summary><c>CounterRateValuePublished</c>: <see cref="MetricEvent.Value.Rate"/> is the increase over the interval.</summary>
    Counter,

    /// <summary><c>UpDownCounterRateValuePublished</c>: <see cref="MetricEvent.Value.Current"/> is the value now.</summary>
    UpDownCounter,

    /// <summary><c>GaugeValuePublished</c>: <see cref="MetricEvent.Value.Current"/> is the last value.</summary>
    Gauge,
}

/// <summary>
/// One event of the <c>System.Diagnostics.Metrics</c> EventSource, reduced to what the top view
/// reads. Parsed by payload position, as dotnet-counters does, from the versions .NET 8 and later
/// publish (version 1 added counters' absolute values and histograms' count and sum).
/// </summary>
internal abstract record MetricEvent(string SessionId)
{
    /// <summary>A counter, up-down counter or gauge value for one tag combination.</summary>
    public sealed record Value(string SessionId, ValueKind Kind, string Meter, string Instrument, Tags Tags, double? Rate, double? Current)
        : MetricEvent(SessionId);

    /// <summary>A histogram's quantiles over the interval for one tag combination.</summary>
    public sealed record Histogram(string SessionId, string Meter, string Instrument, Tags Tags, IReadOnlyDictionary<double, double> Quantiles, long Count)
        : MetricEvent(SessionId);

    /// <summary>The end of one collection interval: every value of it has been published.</summary>
    public sealed record CollectionStop(string SessionId) : MetricEvent(SessionId);

    /// <summary>
    /// The runtime refused a session because <paramref name="RunningSessionId"/> already listens.
    /// Every listening session receives it: when the running session is ours, another tool was
    /// refused and ours goes on; otherwise ours is the one refused.
    /// </summary>
    public sealed record SessionRefused(string RunningSessionId) : MetricEvent(RunningSessionId);

    /// <summary>The listener could not do what was asked (a limit, a failing callback, an error).</summary>
    public sealed record Problem(string SessionId, string Message, bool Fatal) : MetricEvent(SessionId);

    /// <summary>The event, or null for one the view does not read.</summary>
    /// <param name="eventName">The EventSource event's name.</param>
    /// <param name="payload">Its payload values, in order.</param>
    public static MetricEvent? Parse(string eventName, IReadOnlyList<object?> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        string At(int i) => i < payload.Count ? payload[i]?.ToString() ?? "" : "";
        return eventName switch
        {
            "CounterRateValuePublished" => new Value(At(0), ValueKind.Counter, At(1), At(3), Tags.Parse(At(5)), Number(At(6)), Number(At(7))),
            "UpDownCounterRateValuePublished" => new Value(At(0), ValueKind.UpDownCounter, At(1), At(3), Tags.Parse(At(5)), Number(At(6)), Number(At(7))),
            "GaugeValuePublished" => new Value(At(0), ValueKind.Gauge, At(1), At(3), Tags.Parse(At(5)), null, Number(At(6))),
            "HistogramValuePublished" => new Histogram(At(0), At(1), At(3), Tags.Parse(At(5)), ParseQuantiles(At(6)),
                long.TryParse(At(7), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0),
            // TraceEvent names it by task and opcode (Collection/Stop); the EventSource method is CollectionStop.
            "Collection/Stop" or "CollectionStop" => new CollectionStop(At(0)),
            "Error" => new Problem(At(0), $"the metrics listener failed: {At(1)}", Fatal: true),
            "ObservableInstrumentCallbackError" => new Problem(At(0), $"an observable instrument's callback threw: {At(1)}", Fatal: false),
            "TimeSeriesLimitReached" => new Problem(At(0), "the time-series limit was reached: some values are missing", Fatal: false),
            "HistogramLimitReached" => new Problem(At(0), "the histogram limit was reached: some durations are missing", Fatal: false),
            // Its payload names the session already running, which may be ours: the builder decides.
            "MultipleSessionsNotSupportedError" => new SessionRefused(At(0)),
            _ => null,
        };
    }

    /// <summary>An empty text means no measurement in the interval (an observable instrument's callback skipped it).</summary>
    internal static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary><c>0.5=1.2;0.95=3.4;0.99=5</c> as quantile to value.</summary>
    internal static IReadOnlyDictionary<double, double> ParseQuantiles(string text)
    {
        var result = new Dictionary<double, double>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Number(part[..eq]) is { } q && Number(part[(eq + 1)..]) is { } v)
            {
                result[q] = v;
            }
        }
        return result;
    }
}

/// <summary>A measurement's tags, parsed from MetricsEventSource's <c>key=value,key=value</c>.</summary>
internal sealed record Tags(IReadOnlyDictionary<string, string> Values)
{
    public static readonly Tags None = new(new Dictionary<string, string>());

    public string? this[string key] => Values.TryGetValue(key, out var value) ? value : null;

    public static Tags Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[part[..eq]] = part[(eq + 1)..];
            }
        }
        return new Tags(values);
    }
}
