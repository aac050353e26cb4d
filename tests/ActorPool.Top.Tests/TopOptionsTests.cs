namespace ActorPool.Top.Tests;

public sealed class TopOptionsTests
{
    [Theory]
    [InlineData(new[] { "12" }, 1, 10)]
    [InlineData(new[] { "12", "--once", "--interval", "3" }, 3, 10)]
    [InlineData(new[] { "12", "--once", "--interval", "5" }, 5, 15)]
    [InlineData(new[] { "12", "--interval", "60" }, 60, 180)]
    public void TheDefaultTimeout_IsTenSeconds_OrThreeIntervals(string[] args, double interval, double timeout)
    {
        var options = TopOptions.Parse(args)!;
        Assert.Equal((TimeSpan.FromSeconds(interval), TimeSpan.FromSeconds(timeout)), (options.Interval, options.Timeout));
    }

    [Fact]
    public void AnExplicitTimeoutOfMoreThanTwoIntervals_IsKept_InAnyOrder()
    {
        var options = TopOptions.Parse(["12", "--timeout", "5", "--once", "--interval", "2"])!;
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), true), (options.Timeout, options.Interval, options.Once));
    }

    [Fact]
    public void ATimeoutOfTwoIntervals_IsRefused_NamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => TopOptions.Parse(["12", "--interval", "2", "--timeout", "4"]));
        Assert.StartsWith("--timeout must be more than 2 x --interval (two refreshes), was: --timeout [4] --interval [2]", e.Message, StringComparison.Ordinal);
    }
}
