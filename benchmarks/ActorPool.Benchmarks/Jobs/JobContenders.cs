using Akka.Actor;
using Akka.Routing;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>One way of running jobs, as the benchmarks and the round-trip harness drive it.</summary>
internal interface IJobContender : IAsyncDisposable
{
    /// <summary>The name printed in the results.</summary>
    string Name { get; }

    /// <summary>Runs <paramref name="total"/> jobs with <paramref name="inFlight"/> outstanding (see <see cref="Pipeline"/>).</summary>
    /// <returns>How many jobs completed, which must be <paramref name="total"/>.</returns>
    Task<int> RunAsync(int inFlight, int total);
}

/// <summary>A contender whose every job is a task the caller awaits, so one job can be timed alone.</summary>
internal sealed class TaskContender(string name, Func<Task> submit, Func<ValueTask>? stop = null) : IJobContender
{
    public string Name => name;

    public Task<int> RunAsync(int inFlight, int total) => Pipeline.RunAsync(submit, inFlight, total);

    /// <summary>Submits one job; the task completes when the job has.</summary>
    public Task OneAsync() => submit();

    public ValueTask DisposeAsync() => stop?.Invoke() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Every contender, each set up as the suite measures it. Sizes are in spin iterations (0 is a
/// no-op job); every ActorPool contender has its own actor system and uses the public API only.
/// </summary>
internal static class JobContenders
{
    /// <summary>How long a lease is asked for: longer than any benchmark run.</summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(30);

    /// <summary>The job a task-returning contender runs: returns 1, after spinning <paramref name="iterations"/>.</summary>
    public static Func<int> Job(int iterations) => iterations == 0 ? static () => 1 : () => Spin.Run(iterations);

    /// <summary>The job of a <see cref="Submit"/> message: null (answered with <c>Done</c>), after spinning.</summary>
    public static Func<object?> MessageJob(int iterations) => iterations == 0
        ? static () => null
        : () =>
        {
            Spin.Run(iterations);
            return null;
        };

    /// <summary><c>Task.Run(job)</c> on the .NET ThreadPool: a task per job, as ours.</summary>
    public static TaskContender TaskRun(int iterations)
    {
        var job = Job(iterations);
        return new TaskContender("Task.Run", () => Task.Run(job));
    }

    /// <summary><c>ThreadPool.UnsafeQueueUserWorkItem</c>: no task, no allocation per job; the floor.</summary>
    public static IJobContender ThreadPoolItems(int iterations) => new ThreadPoolItemContender(Job(iterations));

    /// <summary>A <see cref="ChannelThreadPool"/> of <paramref name="threads"/> dedicated threads.</summary>
    public static TaskContender Channel(int threads, int iterations)
    {
        var pool = new ChannelThreadPool(threads);
        var job = Job(iterations);
        return new TaskContender($"Channel pool ({threads} threads)", () => pool.Submit(job), () =>
        {
            pool.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary><c>PoolClient.SubmitAsync(job)</c>.</summary>
    public static async Task<TaskContender> ClientAsync(int pools, int workersPerPool, int iterations)
    {
        var (system, _, client) = await StartSupervisorAsync(pools, workersPerPool);
        var job = Job(iterations);
        return new TaskContender($"ActorPool client ({Layout(pools, workersPerPool)})", () => client.SubmitAsync(job), () => new ValueTask(system.Terminate()));
    }

    /// <summary>
    /// <c>ILeasedExecutor.SubmitAsync(job)</c>: the only pool of a supervisor with one pool of
    /// <paramref name="workers"/> workers, leased, so the lease has as many threads as the baselines.
    /// </summary>
    public static async Task<TaskContender> LeaseAsync(int workers, int iterations)
    {
        var (system, _, client) = await StartSupervisorAsync(1, workers);
        var lease = await client.AcquireLeaseAsync(LeaseFor, waitUpTo: TimeSpan.FromSeconds(5));
        var job = Job(iterations);
        return new TaskContender($"ActorPool lease ({Layout(1, workers)})", () => lease.SubmitAsync(job), async () =>
        {
            await lease.ReleaseAsync();
            await system.Terminate();
        });
    }

    /// <summary><c>supervisor.Ask&lt;object&gt;(new Submit(job))</c>: the message path, answered through <c>Ask</c>.</summary>
    public static async Task<TaskContender> SubmitAskAsync(int pools, int workersPerPool, int iterations)
    {
        var (system, supervisor, _) = await StartSupervisorAsync(pools, workersPerPool);
        var submit = new Submit(MessageJob(iterations));
        return new TaskContender($"ActorPool Submit Ask ({Layout(pools, workersPerPool)})", () => supervisor.Ask<object>(submit), () => new ValueTask(system.Terminate()));
    }

    /// <summary><c>Submit</c> messages told by a <see cref="TellPipeline"/> that counts the replies.</summary>
    public static async Task<IJobContender> SubmitTellAsync(int pools, int workersPerPool, int iterations)
    {
        var (system, supervisor, _) = await StartSupervisorAsync(pools, workersPerPool);
        return new TellContender($"ActorPool Submit Tell ({Layout(pools, workersPerPool)})", system, supervisor, new Submit(MessageJob(iterations)));
    }

    /// <summary>A <paramref name="kind"/> pool router of <paramref name="routees"/> <see cref="JobRoutee"/>s, asked per job.</summary>
    public static TaskContender RouterAsk(RouterKind kind, int routees, int iterations)
    {
        var system = StartActorSystem();
        var router = system.ActorOf(RouterProps(kind, routees), "router");
        var job = new RunJob(iterations);
        return new TaskContender($"{kind}Pool({routees}) Ask", () => router.Ask<object>(job), () => new ValueTask(system.Terminate()));
    }

    /// <summary>A <paramref name="kind"/> pool router of <paramref name="routees"/> <see cref="JobRoutee"/>s, told per job with a counted reply.</summary>
    public static IJobContender RouterTell(RouterKind kind, int routees, int iterations)
    {
        var system = StartActorSystem();
        var router = system.ActorOf(RouterProps(kind, routees), "router");
        return new TellContender($"{kind}Pool({routees}) Tell", system, router, new RunJob(iterations));
    }

    /// <summary>An <c>Ask</c> to an actor that answers with the message: no job at all.</summary>
    public static TaskContender EchoAsk()
    {
        var system = StartActorSystem();
        var echo = system.ActorOf(Props.Create<EchoActor>(), "echo");
        var message = new object();
        return new TaskContender("Ask echo actor", () => echo.Ask<object>(message), () => new ValueTask(system.Terminate()));
    }

    /// <summary>The set-up the brief gives: min = max = <paramref name="pools"/> pools, no state line, settled.</summary>
    public static async Task<(ActorSystem System, IActorRef Supervisor, PoolClient Client)> StartSupervisorAsync(int pools, int workersPerPool)
    {
        var system = StartActorSystem();
        var settings = new PoolSettings { MinPools = pools, MaxPools = pools, WorkersPerPool = workersPerPool, LoggingInterval = null };
        var supervisor = system.ActorOf(PoolSupervisor.Props(settings), "pools");
        var client = ActorPools.Get(system).Client(supervisor);
        await client.AwaitSettledAsync();
        return (system, supervisor, client);
    }

    /// <summary>"2 pools x 1 worker".</summary>
    public static string Layout(int pools, int workersPerPool) =>
        $"{pools} pool{(pools == 1 ? "" : "s")} x {workersPerPool} worker{(workersPerPool == 1 ? "" : "s")}";

    private static ActorSystem StartActorSystem() => ActorSystem.Create("bench", "akka.loglevel = WARNING");

    private static Props RouterProps(RouterKind kind, int routees) => Props.Create<JobRoutee>().WithRouter(kind switch
    {
        RouterKind.RoundRobin => new RoundRobinPool(routees),
        RouterKind.SmallestMailbox => new SmallestMailboxPool(routees),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    });

    /// <summary>Jobs as messages told by a <see cref="TellPipeline"/>.</summary>
    private sealed class TellContender(string name, ActorSystem system, IActorRef target, object message) : IJobContender
    {
        private readonly IActorRef _pipeline = system.ActorOf(Props.Create<TellPipeline>(), "pipeline");

        public string Name => name;

        public Task<int> RunAsync(int inFlight, int total) => TellPipeline.RunAsync(_pipeline, target, message, inFlight, total);

        public ValueTask DisposeAsync() => new(system.Terminate());
    }

    /// <summary>
    /// N reusable work items, each of which runs its job and queues itself again while jobs are
    /// left. A re-queue prefers the worker's local queue (<c>preferLocal: true</c>), as <c>Task.Run</c>
    /// from a pool thread does, so the floor is the same queueing minus the task; the first items,
    /// queued from the caller's thread, go to the global queue.
    /// </summary>
    private sealed class ThreadPoolItemContender(Func<int> job) : IJobContender
    {
        public string Name => "ThreadPool.UnsafeQueueUserWorkItem";

        public Task<int> RunAsync(int inFlight, int total)
        {
            // Each lane's first job counts as issued before any lane starts: a lane that ran out
            // while later ones were still being queued would otherwise end the run short.
            var lanes = Math.Min(inFlight, total);
            var run = new Run(job, total, lanes);
            for (var i = 0; i < lanes; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(new Item(run), preferLocal: false);
            }
            return run.Done.Task;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class Run(Func<int> job, int total, int lanes)
        {
            public readonly Func<int> Job = job;
            public readonly int Total = total;
            public readonly TaskCompletionSource<int> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public int Lanes = lanes;
            public int Issued = lanes;
            public int Completed;
        }

        private sealed class Item(Run run) : IThreadPoolWorkItem
        {
            public void Execute()
            {
                Interlocked.Add(ref run.Completed, run.Job());
                if (Interlocked.Increment(ref run.Issued) <= run.Total)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
                }
                else if (Interlocked.Decrement(ref run.Lanes) == 0)
                {
                    run.Done.SetResult(Volatile.Read(ref run.Completed));
                }
            }
        }
    }
}

/// <summary>Which Akka.NET pool router.</summary>
internal enum RouterKind
{
    RoundRobin,
    SmallestMailbox,
}
