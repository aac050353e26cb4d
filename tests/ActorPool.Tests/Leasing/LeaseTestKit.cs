using Akka.Actor;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorPool.Tests.Leasing;

/// <summary>
/// A real actor system per test with the helpers the lease tests share: short grace and
/// revoke-timeout so expiry happens within a test, and generous waits so a busy 2-core machine
/// never fails a test by being slow.
/// </summary>
public abstract class LeaseTestKit(ITestOutputHelper? output = null, string config = "akka.loglevel = WARNING")
    : Akka.TestKit.Xunit2.TestKit(config, output)
{
    /// <summary>How long any expected reply may take on a loaded machine.</summary>
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A lease that never expires within a test.</summary>
    protected static readonly TimeSpan LongLease = TimeSpan.FromMinutes(5);

    protected static readonly TimeSpan ShortGrace = TimeSpan.FromMilliseconds(300);

    private static int s_names;

    protected static PoolSettings Settings(int maxPools, int workers) => new()
    {
        MinPools = 1,
        MaxPools = maxPools,
        WorkersPerPool = workers,
        LoggingInterval = null,
        Lease = new LeaseSettings { Grace = ShortGrace, RevokeTimeout = TimeSpan.FromMilliseconds(300) },
    };

    protected IActorRef Supervisor(PoolSettings settings) =>
        Sys.ActorOf(PoolSupervisor.Props(settings), $"leases-{Interlocked.Increment(ref s_names)}");

    /// <summary>Acquires with no wait, the probe being the watched holder.</summary>
    protected static async Task<ILeasedExecutor> AcquireAsync(TestProbe holder, IActorRef pools, TimeSpan leaseFor)
    {
        pools.Tell(new AcquireLease(leaseFor, TimeSpan.Zero), holder.Ref);
        var granted = await holder.ExpectMsgAsync<LeaseGranted>(Wait);
        return granted.Executor;
    }

    protected static Task<PoolStatus> StatusAsync(IActorRef pools) =>
        pools.Ask<PoolStatus>(GetPoolStatus.Instance, Wait);

    protected static Task<PoolStatus> SettledAsync(IActorRef pools) =>
        pools.Ask<PoolStatus>(AwaitSettled.Instance, Wait);

    /// <summary>The exception a probe was told in a <see cref="Status.Failure"/>.</summary>
    protected static async Task<T> FailureAsync<T>(TestProbe probe)
        where T : Exception
    {
        var failure = await probe.ExpectMsgAsync<Status.Failure>(Wait);
        return Assert.IsType<T>(failure.Cause);
    }

    /// <summary>A probe subscribed to every <see cref="LeaseChanged"/>.</summary>
    protected TestProbe LeaseEvents()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(LeaseChanged));
        return events;
    }

    /// <summary>The next <see cref="LeaseChanged"/> of <paramref name="leaseId"/> with <paramref name="step"/>,
    /// skipping other leases' events and earlier steps.</summary>
    protected static async Task<LeaseChanged> NextStepAsync(TestProbe events, string leaseId, LeaseStep step) =>
        (LeaseChanged)await events.FishForMessageAsync(
            m => m is LeaseChanged c && c.LeaseId == leaseId && c.Step == step, Wait, $"{leaseId} {step}");

    /// <summary>A task that completes with the task's result, or fails the test after <see cref="Wait"/>.</summary>
    protected static Task<T> Within<T>(Task<T> task) => task.WaitAsync(Wait);

    protected static Task Within(Task task) => task.WaitAsync(Wait);
}
