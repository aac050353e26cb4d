using BenchmarkDotNet.Attributes;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// B2: jobs of 1, 10 and 100 µs (a calibrated spin, see <see cref="Spin"/>) with 64 in flight,
/// through ActorPool as 2 pools x 1 worker and as 1 pool x 2 workers (client, <see cref="Submit"/>
/// told with a counted reply, and a leased pool of 2 workers), against <c>Task.Run</c> (the
/// baseline) and a Channel pool of 2 dedicated threads. With jobs this long the question is how
/// much of the 2 cores the path leaves to the jobs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(JobsConfig))]
public class JobSizeBenchmarks
{
    /// <summary>Jobs per invocation: 100 ms of 100 µs jobs on 2 cores.</summary>
    public const int Jobs = 2_048;

    /// <summary>Jobs kept outstanding.</summary>
    public const int InFlight = 64;

    private const int Threads = 2;

    private IJobContender? _contender;

    /// <summary>The job's size in µs, run as <see cref="Spin.IterationsFor"/> iterations.</summary>
    [Params(1, 10, 100)]
    public int Micros { get; set; } = 10;

    /// <summary>Jobs per invocation; BenchmarkDotNet runs <see cref="Jobs"/>, the smoke test fewer.</summary>
    public int Total { get; set; } = Jobs;

    private int Iterations => Spin.IterationsFor(Micros);

    [GlobalSetup(Target = nameof(TaskRun))]
    public void StartTaskRun() => _contender = JobContenders.TaskRun(Iterations);

    [GlobalSetup(Target = nameof(ChannelPool))]
    public void StartChannelPool() => _contender = JobContenders.Channel(Threads, Iterations);

    [GlobalSetup(Target = nameof(ClientTwoPools))]
    public async Task StartClientTwoPoolsAsync() => _contender = await JobContenders.ClientAsync(2, 1, Iterations);

    [GlobalSetup(Target = nameof(ClientOnePool))]
    public async Task StartClientOnePoolAsync() => _contender = await JobContenders.ClientAsync(1, 2, Iterations);

    [GlobalSetup(Target = nameof(SubmitTellTwoPools))]
    public async Task StartSubmitTellTwoPoolsAsync() => _contender = await JobContenders.SubmitTellAsync(2, 1, Iterations);

    [GlobalSetup(Target = nameof(SubmitTellOnePool))]
    public async Task StartSubmitTellOnePoolAsync() => _contender = await JobContenders.SubmitTellAsync(1, 2, Iterations);

    [GlobalSetup(Target = nameof(Lease))]
    public async Task StartLeaseAsync() => _contender = await JobContenders.LeaseAsync(Threads, Iterations);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_contender is not null)
        {
            await _contender.DisposeAsync();
            _contender = null;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Jobs, Description = "Task.Run")]
    public Task<int> TaskRun() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "Channel pool, 2 threads")]
    public Task<int> ChannelPool() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool client, 2x1")]
    public Task<int> ClientTwoPools() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool client, 1x2")]
    public Task<int> ClientOnePool() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool Submit Tell, 2x1")]
    public Task<int> SubmitTellTwoPools() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool Submit Tell, 1x2")]
    public Task<int> SubmitTellOnePool() => RunAsync();

    [Benchmark(OperationsPerInvoke = Jobs, Description = "ActorPool lease, 1x2")]
    public Task<int> Lease() => RunAsync();

    private Task<int> RunAsync() => _contender!.RunAsync(InFlight, Total);
}
