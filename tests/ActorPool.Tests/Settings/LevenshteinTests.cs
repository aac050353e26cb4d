using ActorPool.Internal.Settings;

namespace ActorPool.Tests.Settings;

public sealed class LevenshteinTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("max-pool", "max-pools", 1)]
    [InlineData("lease.grase", "lease.grace", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    public void Distance_IsTheEditCount(string a, string b, int expected)
    {
        Assert.Equal(expected, Levenshtein.Distance(a, b));
        Assert.Equal(expected, Levenshtein.Distance(b, a));
    }
}
