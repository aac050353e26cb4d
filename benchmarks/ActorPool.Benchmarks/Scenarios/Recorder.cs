using System.Diagnostics;

namespace ActorPool.Benchmarks.Scenarios;

/// <summary>
/// Counts completed jobs and their latencies, and samples the contender's size on a dedicated
/// thread (not the ThreadPool, which some scenarios starve on purpose) every <see cref="Period"/>.
/// </summary>
internal sealed class Recorder(string scenario, string contender, Func<int> size, TimeSpan period) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ScenarioRow> _rows = [];
    private readonly Lock _latencyGate = new();
    private List<double> _window = [];
    private readonly List<double> _all = [];
    private long _completed;
    private volatile bool _recordAll;
    private Thread? _thread;
    private volatile bool _stop;

    public TimeSpan Period => period;

    /// <summary>Seconds since the recorder started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>The phase written on each row from now on, and the target size (B8), if any.</summary>
    public string Phase { get; set; } = "";

    public int? Target { get; set; }

    /// <summary>Ticks of the contender's controller so far (B8), when the case counts them.</summary>
    public Func<double>? Ticks { get; set; }

    /// <summary>Whether latencies from now on go into <see cref="AllLatencies"/> too.</summary>
    public bool RecordAll { set => _recordAll = value; }

    public IReadOnlyList<ScenarioRow> Rows => _rows;

    public IReadOnlyList<double> AllLatencies => _all;

    public long Completed => Interlocked.Read(ref _completed);

    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "scenario-recorder", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Counts one completed job that was submitted at <paramref name="submittedAt"/> (a Stopwatch timestamp).</summary>
    public void Completed1(long submittedAt)
    {
        Interlocked.Increment(ref _completed);
        var ms = Stopwatch.GetElapsedTime(submittedAt).TotalMilliseconds;
        lock (_latencyGate)
        {
            _window.Add(ms);
            if (_recordAll)
            {
                _all.Add(ms);
            }
        }
    }

    private void Loop()
    {
        var last = 0L;
        var lastAt = 0.0;
        var next = period;
        while (!_stop)
        {
            var wait = next - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
            next += period;
            var now = Now;
            var done = Completed;
            List<double> window;
            lock (_latencyGate)
            {
                window = _window;
                _window = [];
            }
            int current;
            try
            {
                current = size();
            }
            catch (Exception e) when (e is AggregateException or TimeoutException or InvalidOperationException)
            {
                current = -1;
            }
            _rows.Add(new ScenarioRow(scenario, contender, Phase, now, current, (done - last) / (now - lastAt),
                Percentile(window, 0.99), Target, Ticks?.Invoke()));
            last = done;
            lastAt = now;
        }
    }

    /// <summary>The <paramref name="p"/> quantile (nearest rank) of <paramref name="values"/>, NaN when empty.</summary>
    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        values.Sort();
        return values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
    }

    public void Dispose()
    {
        _stop = true;
        _thread?.Join();
    }
}
