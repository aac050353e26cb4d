namespace ActorPool.Internal.Workers.Threads;

/// <summary>
/// Runs tasks on one pool's worker threads, so an async job's continuations stay on its pool
/// (they capture <see cref="TaskScheduler.Current"/>, which is this scheduler inside the job).
/// </summary>
internal sealed class PoolTaskScheduler : TaskScheduler
{
    private readonly ThreadRuntime _pool;

    public PoolTaskScheduler(ThreadRuntime pool)
    {
        _pool = pool;
    }

    public override int MaximumConcurrencyLevel => _pool.Workers;

    protected override void QueueTask(Task task) => _pool.EnqueueTask(new TaskItem(this, task));

    // Inline only on the pool's own threads, so a task never runs on a caller's thread.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _pool.IsWorkerThread && TryExecuteTask(task);

    // Debugger support only; the queue is shared with jobs, so there is no task list to show.
    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private void Run(Task task) => TryExecuteTask(task);

    private sealed class TaskItem(PoolTaskScheduler scheduler, Task task) : IWorkItem
    {
        public bool IsDroppable => false;

        public void Execute() => scheduler.Run(task);

        public void Drop(Exception reason) => scheduler.Run(task);
    }
}
