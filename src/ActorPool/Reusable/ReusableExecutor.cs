using Akka.Actor;

namespace ActorPool;

/// <summary>
/// An executor kept by name and reused, like loky's reusable executor: get one with
/// <see cref="ActorPools.ReusableExecutor(ReusableExecutorOptions)"/>. Underneath it is a
/// <c>PoolSupervisor</c> with one pool of <see cref="ReusableExecutorOptions.MaxWorkers"/>
/// workers, so it is supervised and observable like any other; its status and events are the
/// supervisor's. All members are thread-safe.
/// </summary>
public sealed class ReusableExecutor
{
    private int _shutdown;
    private Task _ready = Task.CompletedTask;

    internal ReusableExecutor(ReusableExecutorOptions options, PoolSettings settings, IActorRef supervisor, PoolClient client)
    {
        Options = options;
        Settings = settings;
        Supervisor = supervisor;
        Client = client;
    }

    /// <summary>The name it is kept under.</summary>
    public string Key => Options.Key;

    /// <summary>The options it was made or last resized with.</summary>
    public ReusableExecutorOptions Options { get; internal set; }

    /// <summary>Its supervisor's settings when it was made.</summary>
    public PoolSettings Settings { get; }

    /// <summary>The supervisor behind it, for <see cref="GetPoolStatus"/>, <see cref="AcquireLease"/> and the rest.</summary>
    public IActorRef Supervisor { get; }

    /// <summary>A client of <see cref="Supervisor"/>.</summary>
    /// <remarks>Jobs submitted through it directly do not wait for a
    /// <see cref="ReusableExecutorOptions.KillWorkers"/> replacement in progress, as
    /// <see cref="SubmitAsync{T}(Func{T})"/> and its siblings do.</remarks>
    public PoolClient Client { get; }

    /// <summary>Whether <see cref="ShutdownAsync"/> was called; the next request for its key makes a new executor.</summary>
    public bool IsShutdown => Volatile.Read(ref _shutdown) != 0;

    /// <summary>Runs <paramref name="job"/> on one of its workers (see <see cref="PoolClient.SubmitAsync{T}(Func{T})"/>).</summary>
    /// <param name="job">The work.</param>
    /// <returns>The job's result or exception.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job) => AfterReplacement(() => Client.SubmitAsync(job));

    /// <summary>Runs <paramref name="job"/> with its own timeout (see <see cref="PoolClient.SubmitAsync{T}(Func{T}, TimeSpan)"/>).</summary>
    /// <param name="job">The work.</param>
    /// <param name="timeout">A positive duration.</param>
    /// <returns>The job's result or exception, or <see cref="JobTimeoutException"/>.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job, TimeSpan timeout) => AfterReplacement(() => Client.SubmitAsync(job, timeout));

    /// <summary>Runs an asynchronous <paramref name="job"/> (see <see cref="PoolClient.SubmitAsync{T}(Func{CancellationToken, Task{T}})"/>).</summary>
    /// <param name="job">The work; its continuations run on the executor's workers.</param>
    /// <returns>The job's result or exception.</returns>
    public Task<T> SubmitAsync<T>(Func<CancellationToken, Task<T>> job) => AfterReplacement(() => Client.SubmitAsync(job));

    /// <summary>Replaces every worker (see <see cref="KillWorkers"/>).</summary>
    /// <returns>Completes once the supervisor has replaced them.</returns>
    public Task KillWorkersAsync() => ReplaceWorkers();

    /// <summary>Its supervisor's status.</summary>
    /// <returns>The status.</returns>
    public Task<PoolStatus> GetStatusAsync() => Client.GetStatusAsync();

    /// <summary>
    /// Takes no more jobs, lets running and queued ones finish, then stops its workers and its
    /// supervisor (<see cref="StopGracefully"/>). The next request for <see cref="Key"/> makes a new executor.
    /// </summary>
    /// <returns>Completes when every worker has stopped.</returns>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0)
        {
            return;
        }
        try
        {
            await Supervisor.GracefulStop(TimeSpan.FromDays(1), StopGracefully.Instance).ConfigureAwait(false);
        }
        catch (TaskCanceledException)
        {
            // GracefulStop reports a supervisor already stopped this way.
        }
    }

    internal void MarkShutdown() => Interlocked.Exchange(ref _shutdown, 1);

    /// <summary>
    /// Asks the supervisor to replace every worker; jobs submitted through this executor wait until
    /// it has (loky returns a <c>kill_workers</c> executor with fresh workers). Without the wait a
    /// job routed on the caller's thread could reach an old worker just before the supervisor kills
    /// it, and on the process backend fail with <see cref="WorkerCrashedException"/>.
    /// </summary>
    internal Task ReplaceWorkers()
    {
        var replaced = Supervisor.Ask<Akka.Done>(KillWorkers.Instance, TimeSpan.FromSeconds(30));
        Volatile.Write(ref _ready, replaced);
        return replaced;
    }

    /// <summary>Submits now, or once a worker replacement in progress has ended (however it ended:
    /// a failed replacement is reported to whoever asked for it, not to every job).</summary>
    internal Task<T> AfterReplacement<T>(Func<Task<T>> submit)
    {
        var ready = Volatile.Read(ref _ready);
        return ready.IsCompleted ? submit() : WaitThenAsync(ready, submit);

        static async Task<T> WaitThenAsync(Task ready, Func<Task<T>> submit)
        {
            await ready.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return await submit().ConfigureAwait(false);
        }
    }
}
