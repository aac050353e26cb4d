using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorPool.Tests.Support;

/// <summary>
/// The one base of the actor tests: one actor system per test, generous waits (the machine is a
/// busy 2-core box), fast polling, and helpers to start supervisors, read their status, and take
/// and watch leases.
/// </summary>
public abstract class PoolTestKit : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>The HOCON id of <see cref="CountingMailbox"/>.</summary>
    public const string CountingMailboxId = "counting-mailbox";

    /// <summary>How long any expected reply or condition may take; generous, never a timing assertion.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly Config s_config = ConfigurationFactory.ParseString($$"""
        akka.test.single-expect-default = 20s
        akka.loglevel = WARNING
        {{CountingMailboxId}}.mailbox-type = "{{typeof(CountingMailbox).AssemblyQualifiedName}}"
        """);

    /// <summary>A lease that never expires within a test.</summary>
    protected static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);

    /// <summary>A grace short enough for expiry to happen within a test.</summary>
    protected static readonly TimeSpan ShortGrace = TimeSpan.FromMilliseconds(300);

    private static int s_names;

    /// <param name="output">Where the system's log goes.</param>
    /// <param name="config">HOCON that wins over the kit's own (e.g. a quieter log level).</param>
    protected PoolTestKit(ITestOutputHelper? output = null, string? config = null)
        : base(config is null ? s_config : ConfigurationFactory.ParseString(config).WithFallback(s_config), output: output)
    {
    }

    /// <summary>The seed's settings: min 1, max 5, 10 units per pool, 2 workers, checked every 60 s.</summary>
    protected static PoolSettings SeedSettings { get; } = new()
    {
        MinPools = 1,
        MaxPools = 5,
        UnitsPerPool = 10,
        WorkersPerPool = 2,
        CheckInterval = TimeSpan.FromSeconds(60),
    };

    /// <summary>Starts a supervisor with a unique name (its threads are named after it).</summary>
    protected IActorRef StartSupervisor(PoolSettings settings, Func<int>? sizeProvider = null, string? mailbox = null)
    {
        var props = PoolSupervisor.Props(settings, sizeProvider);
        if (mailbox is not null)
        {
            props = props.WithMailbox(mailbox);
        }
        return Sys.ActorOf(props, $"pools-{Interlocked.Increment(ref s_names)}");
    }

    /// <summary>Lease test settings: min 1, short grace and revoke-timeout so expiry happens within a test, no state line.</summary>
    protected static PoolSettings Settings(int maxPools, int workers) => new()
    {
        MinPools = 1,
        MaxPools = maxPools,
        WorkersPerPool = workers,
        LoggingInterval = null,
        Lease = new LeaseSettings { Grace = ShortGrace, RevokeTimeout = TimeSpan.FromMilliseconds(300) },
    };

    /// <summary>Acquires with no wait, the probe being the watched holder.</summary>
    protected static async Task<ILeasedExecutor> AcquireAsync(TestProbe holder, IActorRef pools, TimeSpan leaseFor)
    {
        pools.Tell(new AcquireLease(leaseFor, TimeSpan.Zero), holder.Ref);
        var granted = await holder.ExpectMsgAsync<LeaseGranted>(Wait);
        return granted.Executor;
    }

    /// <summary>The exception a probe was told in a <see cref="Status.Failure"/>.</summary>
    protected static async Task<T> FailureAsync<T>(TestProbe probe)
        where T : Exception
    {
        var failure = await probe.ExpectMsgAsync<Status.Failure>(Wait);
        return Assert.IsType<T>(failure.Cause);
    }

    /// <summary>A probe subscribed to every <see cref="LeaseChanged"/>.</summary>
    protected TestProbe LeaseEvents() => Events(typeof(LeaseChanged));

    /// <summary>The next <see cref="LeaseChanged"/> of <paramref name="leaseId"/> with <paramref name="step"/>,
    /// skipping other leases' events and earlier steps.</summary>
    protected static async Task<LeaseChanged> NextStepAsync(TestProbe events, string leaseId, LeaseStep step) =>
        (LeaseChanged)await events.FishForMessageAsync(
            m => m is LeaseChanged c && c.LeaseId == leaseId && c.Step == step, Wait, $"{leaseId} {step}");

    /// <summary>A task that completes with the task's result, or fails the test after <see cref="Wait"/>.</summary>
    protected static Task<T> Within<T>(Task<T> task) => task.WaitAsync(Wait);

    /// <summary>A task that completes with the task, or fails the test after <see cref="Wait"/>.</summary>
    protected static Task Within(Task task) => task.WaitAsync(Wait);

    protected static Task<PoolStatus> StatusAsync(IActorRef pools) =>
        pools.Ask<PoolStatus>(GetPoolStatus.Instance, Wait);

    protected static Task<PoolStatus> SettledAsync(IActorRef pools) =>
        pools.Ask<PoolStatus>(AwaitSettled.Instance, Wait);

    /// <summary>Retries <paramref name="assertion"/> often (every 20 ms) until it holds or <see cref="Wait"/> has passed.</summary>
    protected Task EventuallyAsync(Func<Task> assertion) =>
        AwaitAssertAsync(assertion, Wait, TimeSpan.FromMilliseconds(20));

    /// <summary>Retries <paramref name="assertion"/> often (every 20 ms) until it holds or <see cref="Wait"/> has passed.</summary>
    protected Task EventuallyAsync(Action assertion) =>
        AwaitAssertAsync(assertion, Wait, TimeSpan.FromMilliseconds(20));

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 10 ms, for up to <see cref="Wait"/>.</summary>
    protected Task UntilAsync(Func<bool> condition) =>
        AwaitConditionAsync(() => Task.FromResult(condition()), Wait, TimeSpan.FromMilliseconds(10));

    /// <summary>A probe subscribed to the event types <paramref name="types"/>.</summary>
    protected TestProbe Events(params Type[] types)
    {
        var probe = CreateTestProbe();
        foreach (var type in types)
        {
            Sys.EventStream.Subscribe(probe.Ref, type);
        }
        return probe;
    }

    /// <summary>The names of the live worker threads of supervisor <paramref name="pools"/>.</summary>
    protected static List<string> WorkerThreadsOf(IActorRef pools) =>
        [.. Internal.Workers.Threads.ThreadRuntime.LiveThreadNames.Where(n => n.StartsWith($"{pools.Path.Name}-pool-", StringComparison.Ordinal))];
}

/// <summary>
/// Holds jobs on their worker threads until opened. A held job gives up after
/// <see cref="PoolTestKit.Wait"/>, so a failing test never leaves a worker blocked for good;
/// disposing opens it, so <c>using var gate</c> frees the workers whatever the test's outcome.
/// </summary>
public sealed class Gate : IDisposable
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;

    /// <summary>Jobs that have reached the gate.</summary>
    public int Entered => Volatile.Read(ref _entered);

    /// <summary>Called inside a job: waits on its worker thread until the gate opens.</summary>
    public void Pass()
    {
        Interlocked.Increment(ref _entered);
        if (!_open.Task.Wait(PoolTestKit.Wait))
        {
            throw new TimeoutException("the test never opened the gate");
        }
    }

    public void Open() => _open.TrySetResult();

    public void Dispose() => Open();
}
