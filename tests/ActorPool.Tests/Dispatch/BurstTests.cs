using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests.Dispatch;

/// <summary>Runs alone: it loads every core of the machine.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone
{
}

/// <summary>
/// The reference rejected 90% of this burst while its workers were free, because admission learned
/// of completions through the supervisor's mailbox. Here it reads live counters; the test checks
/// that every job is answered exactly once and records the rejected share (no timing assertion).
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class BurstTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private const int Jobs = 100_000;
    private const int Threads = 8;

    [Fact]
    public async Task HundredThousandNoOpJobs_From8Threads_AreEachAnsweredExactlyOnce()
    {
        var settings = new PoolSettings { MinPools = 4, MaxPools = 4, WorkersPerPool = 2 };
        var pools = StartSupervisor(settings);
        Assert.Equal(4, (await SettledAsync(pools)).Total);
        var client = ActorPools.Get(Sys).Client(pools);
        var runs = new int[Jobs];
        var jobs = new Task<int>[Jobs];

        var clients = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var i = t; i < Jobs; i += Threads)
            {
                var id = i;
                jobs[id] = client.SubmitAsync(() => { Interlocked.Increment(ref runs[id]); return id; });
            }
        })).ToList();
        clients.ForEach(c => c.Start());
        clients.ForEach(c => c.Join());
        await Task.WhenAll(jobs).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Wait);

        var rejected = 0;
        for (var id = 0; id < Jobs; id++)
        {
            var job = jobs[id];
            if (job.IsCompletedSuccessfully)
            {
                Assert.Equal(id, await job);
                Assert.Equal(1, runs[id]);
            }
            else
            {
                Assert.IsType<JobRejectedException>(job.Exception!.InnerException);
                Assert.Equal(0, runs[id]);
                rejected++;
            }
        }
        var share = (double)rejected / Jobs;
        Output!.WriteLine($"burst: {Jobs} no-op jobs from {Threads} threads, 4 pools x 2 workers, max-queued-jobs = {settings.MaxQueuedJobs}: " +
            $"{rejected} rejected ({share:P2}), {Jobs - rejected} run");
        Console.WriteLine($"BURST rejected share: {share:P2} ({rejected} of {Jobs})");
        await EventuallyAsync(
            async () =>
            {
                var status = await StatusAsync(pools);
                Assert.Equal((0, 0), (status.Queued, status.RunningJobs));
            });
    }
}
