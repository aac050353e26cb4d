using ActorPool.Internal.Process.Diagnostics;
using Akka.Event;

namespace ActorPool.Internal.Process.Parent;

/// <summary>
/// Logs every line of a child's standard error at Warning under the worker's name, and keeps the
/// last few for a crash report (the runtime writes an unhandled exception there before it aborts).
/// </summary>
internal sealed class StderrPump
{
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly int _keep;

    public StderrPump(TextReader stderr, int keep, ILoggingAdapter log, string worker, int pid)
    {
        _keep = keep;
        Completion = Task.Run(() => PumpAsync(stderr, log, worker, pid));
    }

    /// <summary>Done when the child's stderr has ended (it exited, or closed it).</summary>
    public Task Completion { get; }

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    private async Task PumpAsync(TextReader stderr, ILoggingAdapter log, string worker, int pid)
    {
        try
        {
            while (await stderr.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                ProcessLog.ChildStderr(log, worker, pid, line);
                lock (_gate)
                {
                    _tail.Enqueue(line);
                    while (_tail.Count > _keep)
                    {
                        _tail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went with the process; what was read is kept.
        }
    }
}
