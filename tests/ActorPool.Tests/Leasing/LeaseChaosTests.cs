using ActorPool.Tests.Support;
using Akka.Actor;
using CsCheck;
using Xunit.Abstractions;

namespace ActorPool.Tests.Leasing;

/// <summary>The chaos run loads both cores on its own: it must not share them with other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeaseChaosGroup
{
    public const string Name = "LeaseChaos";
}

/// <summary>
/// Twenty client actors acquire, submit, renew, release and die at random while leases also
/// expire; after every lease event the supervisor's books must balance, and every granted lease
/// must end exactly once. A CsCheck property over the run's seed: a failure prints the seed that
/// reproduces it.
/// </summary>
[Collection(LeaseChaosGroup.Name)]
// Hundreds of expiry warnings per run are expected here: log errors only.
public sealed class LeaseChaosTests(ITestOutputHelper output) : PoolTestKit(output, "akka.loglevel = ERROR")
{
    private const int Clients = 20;
    private const int MaxPools = 6;
    private const int Seeds = 3;
    private const int MinGranted = 30;
    private static readonly TimeSpan s_runFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_longestRun = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output = output;
    private int _runs;
    private int _granted;
    private int _checked;

    [Fact]
    public async Task RandomClients_KeepTheBooksBalanced_AndEveryLeaseEndsExactlyOnce()
    {
        await Gen.Int.SampleAsync(RunAsync, _output.WriteLine, iter: Seeds, threads: 1);

        _output.WriteLine($"lease chaos: {_runs} seeds x {s_runFor.TotalSeconds} s, {_granted} leases granted, {_checked} lease events checked");
        Assert.Equal(Seeds, _runs);
    }

    private async Task RunAsync(int seed)
    {
        var run = Interlocked.Increment(ref _runs);
        var settings = new PoolSettings
        {
            MinPools = 1,
            MaxPools = MaxPools,
            WorkersPerPool = 2,
            LoggingInterval = null,
            Lease = new LeaseSettings { Grace = TimeSpan.FromMilliseconds(100), RevokeTimeout = TimeSpan.FromMilliseconds(500) },
        };
        var pools = Sys.ActorOf(PoolSupervisor.Props(settings), $"chaos-{run}");
        var path = pools.Path.ToStringWithoutAddress();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(LeaseChanged));
        var lives = new Dictionary<string, List<LeaseStep>>();
        var alive = new Alive();
        var clients = new List<IActorRef>();
        var random = new Random(seed);
        var checks = 0;

        void Record(LeaseChanged changed)
        {
            if (!lives.TryGetValue(changed.LeaseId, out var steps))
            {
                lives[changed.LeaseId] = steps = [];
            }
            steps.Add(changed.Step);
        }

        // At least s_runFor, and on until enough leases were granted: on a starved machine (the
        // whole suite on 2 busy cores) 3 s of wall time may see almost no grant. Capped, so a
        // supervisor that grants nothing still fails the run below.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < s_runFor || (Granted(lives) < MinGranted && clock.Elapsed < s_longestRun))
        {
            while (alive.Count < Clients)
            {
                alive.Started();
                clients.Add(Sys.ActorOf(ChaosClient.Props(pools, random.Next(), alive)));
            }
            if (await events.ReceiveOneAsync(TimeSpan.FromMilliseconds(100)) is LeaseChanged changed && changed.Supervisor == path)
            {
                Record(changed);
                Check(await StatusAsync(pools), seed);
                checks++;
            }
        }
        foreach (var client in clients)
        {
            Sys.Stop(client);
        }

