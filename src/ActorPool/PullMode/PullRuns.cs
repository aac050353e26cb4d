using ActorPool.Internal.Dispatch;
using Akka.Event;

namespace ActorPool.Internal.PullMode;

/// <summary>A supervisor's one active pull-mode run, if any, started and controlled from any thread.</summary>
internal sealed class PullRuns(DataPlane plane, PullSettings settings, TimeProvider clock, ILoggingAdapter log, string name)
{
    /// <summary>The <c>pull</c> block; a new one applies to runs started from now on.</summary>
    public PullSettings Settings { get; set; } = settings;

    private PullRun? _active;

    /// <summary>Starts a run of <paramref name="source"/>; its <see cref="PullRun.Completion"/> is the answer.</summary>
    /// <exception cref="InvalidOperationException">A run is already active.</exception>
    public PullRun Start(ITaskSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var run = new PullRun(source, plane, Settings, clock, log, name, ended => Interlocked.CompareExchange(ref _active, null, ended));
        if (Interlocked.CompareExchange(ref _active, run, null) is { } active)
        {
            throw new InvalidOperationException($"{name} already has a pull-mode run in progress ({active.State}); abort it or wait for its end first");
        }
        run.Start();
        return run;
    }

    public Task PauseAsync() => Volatile.Read(ref _active)?.PauseAsync() ?? Task.CompletedTask;

    public void Resume() => Volatile.Read(ref _active)?.Resume();

    public void Abort(string why = "") => Volatile.Read(ref _active)?.Abort(why);
}
