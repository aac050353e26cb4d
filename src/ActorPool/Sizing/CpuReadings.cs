namespace ActorPool.Internal.Sizing;

/// <summary>
/// What the throughput controller may conclude from the snapshot's CPU share: which worker count
/// the sample covers, and the CPU ceiling of the machine as this process sees it.
/// </summary>
/// <remarks>
/// <para>
/// A sample covers the time since the previous one, and the snapshot a decision reads may be up
/// to a sample interval old: right after a move it still describes the size before it. Dividing
/// the new size by that CPU share named a knee far too high (scenario B5: 20 workers at the CPU of
/// 8 went to 55). So the workers a sample covers are the time-weighted sizes over its window
/// (from the previous snapshot's timestamp to its own), from the sizes this class was told of.
/// </para>
/// <para>
/// The ceiling: on a shared machine the process's CPU share stops rising below 1 (0.88-0.92 on the
/// 2-core benchmark machine) and below an absolute target-cpu of 0.95, so Little's law kept naming
/// a knee above the workers in force and the controller crept past the real knee. When a move up
/// raises the CPU share by less than half of what Little's law predicts, and the share is at least
/// half the machine, the machine is saturated:
/// the highest share seen becomes the ceiling, the knee is sized against it, and the CPU counts as
/// saturated at <c>ceiling-ratio</c> of it. A share a little above the ceiling raises it; one above
/// ceiling / <c>ceiling-ratio</c> (the cores were busy with other work when it was seen), or
/// <c>base-window</c> samples below <c>ceiling-ratio</c> of it, forget it. A change of the jobs
/// does not: the ceiling belongs to the machine, the knee to the jobs.
/// </para>
/// Not thread-safe: the policy's caller only.
/// </remarks>
internal sealed class CpuReadings(ThroughputPolicySettings settings)
{
    // Half the rise Little's law predicts: less means the extra workers found no CPU to use.
    private const double RiseShare = 0.5;

    // A share that stops rising below half the machine is other work holding the cores (a CPU
    // hog, a loaded host), not a ceiling: there each runnable worker still wins CPU from it under
    // the OS's per-thread fairness, and holding the size only queues the jobs (scenario B9's hog:
    // p99 4.4x a static pool's with the ceiling, 1.1-1.7x without; a static pool of 2 or 4 workers
    // was worse than one of 8 or 16).
    private const double MinCeiling = 0.5;

    private readonly List<(DateTimeOffset From, long Workers)> _sizes = [];
    private DateTimeOffset? _sampleAt;
    private DateTimeOffset? _windowFrom;
    private (double Workers, double Cpu)? _last;
    private int _belowCeiling;

    /// <summary>The CPU share the machine saturates at, once seen; NaN before.</summary>
    public double Ceiling { get; private set; } = double.NaN;

    /// <summary>Whether the current snapshot is one this class had not seen at the previous call.</summary>
    public bool Fresh { get; private set; }

    /// <summary>Notes the size in force (it took effect at <paramref name="previousTick"/>, the decision that set it) and the snapshot.</summary>
    public void Track(Observation o, DateTimeOffset? previousTick)
    {
        var n = o.DesiredWorkers;
        if (_sizes.Count == 0)
        {
            _sizes.Add((DateTimeOffset.MinValue, n));
        }
        else if (_sizes[^1].Workers != n)
        {
            _sizes.Add((previousTick ?? o.Timestamp, n));
        }
        Fresh = _sampleAt != o.Load.Timestamp;
        if (Fresh)
        {
            (_windowFrom, _sampleAt) = (_sampleAt, o.Load.Timestamp);
        }
        // Keep the size in force at the window's start and every later one.
        while (_sizes.Count > 1 && _windowFrom is { } from && _sizes[1].From <= from)
        {
            _sizes.RemoveAt(0);
        }
    }

    /// <summary>The workers the current sample covers, time-weighted over its window; <paramref name="n"/> when the window is unknown.</summary>
    public double Covered(long n)
    {
        if (_windowFrom is not { } from || _sampleAt is not { } to || to <= from)
        {
            return n;
        }
        double weighted = 0;
        for (var i = 0; i < _sizes.Count; i++)
        {
            var start = _sizes[i].From > from ? _sizes[i].From : from;
            var end = i + 1 < _sizes.Count && _sizes[i + 1].From < to ? _sizes[i + 1].From : to;
            if (end > start)
            {
                weighted += _sizes[i].Workers * (end - start).TotalSeconds;
            }
        }
        return weighted / (to - from).TotalSeconds;
    }

    /// <summary>Learns from a fresh sample taken while the pools were busy: whether the CPU stopped rising with the workers.</summary>
    public void Saturation(double workers, double cpu)
    {
        if (!Fresh || double.IsNaN(cpu) || workers <= 0)
        {
            return;
        }
        if (_last is { } last && workers > last.Workers * (1 + settings.AlphaRatio) && last.Cpu > 0)
        {
            var predicted = Math.Min(1, last.Cpu * workers / last.Workers) - last.Cpu;
            if (predicted > settings.AlphaRatio * last.Cpu && cpu - last.Cpu < RiseShare * predicted && Math.Max(cpu, last.Cpu) >= MinCeiling)
            {
                Ceiling = double.IsNaN(Ceiling) ? Math.Max(cpu, last.Cpu) : Math.Max(Ceiling, Math.Max(cpu, last.Cpu));
                _belowCeiling = 0;
            }
        }
        _last = (workers, cpu);
        if (double.IsNaN(Ceiling))
        {
            return;
        }
        if (cpu > Ceiling / settings.CeilingRatio)
        {
            // Well above it: it was not the machine's ceiling (other work had the cores then).
            Forget();
            return;
        }
        Ceiling = Math.Max(Ceiling, cpu);
        _belowCeiling = cpu >= settings.CeilingRatio * Ceiling ? 0 : _belowCeiling + 1;
        if (_belowCeiling > settings.BaseWindow)
        {
            Forget();
        }
    }

    /// <summary>The ceiling went stale: what was measured no longer holds.</summary>
    public void Forget()
    {
        Ceiling = double.NaN;
        _last = null;
        _belowCeiling = 0;
    }
}