        // Every holder is gone: each lease ends by holder death, unless it already ended.
        await AwaitAssertAsync(
            async () =>
            {
                var status = await StatusAsync(pools);
                Check(status, seed);
                Assert.True(status.Leased == 0 && status.LeaseWaiters == 0, $"seed {seed}: leases left: {status}");
            },
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(50));
        // Then take every event still on its way, until none comes for a while.
        while (await events.ReceiveOneAsync(TimeSpan.FromMilliseconds(500)) is { } late)
        {
            if (late is LeaseChanged changed && changed.Supervisor == path)
            {
                Record(changed);
            }
        }
        Sys.EventStream.Unsubscribe(events.Ref);
        Sys.Stop(pools);
        // Counted independently of the supervisor's books: no worker thread outlives the run.
        var threadPrefix = $"{pools.Path.Name}-pool-";
        await AwaitAssertAsync(
            () => Assert.DoesNotContain(Internal.Workers.Threads.ThreadRuntime.LiveThreadNames, n => n.StartsWith(threadPrefix, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(50));

        var granted = 0;
        foreach (var (leaseId, steps) in lives)
        {
            Assert.True(steps.Contains(LeaseStep.Granted), $"seed {seed}: {leaseId} has events but no grant: {string.Join(", ", steps)}");
            granted++;
            var ends = steps.Count(s => s is LeaseStep.Released or LeaseStep.HolderStopped or LeaseStep.Revoked);
            Assert.True(ends == 1, $"seed {seed}: {leaseId} ended {ends} times: {string.Join(", ", steps)}");
        }
        Assert.True(granted >= MinGranted, $"seed {seed}: the run exercised too few leases ({granted} granted in {clock.Elapsed})");
        Assert.True(checks >= granted, $"seed {seed}: only {checks} lease events checked for {granted} leases");
        _output.WriteLine($"seed {seed}: {granted} leases granted, {checks} lease events checked");
        Interlocked.Add(ref _granted, granted);
        Interlocked.Add(ref _checked, checks);
    }

    private static int Granted(Dictionary<string, List<LeaseStep>> lives) =>
        lives.Values.Count(steps => steps.Contains(LeaseStep.Granted));

    private static void Check(PoolStatus s, int seed)
    {
        // Idle + busy + leased + draining = total holds by construction of PoolStatus; what can
        // break is the bound and the agreement between the pool set and the lease book.
        Assert.True(s.Total <= MaxPools, $"seed {seed}: total above max-pools: {s}");
        Assert.True(s.Leased == s.Leases.Count, $"seed {seed}: leased pools and leases differ: {s}");
        var leasedPools = new HashSet<string>();
        foreach (var lease in s.Leases)
        {
            Assert.True(leasedPools.Add(lease.Pool), $"seed {seed}: {lease.Pool} is held by two leases: {s}");
            Assert.True(
                s.Pools.Any(p => p.Name == lease.Pool && p.State == PoolState.Leased),
                $"seed {seed}: {lease.LeaseId} holds {lease.Pool}, which is not a leased pool: {s}");
        }
    }

    /// <summary>How many clients live; a client counts itself out when it stops.</summary>
    private sealed class Alive
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Started() => Interlocked.Increment(ref _count);

        public void Stopped() => Interlocked.Decrement(ref _count);
    }

    /// <summary>A lease user that acts at random every few milliseconds, and sometimes dies holding a lease.</summary>
    private sealed class ChaosClient : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _pools;
        private readonly Random _random;
        private readonly Alive _alive;
        private ILeasedExecutor? _lease;
        private bool _asking;

        public ChaosClient(IActorRef pools, int seed, Alive alive)
        {
            _pools = pools;
            _random = new Random(seed);
            _alive = alive;
            Receive<Step>(_ => OnStep());
            Receive<LeaseGranted>(g =>
            {
                _asking = false;
                _lease = g.Executor;
            });
            Receive<Status.Failure>(_ => _asking = false);
            Receive<LeaseExpiring>(_ =>
            {
                if (_lease is not null && _random.Next(2) == 0)
                {
                    Observe(_lease.RenewAsync(TimeSpan.FromMilliseconds(50 + _random.Next(200))));
                }
            });
            Receive<LeaseRevoked>(_ => _lease = null);
        }

        public ITimerScheduler Timers { get; set; } = null!;

        public static Props Props(IActorRef pools, int seed, Alive alive) =>
            Akka.Actor.Props.Create(() => new ChaosClient(pools, seed, alive));

        protected override void PreStart() =>
            Timers.StartPeriodicTimer("step", Step.Instance, TimeSpan.FromMilliseconds(5 + _random.Next(20)));

        protected override void PostStop() => _alive.Stopped();

        // Renewals and jobs may fail once the lease ends; the run checks the books, not these.
        private static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        private void OnStep()
        {
            var roll = _random.Next(100);
            if (_lease is { IsActive: false })
            {
                _lease = null;
            }
            if (_lease is null)
            {
                if (roll < 40 && !_asking)
                {
                    _asking = true;
                    _pools.Tell(new AcquireLease(
                        TimeSpan.FromMilliseconds(50 + _random.Next(250)),
                        TimeSpan.FromMilliseconds(_random.Next(100))));
                }
                else if (roll < 42)
                {
                    Context.Stop(Self);
                }
                return;
            }
            if (roll < 50)
            {
                // Work that takes up to 3 ms and stops early when the lease is revoked.
                var work = _random.Next(4);
                Observe(_lease.SubmitAsync(token => Task.FromResult(token.WaitHandle.WaitOne(work))));
            }
            else if (roll < 60)
            {
                Observe(_lease.RenewAsync(TimeSpan.FromMilliseconds(1 + _random.Next(200))));
            }
            else if (roll < 80)
            {
                Observe(_lease.ReleaseAsync());
                _lease = null;
            }
            else if (roll < 83)
            {
                Context.Stop(Self);
            }
        }

        private sealed class Step
        {
            public static readonly Step Instance = new();
        }
    }
}
