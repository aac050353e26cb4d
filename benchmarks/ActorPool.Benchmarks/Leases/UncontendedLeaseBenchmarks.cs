using System.Globalization;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace ActorPool.Benchmarks.Leases;

/// <summary>
/// DESIGN B3: acquire + release of one lease with nobody else asking, 2 pools. Baseline: a
/// <see cref="SemaphoreSlim"/> + stack lease pool; beside it Npgsql's channel shape and ActorPool's
/// public lease API. Goal: ActorPool &lt;= 5x the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class UncontendedLeaseBenchmarks : IDisposable
{
    private const int Pools = 2;

    private readonly SemaphoreStackLeasePool<IdlePool> _semaphoreStack = new(IdlePool.Make(Pools));
    private readonly ChannelLeasePool<IdlePool> _channel = new(IdlePool.Make(Pools));
    private ActorSystem? _system;
    private PoolClient? _client;

    /// <summary>Starts the actor system and a supervisor with exactly 2 pools; only the ActorPool case pays for it.</summary>
    [GlobalSetup(Target = nameof(ActorPoolLease))]
    public async Task StartActorPoolAsync() => (_system, _client) = await ActorPoolContender.StartSupervisorAsync(Pools);

    /// <summary>Terminates the actor system.</summary>
    [GlobalCleanup(Target = nameof(ActorPoolLease))]
    public async Task StopActorPoolAsync()
    {
        if (_system is not null)
        {
            await _system.Terminate();
        }
    }

    /// <summary>Disposes the baseline's semaphore.</summary>
    public void Dispose()
    {
        _semaphoreStack.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary><c>SemaphoreSlim.WaitAsync(timeout)</c> then <c>TryPop</c>; <c>Push</c> then <c>Release</c>.</summary>
    [Benchmark(Baseline = true, Description = "SemaphoreSlim+stack")]
    public async Task SemaphoreStack()
    {
        var pool = await _semaphoreStack.TryAcquireAsync(TimeSpan.FromSeconds(5)) ?? throw Unavailable();
        _semaphoreStack.Release(pool);
    }

    /// <summary>Npgsql's shape: <c>TryRead</c> (else <c>ReadAsync</c>); <c>TryWrite</c>.</summary>
    [Benchmark(Description = "Channel TryRead/TryWrite")]
    public async Task Channel()
    {
        var pool = await _channel.TryAcquireAsync(TimeSpan.FromSeconds(5)) ?? throw Unavailable();
        _channel.Release(pool);
    }

    /// <summary><c>AcquireLeaseAsync(1 min, waitUpTo: 5 s)</c> then <c>ReleaseAsync</c>.</summary>
    [Benchmark(Description = "ActorPool AcquireLeaseAsync+ReleaseAsync")]
    public async Task ActorPoolLease()
    {
        var lease = await _client!.AcquireLeaseAsync(ActorPoolContender.LeaseFor, waitUpTo: TimeSpan.FromSeconds(5));
        await lease.ReleaseAsync();
    }

    /// <summary>Prints DESIGN B3's goal, ActorPool &lt;= 5x the baseline, with its ratio of means, from a finished run.</summary>
    public static void PrintGoal(Summary summary, TextWriter output)
    {
        double? Mean(string method) => summary.Reports
            .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Mean;

        if (Mean(nameof(SemaphoreStack)) is not { } baseline || Mean(nameof(ActorPoolLease)) is not { } ours)
        {
            output.WriteLine("Goal (DESIGN B3): no result, a case failed; see the log above");
            return;
        }
        var ratio = ours / baseline;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Goal (DESIGN B3): ActorPool acquire+release <= 5x the SemaphoreSlim lease: {ours / 1000:0.00} µs vs {baseline:0.0} ns, {ratio:0.0}x, {(ratio <= 5 ? "met" : "NOT MET")}"));
    }

    private static InvalidOperationException Unavailable() => new("an uncontended pool of 2 had no idle pool");

    /// <summary>
    /// One launch; 10 warm-up iterations of 250 ms (2.5 s, well past tier-1 promotion and OSR) then
    /// 15 measured ones: about 10 s a case plus its process start.
    /// </summary>
    internal sealed class QuickConfig : ManualConfig
    {
        public QuickConfig() =>
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(10)
                .WithIterationCount(15)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Quick"));
    }
}
