using ActorPool.Internal.Process.Diagnostics;
using ActorPool.Internal.Process.Wire;
using ActorPool.Process;
using Akka.Event;
using OsProcess = System.Diagnostics.Process;

namespace ActorPool.Internal.Process.Parent;

/// <summary>
/// One child process seen from the parent: the link's reader, the stderr pump, the job on it, and
/// its one end. The process's exit is the single place a crash is noticed: the link's end of stream
/// leads there, and so does a kill.
/// </summary>
internal sealed class ChildProcess
{
    private readonly ChildSpec _spec;
    private readonly OsProcess _process;
    private readonly FrameWriter _writer;
    private readonly StderrPump _stderr;
    private readonly TaskCompletionSource<ChildReady> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _known;
    private (long Id, string TypeId, TaskCompletionSource<JobDone> Done)? _job;
    private volatile ChildExitReason _reason = ChildExitReason.Crashed;

    private ChildProcess(ChildSpec spec, OsProcess process)
    {
        _spec = spec;
        _known = [.. spec.Jobs.Select(j => j.Id)];
        _process = process;
        Pid = process.Id;
        _writer = new FrameWriter(process.StandardInput.BaseStream);
        _stderr = new StderrPump(process.StandardError, spec.Settings.StderrLines, spec.Log, spec.WorkerName, Pid);
        new Thread(ReadLink) { IsBackground = true, Name = $"actorpool-link-{Pid}" }.Start();
    }

    public int Pid { get; }

    /// <summary>The working set the child reported when ready, in bytes.</summary>
    public long ReadyWorkingSet { get; private set; }

    /// <summary>The working set after its first job, the base of memory-growth retirement; set by the worker.</summary>
    public long? BaselineWorkingSet { get; set; }

    /// <summary>Completes once the process has exited and its stderr is read; never faults.</summary>
    public Task<ChildExit> Exited => _exited.Task;

    /// <summary>Starts a child and waits until it is ready.</summary>
    /// <exception cref="WorkerCrashedException">It exited, failed or timed out before ready.</exception>
    public static async Task<ChildProcess> StartAsync(ChildSpec spec, CancellationToken cancellationToken)
    {
        var info = ChildLauncher.StartInfo(
            ChildLauncher.DotnetPath(spec.Settings.DotnetHost), ChildLauncher.HostPath(), spec.Env);
        var process = OsProcess.Start(info)
            ?? throw new WorkerCrashedException($"Worker '{spec.WorkerName}': {info.FileName} did not start a process.");
        var child = new ChildProcess(spec, process);
        try
        {
            using var self = OsProcess.GetCurrentProcess();
            var start = new StartChild(
                spec.WorkerName, Environment.ProcessId, self.StartTime.ToUniversalTime().Ticks,
                (int)spec.Settings.ParentPollInterval.TotalMilliseconds, spec.Jobs, spec.Initializer);
            child._writer.Write(Framing.Encode(FrameKind.Start, start, WireJson.Default.StartChild));
            var ready = await child._ready.Task.WaitAsync(spec.Settings.StartTimeout, spec.Time, cancellationToken)
                .ConfigureAwait(false);
            child.ReadyWorkingSet = ready.WorkingSet;
            return child;
        }
        catch (WorkerCrashedException)
        {
            throw; // it exited before ready; the exception already tells how
        }
        catch (TimeoutException)
        {
            child.Kill(ChildExitReason.Crashed);
            var exit = await child.Exited.ConfigureAwait(false);
            throw new WorkerCrashedException(
                $"Worker '{spec.WorkerName}': child process {child.Pid} was not ready within "
                + $"actor-pool.process.start-timeout = {spec.Settings.StartTimeout}.{Tail(exit.LastStderrLines)}",
                exit.ExitCode, exit.Signal, exit.LastStderrLines);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            child.Kill(ChildExitReason.Stopped);
            var exit = await child.Exited.ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw child.Crash(exit, null);
        }
    }

