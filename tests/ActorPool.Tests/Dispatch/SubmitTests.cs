using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Dispatch;

/// <summary>The <see cref="Submit"/> message path: one hop into the supervisor, the reply straight from the worker.</summary>
public sealed class SubmitTests(ITestOutputHelper output) : PoolTestKit(output)
{
    [Fact]
    public async Task FailingJob_ReachesItsCallerWithItsType_AndThePoolLivesOn()
    {
        var pools = StartSupervisor(SeedSettings);
        var before = await SettledAsync(pools);

        pools.Tell(new Submit(() => throw new InvalidOperationException("bad input 42")), TestActor);
        var failure = await ExpectMsgAsync<Status.Failure>();
        var cause = Assert.IsType<InvalidOperationException>(failure.Cause);
        Assert.Equal("bad input 42", cause.Message);

        pools.Tell(new Submit(() => 6 * 7), TestActor);
        await ExpectMsgAsync(42);
        // A message cannot be null: a null result is answered with Done.
        pools.Tell(new Submit(() => null), TestActor);
        await ExpectMsgAsync(Akka.Done.Instance);
        // The reply leaves the worker just before the job is booked as ended.
        await EventuallyAsync(
            async () =>
            {
                var after = await StatusAsync(pools);
                var pool = Assert.Single(after.Pools);
                Assert.Equal(before.Pools[0].Name, pool.Name);
                Assert.Equal(PoolState.Idle, pool.State);
                Assert.Equal(0, pool.RunningJobs);
                Assert.Equal(2, pool.LiveWorkers);
            });
    }

    [Fact]
    public async Task AsyncSubmit_RepliesWithTheResultOrTheFailure()
    {
        var pools = StartSupervisor(SeedSettings);
        pools.Tell(Submit.Async(async _ => { await Task.Yield(); return (object?)"async result"; }), TestActor);
        await ExpectMsgAsync("async result");
        pools.Tell(Submit.Async(async _ => { await Task.Yield(); throw new FormatException("bad format"); }), TestActor);
        Assert.IsType<FormatException>((await ExpectMsgAsync<Status.Failure>()).Cause);
    }

    [Fact]
    public async Task ThousandConcurrentSubmits_From8Threads_AreEachAnsweredExactlyOnce()
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 2, MaxPools = 4 });
        pools.Tell(new ScaleChanged(40));
        var probe = CreateTestProbe();
        var runs = new int[1000];

        var clients = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 125; i++)
            {
                var id = (t * 125) + i;
                pools.Tell(new Submit(() => { Interlocked.Increment(ref runs[id]); return id; }), probe.Ref);
            }
        })).ToList();
        clients.ForEach(c => c.Start());

        var ids = new HashSet<int>();
        await foreach (var answer in probe.ReceiveNAsync(1000, Wait))
        {
            Assert.True(ids.Add((int)answer), $"id {answer} answered twice");
        }
        Assert.Equal(Enumerable.Range(0, 1000), ids.Order());
        clients.ForEach(c => c.Join());
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.All(runs, r => Assert.Equal(1, r));
        Assert.Equal(0, (await StatusAsync(pools)).Queued);
    }

    [Fact]
    public async Task AllWorkersBusy_QueuesUpToTheLimit_ThenRejectsNamingIt()
    {
        var pools = StartSupervisor(new PoolSettings { MinPools = 1, MaxPools = 1, WorkersPerPool = 1, MaxQueuedJobs = 1 });
        using var gate = new Gate();
        pools.Tell(new Submit(() => { gate.Pass(); return "first"; }), TestActor);
        pools.Tell(new Submit(() => "second"), TestActor);
        pools.Tell(new Submit(() => "third"), TestActor);

        var rejected = await ExpectMsgAsync<Status.Failure>();
        var cause = Assert.IsType<JobRejectedException>(rejected.Cause);
        Assert.Contains("actor-pool.max-queued-jobs = 1", cause.Message, StringComparison.Ordinal);
        // Plural by count (it read "1 jobs already wait").
        Assert.Contains("1 job already waits for a worker", cause.Message, StringComparison.Ordinal);
        await EventuallyAsync(
            async () =>
            {
                var status = await StatusAsync(pools);
                Assert.Equal((1, 1), (status.Queued, status.RunningJobs));
            });

        gate.Open();
        await ExpectMsgAsync("first");
        await ExpectMsgAsync("second");
        await EventuallyAsync(async () => Assert.Equal(0, (await StatusAsync(pools)).Queued));
    }
}
