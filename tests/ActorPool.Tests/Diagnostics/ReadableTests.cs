using System.Globalization;
using ActorPool.Internal.Diagnostics;

namespace ActorPool.Tests.Diagnostics;

public sealed class ReadableTests
{
    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(981, "981 ms")]
    [InlineData(0.5, "0.5 ms")]
    [InlineData(999.96, "1 s")]
    [InlineData(1_000, "1 s")]
    [InlineData(2_500, "2.5 s")]
    [InlineData(59_960, "1 min")]
    [InlineData(90_000, "1.5 min")]
    [InlineData(7_200_000, "2 h")]
    [InlineData(86_399_000, "1 d")]
    [InlineData(259_200_000, "3 d")]
    [InlineData(2_147_483_647, "24.9 d")]
    [InlineData(-2_500, "-2.5 s")]
    [InlineData(-981, "-981 ms")]
    [InlineData(-0.01, "0 ms")]
    public void Duration_IsTheLargestUnitWithOneDecimal(double milliseconds, string expected)
    {
        Assert.Equal(expected, Readable.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Duration_Extremes_DoNotOverflow()
    {
        Assert.Equal("10675199.1 d", Readable.Duration(TimeSpan.MaxValue));
        Assert.Equal("-10675199.1 d", Readable.Duration(TimeSpan.MinValue));
    }

    [Fact]
    public void Duration_IsTheSameOnEveryCulture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("2.5 s", Readable.Duration(TimeSpan.FromMilliseconds(2_500)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(0, "0 jobs")]
    [InlineData(1, "1 job")]
    [InlineData(2, "2 jobs")]
    [InlineData(-1, "-1 jobs")]
    [InlineData(10_000, "10000 jobs")]
    public void Count_IsSingularOnlyForOne(int n, string expected)
    {
        Assert.Equal(expected, Readable.Count(n, "job"));
    }

    [Fact]
    public void Count_UsesTheGivenPlural()
    {
        Assert.Equal("1 lease waiter", Readable.Count(1, "lease waiter"));
        Assert.Equal("3 children", Readable.Count(3, "child", "children"));
    }
}
