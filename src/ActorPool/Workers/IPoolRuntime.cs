namespace ActorPool.Internal.Workers;

/// <summary>
/// The workers behind one pool: dedicated threads (<see cref="Threads.ThreadRuntime"/>) or a child
/// process (ActorPool.Process). The supervisor, the data plane and the lease desk know only this
/// interface; <see cref="PoolRuntimes"/> makes one for the backend <c>workers.backend</c> names.
/// </summary>
/// <remarks>
/// Admission and mode share one word (see <see cref="PoolRuntime"/>): a caller admits a job with
/// <see cref="TryAdmit"/> in the mode it expects, then hands it over with <see cref="Enqueue"/>;
/// the job tells <see cref="JobEnded"/> once, however it ended. Every member is thread-safe.
/// </remarks>
internal interface IPoolRuntime
{
    /// <summary>The pool's name (<c>pool-3</c>), used for its workers and its log lines.</summary>
    string Name { get; }

    /// <summary>What the pool was started with (e.g. <c>[gpu]</c>): jobs requiring a subset may run here.</summary>
    Dispatch.Requirement Capabilities { get; }

    /// <summary>How many jobs the pool runs at once: its worker count.</summary>
    int Workers { get; }

    /// <summary>Whose work the pool admits now.</summary>
    PoolMode Mode { get; }

    /// <summary>Jobs admitted and not yet ended: queued, running, or awaiting inside an async job.</summary>
    int Pending { get; }

    /// <summary>Pending jobs if the pool takes shared jobs now, else -1: mode and count from one read.</summary>
    int SharedPending { get; }

    /// <summary>Work items running on a worker now.</summary>
    int Running { get; }

    /// <summary>Work items waiting for a worker.</summary>
    int Queued { get; }

    /// <summary>Workers alive now, replacements and stuck ones included.</summary>
    int LiveWorkers { get; }

    /// <summary>Workers held by a job that outlived its timeout (a thread cannot be aborted).</summary>
    int StuckWorkers { get; }

    /// <summary>Workers started since the pool started, replacements included.</summary>
    long WorkersStarted { get; }

    /// <summary>Jobs the workers have taken up, each worker counting its own.</summary>
    long JobsStarted { get; }

    /// <summary>
    /// Bytes this pool's workers have allocated (jobs and their async continuations), as each last
    /// published it, ended workers included; 0 for a backend whose workers are not threads of this process.
    /// </summary>
    long AllocatedBytes { get; }

    /// <summary>How the pool's jobs ended so far, and how long they ran.</summary>
    JobCounts Tally { get; }

    /// <summary>Closed, and a job outlived <c>lease.revoke-timeout</c> after its cancellation.</summary>
    bool Stuck { get; set; }

    /// <summary>Completes when every worker has ended.</summary>
    Task Terminated { get; }

    /// <summary>Runs tasks on the pool's workers, so an async job's awaits resume there.</summary>
    TaskScheduler Scheduler { get; }

    /// <summary>Whether the calling thread is one of this pool's workers.</summary>
    bool IsWorkerThread { get; }

    /// <summary>Cancelled when the pool is shut down with <see cref="Shutdown"/>.</summary>
    CancellationToken ShutdownToken { get; }

    /// <summary>Counts one more pending job, if the pool is in <paramref name="mode"/>.</summary>
    bool TryAdmit(PoolMode mode);

    /// <summary>Switches from <paramref name="from"/> to <paramref name="to"/>; with
    /// <paramref name="onlyIfIdle"/>, only while nothing is pending.</summary>
    bool TrySwitch(PoolMode from, PoolMode to, bool onlyIfIdle);

    /// <summary>Runs an admitted job, or a task of the pool's scheduler, on a worker.</summary>
    void Enqueue(IWorkItem item);

    /// <summary>One admitted job ended: <paramref name="outcome"/>, after running <paramref name="ran"/>.</summary>
    void JobEnded(JobOutcome outcome, TimeSpan ran);

    /// <summary>Takes back an admission whose job was never handed over (no job to count).</summary>
    void Unadmit();

    /// <summary>A running job outlived its timeout (true) or, stuck, has ended at last (false).</summary>
    void JobOverdue(bool overdue);

    /// <summary>Calls <paramref name="notice"/> once, as soon as nothing is pending (at once if nothing is).</summary>
    void NotifyWhenIdle(Action notice);

    /// <summary>Drops the queued jobs (not the running ones) with <paramref name="reason"/>.</summary>
    int DropQueued(Exception reason);

    /// <summary>Closes the pool only if it is still in <paramref name="mode"/>.</summary>
    bool TryClose(PoolMode mode);

    /// <summary>Takes nothing new; the workers end once what is pending has ended.</summary>
    void Close();

    /// <summary>Closes the pool, drops its queued jobs and cancels the token running jobs observe.</summary>
    void Shutdown(Exception reason);

    /// <summary>Changes the worker count in place: extra workers leave after their current job.</summary>
    void Resize(int workers);

    /// <summary>Replaces every worker: queued jobs run on fresh ones (see each runtime for running jobs).</summary>
    void KillWorkers();
}
