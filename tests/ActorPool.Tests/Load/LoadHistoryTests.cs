using ActorPool.Internal.Load;
using Microsoft.Extensions.Time.Testing;

namespace ActorPool.Tests.Load;

/// <summary>
/// Crawlee's time-weighted overloaded shares, on a fake clock: the later sample of each interval
/// decides it, windows drop old samples, unknown signals are skipped.
/// </summary>
public sealed class LoadHistoryTests
{
    private readonly FakeTimeProvider _clock = new();
    // Crawlee's defaults: 5 s current window, 30 s history, CPU limit 0.95, ratio 0.4.
    private readonly LoadHistory _history = new(new LoadRules(new SystemLoadSettings()));

    private static Dictionary<LoadSignal, LoadReading> Cpu(double cpu) => new()
    {
        [LoadSignal.Cpu] = new(cpu),
        [LoadSignal.Memory] = new(0.1),
        [LoadSignal.SchedulingLag] = new(0),
        [LoadSignal.Gc] = new(0),
        [LoadSignal.ThreadPool] = new(0),
    };

    private LoadSnapshot At(int second, Dictionary<LoadSignal, LoadReading> readings)
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(second));
        return _history.Record(_clock.GetUtcNow(), readings);
    }

    [Fact]
    public void TheLaterSampleDecidesEachInterval_TimeWeighted()
    {
        At(0, Cpu(0.99));
        // 0..1 s normal (the sample at 1 s is under the limit), 1..4 s overloaded.
        At(1, Cpu(0.10));
        var s = At(4, Cpu(0.99));

        Assert.Equal(0.75, s.OverloadedShares[LoadSignal.Cpu]);
        Assert.Contains(LoadSignal.Cpu, s.OverloadedSignals);
        Assert.True(s.Overloaded);
        Assert.Equal(0.99, s.Cpu);
        Assert.Equal(_clock.GetUtcNow(), s.Timestamp);
    }

    [Fact]
    public void AShareEqualToTheRatio_IsNotOverloaded()
    {
        At(0, Cpu(0.0));
        At(1, Cpu(0.99));
        At(2, Cpu(0.99));
        At(3, Cpu(0.0));
        At(4, Cpu(0.0));
        var s = At(5, Cpu(0.0));

        // 2 of 5 seconds: 0.4 is not greater than overloaded-ratio 0.4.
        Assert.Equal(0.4, s.OverloadedShares[LoadSignal.Cpu]);
        Assert.False(s.Overloaded);
    }

    [Fact]
    public void OldSamples_LeaveTheCurrentWindow_ButStayInTheHistory()
    {
        At(0, Cpu(0.0));
        for (var t = 1; t <= 5; t++)
        {
            At(t, Cpu(0.99));
        }

        for (var t = 6; t <= 11; t++)
        {
            At(t, Cpu(0.0));
        }

        var s = At(12, Cpu(0.0));

        Assert.Equal(0.0, s.OverloadedShares[LoadSignal.Cpu]);
        Assert.False(s.Overloaded);
        // 5 of 12 seconds in the 30 s history: 0.417 > 0.4.
        Assert.Equal(0.417, s.HistoricalShares[LoadSignal.Cpu]);
        Assert.True(s.HistoricallyOverloaded);
    }

    [Fact]
    public void SamplesOlderThanTheHistory_AreDropped()
    {
        for (var t = 0; t <= 40; t++)
        {
            At(t, Cpu(t < 10 ? 0.99 : 0.0));
        }

        var s = At(41, Cpu(0.0));

        Assert.Equal(31, _history.Count);
        Assert.Equal(0.0, s.HistoricalShares[LoadSignal.Cpu]);
    }

    [Fact]
    public void AnUnknownSignal_IsNeverOverloaded_AndItsSampleIsSkippedInTheShare()
    {
        At(0, Cpu(0.99));
        At(1, Cpu(0.99));
        var noCpu = Cpu(0.0);
        noCpu.Remove(LoadSignal.Cpu);

        var s = At(2, noCpu);

        Assert.Contains(LoadSignal.Cpu, s.UnknownSignals);
        Assert.DoesNotContain(LoadSignal.Cpu, s.OverloadedSignals);
        Assert.True(double.IsNaN(s.Cpu));
        Assert.Equal(1.0, s.OverloadedShares[LoadSignal.Cpu]);
        // The next known sample continues the run from the last known one.
        Assert.Contains(LoadSignal.Cpu, At(3, Cpu(0.99)).OverloadedSignals);
    }

    [Fact]
    public void CheckOverloadOff_IsReportedButNeverOverloaded()
    {
        var history = new LoadHistory(new LoadRules(new SystemLoadSettings { Cpu = new() { CheckOverload = false } }));
        var now = _clock.GetUtcNow();
        history.Record(now, Cpu(1.0));

        var s = history.Record(now.AddSeconds(1), Cpu(1.0));

        Assert.Equal(1.0, s.Cpu);
        Assert.False(s.Overloaded);
    }

    [Fact]
    public void SamplesAtTheSameInstant_WeighOneMillisecond()
    {
        At(0, Cpu(0.0));
        At(0, Cpu(0.99));
        var s = At(0, Cpu(0.99));

        Assert.Equal(1.0, s.OverloadedShares[LoadSignal.Cpu]);
    }

    [Theory]
    [InlineData(LoadSignal.Memory, 0.95, 0)]
    [InlineData(LoadSignal.SchedulingLag, 51, 0)]
    [InlineData(LoadSignal.Gc, 0.11, 0)]
    [InlineData(LoadSignal.Gc, 0, 1.5)]
    [InlineData(LoadSignal.ThreadPool, 4.5, 0)]
    public void EachSignal_IsJudgedByItsOwnLimit(LoadSignal signal, double value, double secondary)
    {
        var hot = Cpu(0.0);
        hot[signal] = new LoadReading(value, secondary);
        At(0, hot);

        var s = At(1, hot);

        Assert.Equal([signal], s.OverloadedSignals);
    }

    [Fact]
    public void TheSnapshot_CarriesTheValues_LagInMilliseconds()
    {
        var readings = Cpu(0.5);
        readings[LoadSignal.SchedulingLag] = new(12.5);
        readings[LoadSignal.Gc] = new(0.03, 0.5);
        readings[LoadSignal.Memory] = new(0.25);

        var s = At(0, readings);

        Assert.Equal(TimeSpan.FromMilliseconds(12.5), s.SchedulingLag);
        Assert.Equal(0.03, s.GcTimeRatio);
        Assert.Equal(0.25, s.Memory);
        Assert.Empty(s.UnknownSignals);
        Assert.False(s.Overloaded);
    }
}
