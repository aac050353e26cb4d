using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorPool.Tests.Diagnostics;

/// <summary>One measurement of the <c>ActorPool</c> meter, as a listener received it.</summary>
public sealed record Measured(Instrument Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string Name => Instrument.Name;

    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value as string : null;
}

/// <summary>
/// A <see cref="MeterListener"/> on the <c>ActorPool</c> meter that keeps only the measurements of
/// one supervisor (other tests run supervisors in the same process at the same time).
/// </summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _supervisor;
    private readonly string _system;
    private readonly ConcurrentQueue<Measured> _recorded = new();
    private readonly Lock _collecting = new();
    private List<Measured>? _observed;

    public MeterCapture(string supervisor, string system)
    {
        _supervisor = supervisor;
        _system = system;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ActorPoolMetrics.MeterName)
            {
                Instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Take(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Take(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Take(i, v, tags));
        _listener.Start();
    }

    /// <summary>Every instrument of the meter, by name.</summary>
    public ConcurrentDictionary<string, Instrument> Instruments { get; } = new();

    /// <summary>What the observable instruments report for this supervisor now.</summary>
    public IReadOnlyList<Measured> Collect()
    {
        lock (_collecting)
        {
            _observed = [];
            _listener.RecordObservableInstruments();
            var observed = _observed;
            _observed = null;
            return observed;
        }
    }

    /// <summary>The value of observable <paramref name="name"/> whose extra tag <paramref name="key"/> is <paramref name="value"/> (or with no extra tag).</summary>
    public double? Observed(string name, string? key = null, string? value = null) =>
        Collect().Where(m => m.Name == name && (key is null || m.Tag(key) == value)).Select(m => (double?)m.Value).SingleOrDefault();

    /// <summary>The measurements recorded so far by the non-observable instruments (histogram, counters).</summary>
    public IReadOnlyList<Measured> Recorded(string name) => [.. _recorded.Where(m => m.Name == name)];

    public void Dispose() => _listener.Dispose();

    private void Take(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }
        if (!Equals(copy.GetValueOrDefault("actorpool.supervisor"), _supervisor) || !Equals(copy.GetValueOrDefault("actorpool.system"), _system))
        {
            return;
        }
        var measured = new Measured(instrument, value, copy);
        if (instrument.IsObservable)
        {
            // Callbacks run on the collecting thread, inside Collect's lock.
            _observed?.Add(measured);
        }
        else
        {
            _recorded.Enqueue(measured);
        }
    }
}
