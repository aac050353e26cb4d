using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.TestKit;

namespace ActorPool.Tests.Load;

/// <summary>Runs alone: another test's workers would be CPU of this process too.</summary>
[CollectionDefinition(nameof(CpuHogGroup), DisableParallelization = true)]
public sealed class CpuHogGroup;

/// <summary>
/// The real probes against a real CPU hog: a thread spinning on every core shows up as CPU
/// overloaded, and the verdict clears once they stop.
/// </summary>
[Collection(nameof(CpuHogGroup))]
public sealed class CpuHogTests() : PoolTestKit
{
    // Short windows so the test takes seconds. The limit is far below 0.95 because on a shared
    // 2-core machine our spinners may get only part of the cores; an idle test process stays far
    // below it. Overloaded needs more than 0.4 of the 1 s window: 2 of 4 samples over the limit.
    private static readonly SystemLoadSettings s_settings = new()
    {
        SampleInterval = TimeSpan.FromMilliseconds(250),
        CurrentWindow = TimeSpan.FromSeconds(1),
        History = TimeSpan.FromSeconds(5),
        Cpu = new() { MaxUsedRatio = 0.25 },
    };

    [Fact]
    public async Task SpinningEveryCore_IsCpuOverloaded_AndClearsAfterwards()
    {
        var load = Sys.ActorOf(SystemLoad.Props(s_settings));
        var subscriber = CreateTestProbe();
        load.Tell(new SubscribeLoad(subscriber.Ref));
        await subscriber.ExpectMsgAsync<LoadSnapshot>(Wait);

        var spinning = true;
        var spinners = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(i => new Thread(() => Spin(ref spinning)) { IsBackground = true, Name = $"cpu-hog-{i}" })
            .ToList();
        try
        {
            spinners.ForEach(t => t.Start());
            var hot = await NextAsync(subscriber, s => s.OverloadedSignals.Contains(LoadSignal.Cpu), "CPU overloaded while spinning");
            Assert.InRange(hot.Cpu, s_settings.Cpu.MaxUsedRatio, 1.0);
        }
        finally
        {
            Volatile.Write(ref spinning, false);
            spinners.ForEach(t => t.Join());
        }

        var cool = await NextAsync(
            subscriber,
            s => !s.UnknownSignals.Contains(LoadSignal.Cpu) && !s.OverloadedSignals.Contains(LoadSignal.Cpu),
            "CPU no longer overloaded after the spinners stopped");
        Assert.InRange(cool.OverloadedShares[LoadSignal.Cpu], 0.0, s_settings.Cpu.OverloadedRatio);
    }

    private static void Spin(ref bool spinning)
    {
        var x = 0L;
        while (Volatile.Read(ref spinning))
        {
            x++;
        }

        GC.KeepAlive(x);
    }

    private static async Task<LoadSnapshot> NextAsync(TestProbe probe, Func<LoadSnapshot, bool> condition, string hint) =>
        (LoadSnapshot)await probe.FishForMessageAsync(m => m is LoadSnapshot s && condition(s), Wait, hint);
}