    /// <summary>Sends a job; the task ends with the child's answer, or faults with
    /// <see cref="WorkerCrashedException"/> when the child dies first.</summary>
    /// <param name="run">The job.</param>
    /// <param name="entry">Its type's allow-list entry: sent along the first time this child runs a
    /// type it was not started with (see <see cref="Child.JobCatalog.Add"/>).</param>
    public Task<JobDone> RunAsync(RunJob run, JobTypeEntry? entry = null)
    {
        // Continued on the link's reader thread, saving a hop per job: JobRun only sets the caller's
        // answer (whose continuations run asynchronously) and gives back its turn.
        var done = new TaskCompletionSource<JobDone>();
        lock (_gate)
        {
            if (_exited.Task.IsCompleted)
            {
                done.SetException(Crash(_exited.Task.Result, run.TypeId));
                return done.Task;
            }

            _job = (run.JobId, run.TypeId, done);
            if (entry is not null && _known.Add(entry.Id))
            {
                run = run with { Type = entry };
            }
        }

        Send(Framing.Encode(FrameKind.Run, run, WireJson.Default.RunJob));
        return done.Task;
    }

    public void Cancel(long jobId) => Send(Framing.Encode(FrameKind.Cancel, new CancelJob(jobId), WireJson.Default.CancelJob));

    /// <summary>Kills the process; <see cref="Exited"/> follows.</summary>
    public void Kill(ChildExitReason reason)
    {
        _reason = reason;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone: its exit is being handled.
        }
    }

    /// <summary>Asks the child to exit between jobs, kills it after <c>stop-timeout</c>.</summary>
    public async Task<ChildExit> StopAsync(ChildExitReason reason)
    {
        _reason = reason;
        Send(Framing.Encode(FrameKind.Stop, ReadOnlySpan<byte>.Empty));
        try
        {
            return await Exited.WaitAsync(_spec.Settings.StopTimeout, _spec.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill(reason);
            return await Exited.ConfigureAwait(false);
        }
    }

    /// <summary>The crash error for a job that was on this child when it ended.</summary>
    public WorkerCrashedException Crash(ChildExit exit, string? typeId) => new(
        $"Worker '{_spec.WorkerName}': child process {Pid} {ExitText.Describe(exit.ExitCode)}"
        + (typeId is null ? "" : $" while running a {typeId} job") + "." + Tail(exit.LastStderrLines),
        exit.ExitCode, exit.Signal, exit.LastStderrLines);

    private static string Tail(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? "" : " Last stderr lines:" + Environment.NewLine + string.Join(Environment.NewLine, lines.TakeLast(10));

    private void Send(byte[] frame)
    {
        try
        {
            _writer.Write(frame);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The child is gone; the reader sees the end of the link and reports the exit.
        }
    }

    /// <summary>The link's reader, on a thread of its own (see <see cref="Framing.Read"/>).</summary>
    private void ReadLink()
    {
        try
        {
            var stdout = _process.StandardOutput.BaseStream;
            while (Framing.Read(stdout) is { } frame)
            {
                Handle(frame);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            ProcessLog.LinkBroke(_spec.Log, _spec.WorkerName, Pid, e.Message);
            Kill(_reason);
        }

        _ = OnExitAsync();
    }

    private void Handle(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Ready:
                _ready.TrySetResult(frame.Read(WireJson.Default.ChildReady));
                break;
            case FrameKind.StartFailed:
                ProcessLog.ChildStartFailed(_spec.Log, _spec.WorkerName, Pid, frame.Read(WireJson.Default.StartFailed).Error);
                break;
            case FrameKind.Output:
                ProcessLog.ChildOutput(_spec.Log, _spec.WorkerName, Pid, frame.Read(WireJson.Default.OutputLine).Line);
                break;
            case FrameKind.Done:
                var done = frame.Read(WireJson.Default.JobDone);
                TaskCompletionSource<JobDone>? waiting = null;
                lock (_gate)
                {
                    if (_job is { } job && job.Id == done.JobId)
                    {
                        waiting = job.Done;
                        _job = null;
                    }
                }

                waiting?.TrySetResult(done);
                break;
            default:
                throw new InvalidDataException($"A parent does not take {frame.Kind} frames.");
        }
    }

    private async Task OnExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        // A grandchild holding stderr open must not hold up the report: wait a little, then go on.
        await Task.WhenAny(_stderr.Completion, Task.Delay(TimeSpan.FromSeconds(2), _spec.Time)).ConfigureAwait(false);
        var code = _process.ExitCode;
        var exit = new ChildExit(Pid, code, ExitText.Signal(code), _reason, _stderr.Tail());
        _process.Dispose();
        (long Id, string TypeId, TaskCompletionSource<JobDone> Done)? job;
        lock (_gate)
        {
            job = _job;
            _job = null;
            _exited.TrySetResult(exit);
        }

        var crash = Crash(exit, job?.TypeId);
        _ready.TrySetException(crash);
        job?.Done.TrySetException(crash);
    }
}
