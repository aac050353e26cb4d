using ActorPool.Internal.Diagnostics;
using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Workers;
using Akka.Event;

namespace ActorPool.Internal.PullMode;

/// <summary>
/// One pull-mode run: a loop on the .NET ThreadPool that asks its source for work whenever a shared
/// worker is free and hands each task to the data plane as an async job, as Crawlee's
/// <c>AutoscaledPool</c> orchestrates its tasks. It never enters the supervisor's mailbox: how many
/// tasks run at once follows the shared workers, so the sizing policy drives the concurrency.
/// </summary>
/// <remarks>
/// The loop is the only caller of the source's questions, so they are asked one at a time. Task
/// ends, pauses and resumes are counted under one lock (a pull task is coarse work: a page fetch, a
/// file); they nudge the loop, which otherwise looks again every <c>maybe-run-interval</c>.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source and semaphore live as long as the run and hold no unmanaged resource without wait handles.")]
internal sealed class PullRun
{
    private readonly object _gate = new();
    private readonly ITaskSource _source;
    private readonly DataPlane _plane;
    private readonly PullSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log;
    private readonly string _name;
    private readonly Action<PullRun> _ended;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource<RunCompleted> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedAt;
    private TaskCompletionSource? _pauseWaiter;
    private ITimer? _logTimer;
    private CancellationTokenRegistration _planeStopped;
    private Exception? _failure;
    private bool _paused;
    private bool _over;
    private int _running;
    private long _started;
    private long _succeeded;
    private long _failed;

    public PullRun(ITaskSource source, DataPlane plane, PullSettings settings, TimeProvider clock, ILoggingAdapter log, string name, Action<PullRun> ended)
    {
        _source = source;
        _plane = plane;
        _settings = settings;
        _clock = clock;
        _log = log;
        _name = name;
        _ended = ended;
        _startedAt = clock.GetTimestamp();
    }

    /// <summary>The run's one answer: how it completed, or why it ended.</summary>
    public Task<RunCompleted> Completion => _done.Task;

    public string State
    {
        get
        {
            lock (_gate)
            {
                return $"running={_running} started={_started} succeeded={_succeeded} failed={_failed}{(_paused ? " paused" : "")}";
            }
        }
    }

    public void Start()
    {
        Log.RunStarted(_log, _name);
        if (_settings.LoggingInterval is { } every)
        {
            _logTimer = _clock.CreateTimer(static run => ((PullRun)run!).LogState(), this, every, every);
        }
        // A stopped supervisor ends the run: no worker will come free again.
        _planeStopped = _plane.Token.UnsafeRegister(static run => ((PullRun)run!).SupervisorStopped(), this);
        _ = Task.Run(LoopAsync);
    }

    /// <summary>No new task starts; completes once none runs.</summary>
    public Task PauseAsync()
    {
        lock (_gate)
        {
            if (_over || _running == 0)
            {
                _paused = !_over;
                return Task.CompletedTask;
            }
            _paused = true;
            _pauseWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Log.RunPaused(_log, _name, _running);
            return _pauseWaiter.Task;
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            _paused = false;
        }
        Nudge();
    }

    public void Abort(string why) => End(new RunAbortedException($"{_name} run aborted{why}"), "aborted");

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        var nextStart = _clock.GetTimestamp();
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!MayStart())
                {
                    await WaitAsync(token).ConfigureAwait(false);
                    continue;
                }
                // A timer may round its wait down to whole milliseconds: wait again until the start
                // is due, so pull.max-tasks-per-minute never starts a task early.
                for (var early = _clock.GetElapsedTime(_clock.GetTimestamp(), nextStart); early > TimeSpan.Zero; early = _clock.GetElapsedTime(_clock.GetTimestamp(), nextStart))
                {
                    await Task.Delay(early, _clock, token).ConfigureAwait(false);
                }
                if (await _source.IsTaskReadyAsync(token).ConfigureAwait(false))
                {
                    StartTask(token);
                    if (_settings.MaxTasksPerMinute > 0)
                    {
                        nextStart = _clock.GetTimestamp() + (_clock.TimestampFrequency * 60 / _settings.MaxTasksPerMinute);
                    }
                    continue;
                }
                if (Running == 0 && await _source.IsFinishedAsync(token).ConfigureAwait(false) && Running == 0)
                {
                    End(null, "finished");
                    return;
                }
                await WaitAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ended elsewhere (abort, a failed task, the supervisor's stop): the answer is given.
        }
