using ActorPool.Process;

namespace ActorPool.Internal.Process.Pool;

/// <summary>
/// A process pool's <see cref="TaskScheduler"/>: a task is a delegate of this process, which a
/// child cannot run, so every task is refused with <see cref="NotPortableJobException"/> (Task.Start
/// throws it wrapped in <see cref="TaskSchedulerException"/>), never run on some other thread.
/// </summary>
internal sealed class RefusingScheduler : TaskScheduler
{
    public static readonly RefusingScheduler Instance = new();

    private RefusingScheduler()
    {
    }

    public override int MaximumConcurrencyLevel => 1;

    internal static NotPortableJobException NotPortable(string what) => new(
        $"{what} cannot run on a process pool (actor-pool.workers.backend = process): its code and captured state do "
        + "not cross a process boundary. Write a public class implementing ActorPool.Process.IProcessJob<TArgument, TResult> "
        + "with a public parameterless constructor and submit it with PoolClient.RunProcessJobAsync<TJob, TArgument, TResult>(argument) "
        + "or a SubmitProcessJob message.");

    protected override void QueueTask(Task task) => throw NotPortable("A task");

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task>? GetScheduledTasks() => [];
}
