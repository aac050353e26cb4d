using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorPool.Tests.Support;

/// <summary>
/// The base of the supervisor tests: one actor system per test, generous waits (the machine is a
/// busy 2-core box), and helpers to start supervisors and read their status.
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

    private static int s_names;

    protected PoolTestKit(ITestOutputHelper output)
        : base(s_config, output: output)
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
        [.. Internal.Workers.WorkerPool.LiveThreadNames.Where(n => n.StartsWith($"{pools.Path.Name}-pool-", StringComparison.Ordinal))];
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
