using System.Text.Json;
using ActorPool.Internal.Process.Diagnostics;
using ActorPool.Internal.Process.Parent;
using ActorPool.Internal.Process.Wire;
using Akka.Event;

namespace ActorPool.Process;

/// <summary>
/// One worker of a process-backed pool: a child process that runs registered jobs one at a time,
/// replaced at once when it crashes, is killed, or is retired for memory growth.
/// </summary>
/// <remarks>
/// <para>One job at a time per child, as loky runs one task per worker process: a crash, a kill
/// after an ignored cancellation or a retirement then touches exactly one job, and the working-set
/// growth after a job is that job's. A pool runs several jobs at once with several workers.</para>
/// <para>Jobs submitted while one runs wait their turn in submission order. Every member is
/// thread-safe.</para>
/// </remarks>
public sealed class ProcessWorker : IAsyncDisposable
{
    private readonly ChildSpec _spec;
    private readonly IReadOnlyDictionary<Type, JobTypeEntry> _jobs;
    private readonly Action<ChildExit>? _childExited;
    private readonly Action<int>? _childStarted;
    private readonly SemaphoreSlim _oneJob = new(1, 1);
    private readonly Lock _gate = new();
    private Task<ChildProcess>? _child;
    private long _nextJobId;
    private int _childrenStarted;
    private bool _disposed;

    /// <summary>Creates the worker; its first child starts with <see cref="StartAsync"/> or the first job.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public ProcessWorker(ProcessWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Settings.Validate();
        _jobs = options.Jobs.Snapshot();
        var env = new Dictionary<string, string>(options.Settings.Env, StringComparer.Ordinal);
        foreach (var (name, value) in options.Env)
        {
            env[name] = value;
        }