#pragma warning disable CA1031 // The source's failure is the run's answer, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            End(e, "the task source failed");
        }
    }

    private int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    private bool MayStart()
    {
        lock (_gate)
        {
            if (_paused)
            {
                return false;
            }
        }
        return _plane.InFlight < _plane.SharedWorkers.Count;
    }

    private async Task WaitAsync(CancellationToken token) =>
        await _wake.WaitAsync(_settings.MaybeRunInterval, token).ConfigureAwait(false);

    private void Nudge()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another nudge got there first: one wake-up is enough.
        }
    }

    private void StartTask(CancellationToken token)
    {
        lock (_gate)
        {
            _running++;
            _started++;
        }
        _plane.SubmitAsync(RunOneAsync, token).ContinueWith(
            static (task, run) => ((PullRun)run!).TaskEnded(task),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<bool> RunOneAsync(CancellationToken token)
    {
        if (_settings.TaskTimeout is not { } timeout)
        {
            await _source.RunTaskAsync(token).ConfigureAwait(true);
            return true;
        }
        using var timer = new CancellationTokenSource(timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timer.Token);
        try
        {
            // Awaited on the pool (ConfigureAwait(true)): the task's continuations stay on its workers.
            await _source.RunTaskAsync(linked.Token).ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !token.IsCancellationRequested)
        {
            throw new TimeoutException($"{_name} run: a task ran longer than actor-pool.pull.task-timeout = {timeout}");
        }
        if (timer.IsCancellationRequested)
        {
            throw new TimeoutException($"{_name} run: a task ran longer than actor-pool.pull.task-timeout = {timeout}");
        }
        return true;
    }

    private void TaskEnded(Task task)
    {
        // A supervisor that stopped cancelled its jobs: that is the run's answer, not a task's failure.
        var stopped = _plane.Token.IsCancellationRequested;
        Exception? failure = null;
        lock (_gate)
        {
            _running--;
            if (task.IsCompletedSuccessfully)
            {
                _succeeded++;
            }
            else if (!_over && !stopped)
            {
                _failed++;
                failure = AsyncStart.ErrorOf(task);
                if (!_settings.ContinueOnError)
                {
                    // Recorded before the count drops to zero is seen: a loop that finds the source
                    // finished meanwhile ends the run with this failure, not as completed.
                    _failure ??= failure;
                }
            }
            if (_running == 0 && _pauseWaiter is { } waiter)
            {
                _pauseWaiter = null;
                waiter.TrySetResult();
            }
        }
        if (stopped)
        {
            SupervisorStopped();
            return;
        }
        if (failure is not null)
        {
            if (!_settings.ContinueOnError)
            {
                End(failure, "a task failed");
                return;
            }
            Log.RunTaskFailed(_log, _name, failure.Message);
        }
        Nudge();
    }

    /// <summary>Ends the run once: the answer, the slot freed first so a new run may start at once.</summary>
    private void End(Exception? failure, string why)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            if (_over)
            {
                return;
            }
            _over = true;
            failure ??= _failure;
            waiter = _pauseWaiter;
            _pauseWaiter = null;
        }
        _ended(this);
        _stop.Cancel();
        _logTimer?.Dispose();
        _planeStopped.Dispose();
        waiter?.TrySetResult();
        Log.RunEnded(_log, _name, why, State);
        if (failure is null)
        {
            lock (_gate)
            {
                _done.TrySetResult(new RunCompleted(_started, _succeeded, _failed, _clock.GetElapsedTime(_startedAt)));
            }
            return;
        }
        _done.TrySetException(failure);
    }

    private void SupervisorStopped() =>
        End(new OperationCanceledException($"{_name} run ended: the pool supervisor stopped"), "the supervisor stopped");

    private void LogState() => Log.RunState(_log, _name, State);
}
