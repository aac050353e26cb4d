namespace ActorPool.Internal.Workers;

/// <summary>Something a pool's worker thread runs: a job, or a task queued on the pool's scheduler.</summary>
internal interface IWorkItem
{
    /// <summary>Runs on a worker thread; never throws.</summary>
    void Execute();

    /// <summary>
    /// Whether the item is a job that may be dropped before it starts (a revoked lease's queued
    /// work). Scheduler tasks are continuations of running jobs and are never dropped.
    /// </summary>
    bool IsDroppable { get; }

    /// <summary>Completes a dropped job with <paramref name="reason"/> instead of running it.</summary>
    void Drop(Exception reason);
}

/// <summary>Who admitted a job, told once when it ends so the books balance.</summary>
internal interface IJobOwner
{
    /// <summary>The token the job observes (lease revocation, supervisor stop).</summary>
    CancellationToken Token { get; }

    /// <summary>The clock job timeouts run on.</summary>
    TimeProvider Clock { get; }

    /// <summary>Turns a job's failure into what its caller sees (a revoked lease's cancellation into LeaseExpiredException).</summary>
    Exception Translate(Exception error);

    /// <summary>The job ended, however: result, failure or drop.</summary>
    void JobEnded();
}

/// <summary>A job: admitted by an owner, then run by the pool it is handed to.</summary>
internal interface IJobItem : IWorkItem
{
    /// <summary>The pool whose pending count holds this job; set before it is enqueued.</summary>
    IPoolRuntime? Pool { get; set; }

    /// <summary>Its worker died under it (a child process): the caller gets <paramref name="error"/>.</summary>
    void Crash(Exception error);
}
