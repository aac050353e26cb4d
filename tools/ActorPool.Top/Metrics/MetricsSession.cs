using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace ActorPool.Top.Metrics;

/// <summary>
/// An EventPipe session on another process that enables the <c>System.Diagnostics.Metrics</c>
/// EventSource for the <c>ActorPool</c> meter, as dotnet-counters does, and feeds its events to a
/// <see cref="FrameBuilder"/>. The latest complete frame is kept for the view.
/// </summary>
/// <remarks>Thread-safe: the events are read on a thread of their own; <see cref="Latest"/> and
/// <see cref="Failure"/> may be read from any thread. Disposing stops the session in the target,
/// so the target's listener is switched off again.</remarks>
internal sealed class MetricsSession : IDisposable
{
    public const string ProviderName = "System.Diagnostics.Metrics";

    /// <summary>MetricsEventSource's keywords: Messages (errors) and TimeSeriesValues.</summary>
    private const long Keywords = 0x1 | 0x2;

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly TaskCompletionSource<TopFrame> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TopFrame? _latest;
    private volatile string? _failure;
    private int _disposed;

    private MetricsSession(EventPipeSession session, string sessionId, string target, TimeSpan interval)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        var builder = new FrameBuilder(sessionId, target, interval, TimeProvider.System, OnFrame, OnFailure);
        _source.Dynamic.All += e =>
        {
            if (e.ProviderName == ProviderName && MetricEvent.Parse(e.EventName, e.PayloadNames.Select((_, i) => e.PayloadValue(i)).ToList()) is { } parsed)
            {
                builder.Add(parsed);
            }
        };
        _reading = Task.Factory.StartNew(Read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The latest complete frame, or null before the first interval ended.</summary>
    public TopFrame? Latest => _latest;

    /// <summary>Why the session cannot go on (another session owns the listener, the process ended), or null.</summary>
    public string? Failure => _failure;

    /// <summary>Starts a session on process <paramref name="pid"/>.</summary>
    /// <exception cref="TopException">There is no such process, or it is not a .NET process that accepts diagnostics.</exception>
    public static MetricsSession Start(int pid, TimeSpan interval)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            throw new TopException($"no process with pid {pid} is running");
        }
        var sessionId = Guid.NewGuid().ToString();
        var provider = new EventPipeProvider(ProviderName, EventLevel.Informational, Keywords, new Dictionary<string, string>
        {
            ["SessionId"] = sessionId,
            ["Metrics"] = FrameBuilder.MeterName,
            ["RefreshInterval"] = interval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            // A few dozen supervisors with their state and outcome tags fit easily.
            ["MaxTimeSeries"] = "5000",
            ["MaxHistograms"] = "200",
        });
        EventPipeSession session;
        try
        {
            session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 16);
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or ServerErrorException or TimeoutException)
        {
            throw new TopException($"pid {pid} is not a .NET process that accepts diagnostics (not .NET, .NET before 5, or DOTNET_EnableDiagnostics=0): {e.Message}");
        }
        try
        {
            return new MetricsSession(session, sessionId, $"pid {pid}", interval);
        }
        catch (Exception e)
        {
            // The reader reads the stream's header as it is made: a process that exits or closes the
            // stream right then must not keep a session (and its metrics listener) running.
            Stop(session);
            session.Dispose();
            if (e is IOException or EndOfStreamException)
            {
                throw new TopException($"the session on pid {pid} closed as it started (did the process exit?): {e.Message}");
            }
            throw;
        }
    }

    /// <summary>The first complete frame, or null when <paramref name="timeout"/> passes first.</summary>
    /// <exception cref="TopException">The session failed before a frame came.</exception>
    public async Task<TopFrame?> FirstFrameAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _first.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private void Read()
    {
        try
        {
            _source.Process();
            OnFailure("the process ended, or closed the session");
        }
        catch (Exception e) when (Volatile.Read(ref _disposed) == 0)
        {
            OnFailure($"reading the session failed: {e.Message}");
        }
        catch (Exception)
        {
            // Disposing tore the stream down under the reader: expected.
        }
    }

    private int _framesWithPools;

    private void OnFrame(TopFrame frame)
    {
        _latest = frame;
        // The first complete refresh is the second frame with a supervisor's pools in it: a counter's
        // rate (jobs/s) needs two collections, so the first one shows every rate as unmeasured.
        if (frame.Supervisors.Any(s => s.Total is not null) && ++_framesWithPools == 2)
        {
            _first.TrySetResult(frame);
        }
    }

    private void OnFailure(string message)
    {
        _failure ??= message;
        _first.TrySetException(new TopException(message));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Stop(_session);
        _session.Dispose();
        _source.Dispose();
        _reading.Wait(TimeSpan.FromSeconds(5));
    }

    private static void Stop(EventPipeSession session)
    {
        try
        {
            // Tells the target to stop: its metrics listener is switched off again.
            session.Stop();
        }
        catch (Exception e) when (e is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or EndOfStreamException)
        {
            // The process is gone already: nothing to stop.
        }
    }
}

/// <summary>A failure the user can act on; its message is printed as it is.</summary>
internal sealed class TopException(string message) : Exception(message);