        // The registry's initializer (a standalone worker's) wins over the settings' (a pool's).
        var initializer = options.Jobs.InitializerEntry
            ?? (options.Settings.Initializer is { } type ? ProcessJobRegistry.InitializerEntryOf(type) : null);
        _spec = new ChildSpec(options.Name, options.Settings, [.. _jobs.Values], initializer, env,
            options.Log, options.Time);
        _childExited = options.ChildExited;
        _childStarted = options.ChildStarted;
    }

    /// <summary>The worker's name.</summary>
    public string Name => _spec.WorkerName;

    /// <summary>The process id of the current child when it is ready, else <see langword="null"/>.</summary>
    public int? ChildPid => Current() is { } child && !child.Exited.IsCompleted ? child.Pid : null;

    /// <summary>How many children this worker has started, replacements included.</summary>
    public int ChildrenStarted => Volatile.Read(ref _childrenStarted);

    /// <summary>Starts a child, or waits for the one starting (a replacement after a crash), until ready.</summary>
    /// <exception cref="WorkerCrashedException">The child exited or timed out before it was ready.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default) =>
        _ = await ReadyChildAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a call of a registered job type in the child.</summary>
    /// <param name="job">The call, from <see cref="PortableJob.Create{TJob}(object?)"/>.</param>
    /// <param name="timeout">How long the job may run once sent; <see langword="null"/> for no limit.</param>
    /// <param name="cancellationToken">Cancels the job: the caller is answered at once, the job's token
    /// is cancelled in the child, and a job still running <c>cancel-grace</c> later is killed with its child.</param>
    /// <returns>The result, deserialized as <see cref="PortableJob.ResultType"/>.</returns>
    /// <exception cref="NotPortableJobException">The job type is not registered (thrown at once).</exception>
    /// <exception cref="ProcessJobException">The job threw in the child.</exception>
    /// <exception cref="WorkerCrashedException">The child died while running the job, or failed to start.</exception>
    /// <exception cref="TimeoutException">The job ran past <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public Task<object?> RunAsync(PortableJob job, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_jobs.TryGetValue(job.JobType, out var entry))
        {
            throw new NotPortableJobException(
                $"{job.JobType} is not registered with worker '{Name}': a child loads only allow-listed types. "
                + $"Call ProcessJobRegistry.Register<{job.JobType.Name}>() before the worker is created.");
        }

        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "A job timeout must be positive.");
        }

        var answer = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = new JobRun(this, job, entry, timeout, answer, cancellationToken).RunAsync();
        return answer.Task;
    }

    /// <summary>Runs <typeparamref name="TJob"/> on <paramref name="argument"/> in the child.</summary>
    /// <inheritdoc cref="RunAsync(PortableJob, TimeSpan?, CancellationToken)"/>
    public async Task<TResult> RunJobAsync<TJob, TArgument, TResult>(
        TArgument argument, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TJob : class, IProcessJob<TArgument, TResult>, new()
    {
        var result = await RunAsync(PortableJob.Create<TJob>(argument), timeout, cancellationToken).ConfigureAwait(false);
        return result is TResult typed ? typed : default!;
    }

    /// <summary>Kills the current child (loky's <c>kill_workers</c>); a job on it fails with
    /// <see cref="WorkerCrashedException"/>, and a fresh child starts at once.</summary>
    public async Task KillChildAsync()
    {
        if (Current() is { } child)
        {
            child.Kill(ChildExitReason.Killed);
            _ = await child.Exited.ConfigureAwait(false);
        }
    }

    /// <summary>Stops the child (killing it after <c>stop-timeout</c>) and starts no other.</summary>
    public async ValueTask DisposeAsync()
    {
        Task<ChildProcess>? child;
        lock (_gate)
        {
            _disposed = true;
            child = _child;
        }

        if (child is not null)
        {
            try
            {
                _ = await (await child.ConfigureAwait(false)).StopAsync(ChildExitReason.Stopped).ConfigureAwait(false);
            }
            catch (WorkerCrashedException)
            {
                // It never became ready: nothing is left to stop.
            }
        }
    }

    /// <summary>
    /// Runs a job of any job type, registered or not: a pool's job types are allow-listed by the
    /// code that submits them (a <see cref="PortableJob"/> names a public
    /// <see cref="IProcessJob{TArgument, TResult}"/> type the parent's code chose), and the entry
    /// travels to a child with the first job of its type. No timeout: the pool's job base owns
    /// timeouts and cancels <paramref name="cancellationToken"/> when one passes.
    /// </summary>
    internal Task<object?> RunAnyAsync(PortableJob job, CancellationToken cancellationToken)
    {
        var entry = _jobs.TryGetValue(job.JobType, out var registered) ? registered : ProcessJobRegistry.EntryOf(job.JobType);
        var answer = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = new JobRun(this, job, entry, null, answer, cancellationToken).RunAsync();
        return answer.Task;
    }

    /// <summary>Completes once no job holds this worker's child: a cancelled job's child may still be
    /// giving it <c>cancel-grace</c>, or being killed.</summary>
    internal async Task WhenIdleAsync()
    {
        await _oneJob.WaitAsync().ConfigureAwait(false);
        _oneJob.Release();
    }

    /// <summary>Kills the child now and starts no other (a pool's <c>KillWorkers</c>): a job on it
    /// fails with <see cref="WorkerCrashedException"/>. Completes once the child has exited.</summary>
    internal async Task KillAsync()
    {
        Task<ChildProcess>? starting;
        lock (_gate)
        {
            _disposed = true;
            starting = _child;
        }

        if (starting is null)
        {
            return;
        }

        ChildProcess child;
        try
        {
            child = await starting.ConfigureAwait(false);
        }
        catch (WorkerCrashedException)
        {
            return; // it never became ready: nothing runs
        }

        child.Kill(ChildExitReason.Killed);
        _ = await child.Exited.ConfigureAwait(false);
    }

    internal SemaphoreSlim OneJob => _oneJob;

    internal ChildSpec Spec => _spec;

    internal long NextJobId() => Interlocked.Increment(ref _nextJobId);

    /// <summary>The current child, ready and not yet ended, starting one when there is none.</summary>
    internal async Task<ChildProcess> ReadyChildAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<ChildProcess> starting;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                starting = _child ??= StartChildAsync();
            }

            try
            {
                var child = await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!child.Exited.IsCompleted)
                {
                    return child;
                }
            }
            catch (WorkerCrashedException)
            {
                Forget(starting); // the next call tries a fresh start
                throw;
            }

            Forget(starting);
        }
    }

    private ChildProcess? Current()
    {
        lock (_gate)
        {
            return _child is { IsCompletedSuccessfully: true } ready ? ready.Result : null;
        }
    }

    private void Forget(Task<ChildProcess> child)
    {
        lock (_gate)
        {
            if (_child == child)
            {
                _child = null;
            }
        }
    }

    private async Task<ChildProcess> StartChildAsync()
    {
        // Counted first: a null-conditional call would skip evaluating its argument.
        var started = Interlocked.Increment(ref _childrenStarted);
        _childStarted?.Invoke(started);
        var child = await ChildProcess.StartAsync(_spec, CancellationToken.None).ConfigureAwait(false);
        ProcessLog.ChildReady(_spec.Log, Name, child.Pid);
        _ = child.Exited.ContinueWith(t => OnExited(t.Result), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return child;
    }

    private void OnExited(ChildExit exit)
    {
        if (exit.Reason == ChildExitReason.Crashed)
        {
            ProcessLog.ChildCrashed(_spec.Log, Name, exit.Pid, ExitText.Describe(exit.ExitCode));
        }
        else
        {
            ProcessLog.ChildEnded(_spec.Log, Name, exit.Pid, exit.Reason, ExitText.Describe(exit.ExitCode));
        }

        lock (_gate)
        {
            // A replacement starts at once (loky respawns eagerly), so the next job finds it ready.
            if (!_disposed && _child is { IsCompletedSuccessfully: true } ended && ended.Result.Pid == exit.Pid)
            {
                _child = StartChildAsync();
                // A failed start is reported to the next job that waits for it; observe it here too.
                _ = _child.ContinueWith(t => t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        try
        {
            _childExited?.Invoke(exit);
        }
        catch (Exception e)
        {
            // The user's callback failed, not ours: one warning line.
            ProcessLog.ChildExitedCallbackFailed(_spec.Log, Name, e);
        }
    }

    internal static object? ReadResult(JobDone done, Type resultType) =>
        done.Result is null ? null : JsonSerializer.Deserialize(done.Result, resultType);
}
