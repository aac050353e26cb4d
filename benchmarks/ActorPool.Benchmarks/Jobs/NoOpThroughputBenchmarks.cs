using BenchmarkDotNet.Attributes;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// B1: how many no-op jobs a second, with 1, 64 or 1,024 in flight (a pipelined caller keeps
/// that many outstanding, <see cref="Jobs"/> per invocation). ActorPool through its client, a
/// lease and <see cref="Submit"/> messages, against <c>Task.Run</c> (the baseline), the floor
/// (<c>ThreadPool.UnsafeQueueUserWorkItem</c>), a Channel pool of as many dedicated threads, and
/// Akka.NET pool routers through <c>Ask</c> and through <c>Tell</c>. Every contender has 2
/// threads of its own (2 pools x 1 worker, a leased pool of 2 workers, 2 channel threads,
/// 2 routees) except the ThreadPool ones, which have the machine's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(JobsConfig))]
public class NoOpThroughputBenchmarks
{
    /// <summary>Jobs per invocation: 16 times the most in flight, so filling and draining the pipeline is a small share.</summary>
    public const int Jobs = 16_384;

    private const int Threads = 2;

    private IJobContender? _contender;

    /// <summary>Jobs kept outstanding.</summary>
    [Params(1, 64, 1024)]
    public int InFlight { get; set; } = 64;

    /// <summary>Jobs per invocation; BenchmarkDotNet runs <see cref="Jobs"/>, the smoke test fewer.</summary>
    public int Total { get; set; } = Jobs;

    [GlobalSetup(Target = nameof(TaskRun))]
    public void StartTaskRun() => _contender = JobContenders.TaskRun(0);

    [GlobalSetup(Target = nameof(UnsafeQueueUserWorkItem))]
    public void StartThreadPoolItems() => _contender = JobContenders.ThreadPoolItems(0);

    [GlobalSetup(Target = nameof(ChannelPool))]
    public void StartChannelPool() => _contender = JobContenders.Channel(Threads, 0);

    [GlobalSetup(Target = nameof(Client))]
    public async Task StartClientAsync() => _contender = await JobContenders.ClientAsync(Threads, 1, 0);

    [GlobalSetup(Target = nameof(Lease))]
    public async Task StartLeaseAsync() => _contender = await JobContenders.LeaseAsync(Threads, 0);

    [GlobalSetup(Target = nameof(SubmitAsk))]
    public async Task StartSubmitAskAsync() => _contender = await JobContenders.SubmitAskAsync(Threads, 1, 0);

    [GlobalSetup(Target = nameof(SubmitTell))]
    public async Task StartSubmitTellAsync() => _contender = await JobContenders.SubmitTellAsync(Threads, 1, 0);

    [GlobalSetup(Target = nameof(RoundRobinAsk))]
    public void StartRoundRobinAsk() => _contender = JobContenders.RouterAsk(RouterKind.RoundRobin, Threads, 0);

    [GlobalSetup(Target = nameof(SmallestMailboxAsk))]
    public void StartSmallestMailboxAsk() => _contender = JobContenders.RouterAsk(RouterKind.SmallestMailbox, Threads, 0);

    [GlobalSetup(Target = nameof(RoundRobinTell))]
    public void StartRoundRobinTell() => _contender = JobContenders.RouterTell(RouterKind.RoundRobin, Threads, 0);

    [GlobalSetup(Target = nameof(SmallestMailboxTell))]
    public void StartSmallestMailboxTell() => _contender = JobContenders.RouterTell(RouterKind.SmallestMailbox, Threads, 0);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_contender is not null)
        {
            await _contender.DisposeAsync();
            _contender = null;
        }
    }

    /// <summary><c>Task.Run(() =&gt; 1)</c>, awaited.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Jobs, Description = "Task.Run")]
    public Task<int> TaskRun() => RunAsync();

    /// <summary>Self-requeueing work items: no task per job.</summary>
    [Benchmark(OperationsPerInvoke = Jobs, Description = "UnsafeQueueUserWorkItem (floor)")]
    public Task<int> UnsafeQueueUserWorkItem() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "Channel pool, 2 threads")]
    public Task<int> ChannelPool() => RunAsync();

    /// <summary><c>client.SubmitAsync(() =&gt; 1)</c>, 2 pools x 1 worker.</summary>
    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool client, 2x1")]
    public Task<int> Client() => RunAsync();

    /// <summary><c>lease.SubmitAsync(() =&gt; 1)</c> on a leased pool of 2 workers.</summary>
    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool lease, 1x2")]
    public Task<int> Lease() => RunAsync();

    /// <summary><c>supervisor.Ask&lt;object&gt;(new Submit(() =&gt; null))</c>, 2 pools x 1 worker.</summary>
    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool Submit Ask, 2x1")]
    public Task<int> SubmitAsk() => RunAsync();

    /// <summary><c>Submit</c> told with a counted reply, 2 pools x 1 worker.</summary>
    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool Submit Tell, 2x1")]
    public Task<int> SubmitTell() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "RoundRobinPool(2) Ask")]
    public Task<int> RoundRobinAsk() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "SmallestMailboxPool(2) Ask")]
    public Task<int> SmallestMailboxAsk() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "RoundRobinPool(2) Tell")]
    public Task<int> RoundRobinTell() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "SmallestMailboxPool(2) Tell")]
    public Task<int> SmallestMailboxTell() => RunAsync();

    private Task<int> RunAsync() => _contender!.RunAsync(InFlight, Total);
}
