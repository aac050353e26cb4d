using ActorPool.Internal.Load;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace ActorPool.Tests.Load;

/// <summary>
/// The actor with fake probes and a fake clock that moves one second per sample, so snapshots are
/// told apart by their timestamps: GetLoad, subscribers, failing probes.
/// </summary>
public sealed class SystemLoadActorTests() : PoolTestKit(config: "akka.loglevel = INFO")
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    // Real timers every 50 ms; windows in fake seconds (the clock moves 1 s per sample).
    private static readonly SystemLoadSettings s_fast = new()
    {
        SampleInterval = TimeSpan.FromMilliseconds(50),
        CurrentWindow = TimeSpan.FromSeconds(4),
        History = TimeSpan.FromSeconds(30),
    };

    // Each read of the clock, one per sample, moves it on a second.
    private readonly FakeTimeProvider _clock = new() { AutoAdvanceAmount = s_second };

    private IActorRef Start(IReadOnlyList<ILoadProbe> probes, SystemLoadSettings? settings = null) =>
        Sys.ActorOf(SystemLoad.Props(settings ?? s_fast, _clock, probes));

    private static async Task<LoadSnapshot> GetLoadAsync(IActorRef load) =>
        await load.Ask<LoadSnapshot>(GetLoad.Instance, Wait);

    [Fact]
    public async Task GetLoad_BeforeTheFirstSample_IsUnknown_AndAfterItKnown()
    {
        var hour = TimeSpan.FromHours(1);
        var slow = Start(FakeProbe.Fixed(0.5), s_fast with { SampleInterval = hour, CurrentWindow = hour, History = hour });
        var before = await GetLoadAsync(slow);
        Assert.Equal(LoadSignals.All, before.UnknownSignals.Order());
        Assert.False(before.Overloaded);
        Assert.True(double.IsNaN(before.Cpu));

        var fast = Start(FakeProbe.Fixed(0.5));
        await EventuallyAsync(async () => Assert.Empty((await GetLoadAsync(fast)).UnknownSignals));
        Assert.Equal(0.5, (await GetLoadAsync(fast)).Cpu);
    }

    [Fact]
    public async Task ASubscriber_GetsEverySnapshot_AndSubscribingTwiceChangesNothing()
    {
        var load = Start(FakeProbe.Fixed(0.99));
        var subscriber = CreateTestProbe();
        load.Tell(new SubscribeLoad(subscriber.Ref));
        load.Tell(new SubscribeLoad(subscriber.Ref));

        var first = await subscriber.ExpectMsgAsync<LoadSnapshot>(Wait);
        var snapshots = new List<LoadSnapshot> { first };
        for (var i = 0; i < 5; i++)
        {
            snapshots.Add(await subscriber.ExpectMsgAsync<LoadSnapshot>(Wait));
        }

        // One fake second per sample: no snapshot skipped, none told twice.
        for (var i = 1; i < snapshots.Count; i++)
        {
            Assert.Equal(s_second, snapshots[i].Timestamp - snapshots[i - 1].Timestamp);
        }

        // CPU at 0.99 on every sample: overloaded once two samples make an interval.
        Assert.Contains(LoadSignal.Cpu, snapshots[^1].OverloadedSignals);
    }

    [Fact]
    public async Task AnUnsubscribedOrStoppedSubscriber_GetsNoMore_WhileTheOthersDo()
    {
        var load = Start(FakeProbe.Fixed(0.1));
        var kept = CreateTestProbe();
        var leaving = CreateTestProbe();
        var dying = CreateTestProbe();
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        foreach (var probe in new[] { kept, leaving, dying })
        {
            load.Tell(new SubscribeLoad(probe.Ref));
            await probe.ExpectMsgAsync<LoadSnapshot>(Wait);
        }

        load.Tell(new UnsubscribeLoad(leaving.Ref));
        Watch(dying.Ref);
        dying.Ref.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(dying.Ref);
        // Queued behind the unsubscribe: every later sample happened after it.
        var fence = await GetLoadAsync(load);
        // The Terminated is a system message: handled before the next sample after the fence.
        var next = await NextAfterAsync(kept, fence.Timestamp);
        await NextAfterAsync(kept, next.Timestamp);

        while (leaving.HasMessages)
        {
            Assert.True((await leaving.ExpectMsgAsync<LoadSnapshot>(Wait)).Timestamp <= fence.Timestamp);
        }

        await leaving.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        while (deadLetters.HasMessages)
        {
            var dead = await deadLetters.ExpectMsgAsync<DeadLetter>(Wait);
            Assert.False(dead.Message is LoadSnapshot s && s.Timestamp > next.Timestamp, $"told a stopped subscriber: {dead}");
        }
    }

    [Fact]
    public async Task AThrowingProbe_MakesItsSignalUnknown_IsLoggedOnce_AndTheActorKeepsAnswering()
    {
        var reads = 0;
        var probes = FakeProbe.Fixed(0.99);
        // The memory probe fails for its first 5 reads, then works, over its 0.9 limit.
        probes[1] = new FakeProbe(LoadSignal.Memory, () => Interlocked.Increment(ref reads) <= 5
            ? throw new IOException("cgroup file vanished")
            : new LoadReading(0.95));
        var subscriber = CreateTestProbe();
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        await EventFilter.Warning(contains: "load probe for [memory] failed").ExpectOneAsync(async () =>
        {
            var load = Start(probes);
            load.Tell(new SubscribeLoad(subscriber.Ref));
            var failing = await subscriber.ExpectMsgAsync<LoadSnapshot>(Wait);
            Assert.Contains(LoadSignal.Memory, failing.UnknownSignals);
            Assert.DoesNotContain(LoadSignal.Memory, failing.OverloadedSignals);
            Assert.True(double.IsNaN(failing.Memory));

            // The other signals are still judged while memory is unknown.
            await subscriber.FishForMessageAsync(
                m => m is LoadSnapshot s && s.UnknownSignals.Contains(LoadSignal.Memory) && s.OverloadedSignals.Contains(LoadSignal.Cpu),
                Wait, "CPU overloaded while memory is unknown");
            // And memory comes back once the probe works again.
            await subscriber.FishForMessageAsync(
                m => m is LoadSnapshot s && s.UnknownSignals.Count == 0 && s.OverloadedSignals.Contains(LoadSignal.Memory),
                Wait, "memory known and overloaded again");
            Assert.Equal(0.95, (await GetLoadAsync(load)).Memory);
        });

        Assert.True(Volatile.Read(ref reads) > 5);
        // A warning with the message, never an error with a stack trace.
        Assert.False(errors.HasMessages);
    }

    [Fact]
    public async Task AProbeReturningNaN_IsTreatedAsFailed()
    {
        var probes = FakeProbe.Fixed(0.2);
        probes[3] = new FakeProbe(LoadSignal.Gc, () => new LoadReading(double.NaN));
        var load = Start(probes);

        await EventuallyAsync(async () =>
        {
            var s = await GetLoadAsync(load);
            Assert.Equal([LoadSignal.Gc], s.UnknownSignals);
            Assert.Equal(0.2, s.Cpu);
        });
    }

    [Fact]
    public async Task WithoutALagProbe_TheActorMeasuresTheLagOnItsDispatcher()
    {
        var probes = FakeProbe.Fixed(0.1);
        probes.RemoveAll(p => p.Signal == LoadSignal.SchedulingLag);
        var settings = new SystemLoadSettings
        {
            SampleInterval = TimeSpan.FromMilliseconds(100),
            CurrentWindow = TimeSpan.FromMilliseconds(400),
            History = TimeSpan.FromSeconds(2),
            SchedulingLag = new() { Interval = TimeSpan.FromMilliseconds(20) },
        };
        var load = Sys.ActorOf(SystemLoad.Props(settings, TimeProvider.System, probes));

        await EventuallyAsync(async () =>
        {
            var s = await GetLoadAsync(load);
            Assert.DoesNotContain(LoadSignal.SchedulingLag, s.UnknownSignals);
            Assert.InRange(s.SchedulingLag, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        });
    }

    private static async Task<LoadSnapshot> NextAfterAsync(TestProbe probe, DateTimeOffset after) =>
        (LoadSnapshot)await probe.FishForMessageAsync(m => m is LoadSnapshot s && s.Timestamp > after, Wait);
}
