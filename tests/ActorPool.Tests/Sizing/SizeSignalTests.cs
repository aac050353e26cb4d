using ActorPool.Internal.Sizing;

namespace ActorPool.Tests.Sizing;

/// <summary>The size signal as a plain class: what a failing provider yields and when it is reported.</summary>
public sealed class SizeSignalTests
{
    [Fact]
    public void NoProvider_KeepsTheCurrentUnits()
    {
        var signal = new SizeSignal(null, SignalFailureMode.Hold, "/user/pools");

        Assert.Equal((17, (PoolEvent?)null), signal.Read(17));
    }

    [Theory]
    [InlineData(SignalFailureMode.Hold, 31)]
    [InlineData(SignalFailureMode.Zero, 0)]
    public void Failure_YieldsHeldOrZero_AndIsReportedOncePerChange(SignalFailureMode mode, int expected)
    {
        var failure = "registry down";
        var signal = new SizeSignal(() => throw new InvalidOperationException(failure), mode, "/user/pools");

        var (units, first) = signal.Read(31);
        Assert.Equal(expected, units);
        Assert.Equal(new SignalFailed("/user/pools", "InvalidOperationException: registry down", expected), first);
        Assert.Null(signal.Read(31).Event);
        failure = "registry timed out";
        Assert.IsType<SignalFailed>(signal.Read(31).Event);
    }

    [Fact]
    public void Recovery_IsReportedOnce_WithTheNewUnits()
    {
        var value = -3;
        var signal = new SizeSignal(() => value, SignalFailureMode.Hold, "/user/pools");

        var (held, failed) = signal.Read(8);
        Assert.Equal(8, held);
        Assert.Contains("[-3]", Assert.IsType<SignalFailed>(failed).Error, StringComparison.Ordinal);
        value = 12;
        Assert.Equal((12, (PoolEvent?)new SignalRecovered("/user/pools", 12)), signal.Read(8));
        Assert.Equal((12, (PoolEvent?)null), signal.Read(12));
    }
}
