using ActorPool.Internal.Supervision;
using ActorPool.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPool.Tests.Dispatch;

/// <summary>
/// The data plane's two promises: admission reads live counters (never stale), and a job through
/// <see cref="PoolClient"/> sends no message to the supervisor.
/// </summary>
public sealed class AdmissionTests(ITestOutputHelper output) : PoolTestKit(output)
{
    private const int MaxQueued = 5;

    [Fact]
    public async Task EveryWorkerHeld_ExactlyMaxQueuedMoreAreAccepted_AndAfterDrainingANewSubmitIsAcceptedAtOnce()
    {
        // 2 pools x 2 workers = 4 workers.
        var pools = StartSupervisor(new PoolSettings { MinPools = 2, MaxPools = 2, WorkersPerPool = 2, MaxQueuedJobs = MaxQueued });
        await SettledAsync(pools);
        var client = ActorPools.Get(Sys).Client(pools);

        for (var round = 1; round <= 2; round++)
        {
            using var gate = new Gate();
            var held = Enumerable.Range(0, 4).Select(_ => client.SubmitAsync(() => { gate.Pass(); return -1; })).ToList();
            await UntilAsync(() => gate.Entered == 4);

            var queued = Enumerable.Range(0, MaxQueued).Select(i => client.SubmitAsync(() => i)).ToList();
            Assert.All(queued, t => Assert.False(t.IsCompleted, $"round {round}: a queued job was answered while every worker was held"));
            var refused = client.SubmitAsync(() => 99);
            Assert.True(refused.IsFaulted, $"round {round}: the job beyond max-queued-jobs was not refused at once");
            var rejection = await Assert.ThrowsAsync<JobRejectedException>(() => refused);
            Assert.Contains($"actor-pool.max-queued-jobs = {MaxQueued}", rejection.Message, StringComparison.Ordinal);

            gate.Open();
            Assert.Equal(Enumerable.Range(0, MaxQueued), await Task.WhenAll(queued));
            await Task.WhenAll(held);
            await DrainedAsync(pools);

            // The slots freed by the drained jobs count at once: no message had to tell the supervisor.
            var next = client.SubmitAsync(() => "accepted");
            Assert.False(next.IsFaulted, $"round {round}: a submit after draining was refused");
            Assert.Equal("accepted", await next);
            // The caller sees the result just before the job is booked as ended: let it end, so the
            // next round starts from an empty pipeline.
            await DrainedAsync(pools);
        }
    }

    // Every result was awaited, so once no job is queued or running, every job has also ended.
    private Task DrainedAsync(IActorRef pools) =>
        EventuallyAsync(
            async () =>
            {
                var status = await StatusAsync(pools);
                Assert.Equal((0, 0), (status.Queued, status.RunningJobs));
            });

    [Fact]
    public async Task TenThousandSubmitsThroughPoolClient_SendNoMessageToTheSupervisor()
    {
        var pools = StartSupervisor(SeedSettings with { MinPools = 4, MaxPools = 4 }, mailbox: CountingMailboxId);
        await SettledAsync(pools);
        var client = ActorPools.Get(Sys).Client(pools);
        Assert.Equal(0, await client.SubmitAsync(() => 0));
        var counts = CountingMailbox.Of(pools);
        var before = NonTimer(counts.Snapshot());
        // The counter works: the settle request above was counted.
        Assert.Equal(1, before.GetValueOrDefault(typeof(AwaitSettled)));

        var jobs = new Task<int>[10_000];
        for (var i = 0; i < jobs.Length; i++)
        {
            var id = i;
            jobs[i] = client.SubmitAsync(() => id);
        }
        Assert.Equal(Enumerable.Range(0, jobs.Length), await Task.WhenAll(jobs));

        var after = NonTimer(counts.Snapshot());
        Assert.Equal(before, after);
        var total = after.Values.Sum();
        await client.GetStatusAsync();
        Assert.Equal(total + 1, NonTimer(counts.Snapshot()).Values.Sum());
    }

    // The supervisor's own timers (check-interval, state log) may fire at any time; they are not jobs.
    private static Dictionary<Type, int> NonTimer(IReadOnlyDictionary<Type, int> counts) =>
        counts.Where(c => c.Key.DeclaringType != typeof(Ticks)).ToDictionary(c => c.Key, c => c.Value);
}
