using Akka.Configuration;

namespace ActorPool.Tests.Settings;

/// <summary>One case per rejected value or key: the message names the full key and the value.</summary>
public sealed class InvalidPoolSettingsTests
{
    private static ArgumentException Rejected(string hocon) =>
        Assert.Throws<ArgumentException>(
            () => PoolSettings.Create(ConfigurationFactory.ParseString(hocon)));

    [Theory]
    [InlineData("min-pools = -1", "actor-pool.min-pools", "[-1]")]
    [InlineData("max-pools = 0", "actor-pool.max-pools", "[0]")]
    [InlineData("min-pools = 5, max-pools = 3", "actor-pool.min-pools", "[5] > [3]")]
    [InlineData("units-per-pool = 0", "actor-pool.units-per-pool", "[0]")]
    [InlineData("workers-per-pool = -4", "actor-pool.workers-per-pool", "[-4]")]
    [InlineData("check-interval = 0s", "actor-pool.check-interval", "[00:00:00]")]
    [InlineData("check-interval = -5s", "actor-pool.check-interval", "[-00:00:05]")]
    [InlineData("check-interval = soon", "actor-pool.check-interval", "[soon]")]
    [InlineData("check-interval = \"-\"", "actor-pool.check-interval", "[-]")]
    [InlineData("check-interval = \"--5s\"", "actor-pool.check-interval", "[--5s]")]
    [InlineData("check-interval = 99999999999d", "actor-pool.check-interval", "[99999999999d]")]
    [InlineData("check-interval = off", "actor-pool.check-interval", "[off]")]
    [InlineData("on-signal-failure = retry", "actor-pool.on-signal-failure", "[retry]")]
    [InlineData("max-queued-jobs = -1", "actor-pool.max-queued-jobs", "[-1]")]
    [InlineData("max-pools = many", "actor-pool.max-pools", "[many]")]
    [InlineData("max-pools = 2.5", "actor-pool.max-pools", "[2.5]")]
    [InlineData("max-pools = 99999999999", "actor-pool.max-pools", "[99999999999]")]
    [InlineData("max-pools = null", "actor-pool.max-pools", "[null]")]
    [InlineData("max-pools { a = 1 }", "actor-pool.max-pools", "[a block]")]
    [InlineData("logging-interval = -1s", "actor-pool.logging-interval", "[-00:00:01]")]
    [InlineData("logging-interval = never", "actor-pool.logging-interval", "[never]")]
    [InlineData("lease.default-duration = 0s", "actor-pool.lease.default-duration", "[00:00:00]")]
    [InlineData("lease.grace = -1s", "actor-pool.lease.grace", "[-00:00:01]")]
    [InlineData("lease.revoke-timeout = 0ms", "actor-pool.lease.revoke-timeout", "[00:00:00]")]
    [InlineData("lease.max-total = 10s", "actor-pool.lease.max-total", "[00:00:10] < [00:05:00]")]
    [InlineData("lease = 5", "actor-pool.lease", "[5]")]
    [InlineData("check-interval = 25d", "actor-pool.check-interval", "[25.00:00:00]")]
    [InlineData("logging-interval = 25d", "actor-pool.logging-interval", "[25.00:00:00]")]
    [InlineData("lease.default-duration = 25d", "actor-pool.lease.default-duration", "[25.00:00:00]")]
    [InlineData("lease.grace = 25d", "actor-pool.lease.grace", "[25.00:00:00]")]
    [InlineData("lease.revoke-timeout = 25d", "actor-pool.lease.revoke-timeout", "[25.00:00:00]")]
    [InlineData("lease.max-total = 25d", "actor-pool.lease.max-total", "[25.00:00:00]")]
    [InlineData("check-interval = 60", "actor-pool.check-interval", "[60]")]
    [InlineData("logging-interval = 60", "actor-pool.logging-interval", "[60]")]
    [InlineData("lease.grace = 0", "actor-pool.lease.grace", "[0]")]
    [InlineData("lease.max-total = 1e3", "actor-pool.lease.max-total", "[1e3]")]
    public void Create_InvalidValue_NamesKeyAndValue(string hocon, string key, string value)
    {
        var e = Rejected(hocon);

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("min-pools = -1", "actor-pool.min-pools must be >= 0, was: [-1]")]
    [InlineData("min-pools = 5, max-pools = 3",
        "actor-pool.min-pools must be <= actor-pool.max-pools, was: [5] > [3]")]
    [InlineData("lease.max-total = 10s",
        "actor-pool.lease.max-total must be >= actor-pool.lease.default-duration, was: [00:00:10] < [00:05:00]")]
    [InlineData("check-interval = 0s", "actor-pool.check-interval must be > 0, was: [00:00:00]")]
    [InlineData("on-signal-failure = retry",
        "actor-pool.on-signal-failure must be one of [hold, zero], was: [retry]")]
    [InlineData("check-interval = 60",
        "actor-pool.check-interval must be a duration with a unit such as 500ms, 120s, 5m or 1h, was: [60]")]
    [InlineData("lease.grace = \"-5\"",
        "actor-pool.lease.grace must be a duration with a unit such as 500ms, 120s, 5m or 1h, was: [-5]")]
    [InlineData("logging-interval = 60",
        "actor-pool.logging-interval must be a duration with a unit such as 500ms, 120s, 5m or 1h, or off, was: [60]")]
    [InlineData("check-interval = NaN",
        "actor-pool.check-interval must be a duration such as 500ms, 120s, 5m or 1h, was: [NaN]")]
    [InlineData("check-interval = 25d", "actor-pool.check-interval must be <= 24.20:31:23.647, was: [25.00:00:00]")]
    [InlineData("check-interval = 99999999999d",
        "actor-pool.check-interval must be <= 24.20:31:23.647, was: [99999999999d]")]
    [InlineData("lease.revoke-timeout = 2147483648ms",
        "actor-pool.lease.revoke-timeout must be <= 24.20:31:23.647, was: [24.20:31:23.6480000]")]
    [InlineData("lease { max-total = 20d, grace = 5d }",
        "actor-pool.lease.max-total + actor-pool.lease.grace must be <= 24.20:31:23.647, was: [20.00:00:00] + [5.00:00:00]")]
    public void Create_SingleProblem_HasTheResizerShapedMessage(string hocon, string message)
    {
        Assert.Equal(message, Rejected(hocon).Message);
    }

    [Theory]
    [InlineData("max-pool = 2", "actor-pool.max-pool", "did you mean actor-pool.max-pools?")]
    [InlineData("lease.grase = 1s", "actor-pool.lease.grase", "did you mean actor-pool.lease.grace?")]
    [InlineData("lease { grase = 1s }", "actor-pool.lease.grase", "did you mean actor-pool.lease.grace?")]
    [InlineData("workers-per-pol = 2", "actor-pool.workers-per-pol",
        "did you mean actor-pool.workers-per-pool?")]
    [InlineData("sizing.polcy = x", "actor-pool.sizing.polcy",
        "did you mean actor-pool.sizing.policy?")]
    [InlineData("sizing { load { scale-up-step-ration = 0.1 } }", "actor-pool.sizing.load.scale-up-step-ration",
        "did you mean actor-pool.sizing.load.scale-up-step-ratio?")]
    // A far-off key is named, not offered as the likely intent.
    [InlineData("sizing.zzz = x", "actor-pool.sizing.zzz",
        "the nearest valid key is actor-pool.sizing.policy")]
    public void Create_MisspeltKey_NamesItAndTheNearestValidKey(string hocon, string key, string hint)
    {
        var e = Rejected(hocon);

        Assert.Equal($"unknown key {key}; {hint}", e.Message);
    }

    [Fact]
    public void Create_SeveralProblems_ListsEveryOne()
    {
        var e = Rejected(
            "min-pools = -1, workers-per-pool = 0, max-pool = 2, check-interval = soon, lease.grace = -1s");

        Assert.StartsWith("5 invalid ActorPool settings:", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.min-pools must be >= 0, was: [-1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.workers-per-pool must be >= 1, was: [0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key actor-pool.max-pool;", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.check-interval must be a duration", e.Message, StringComparison.Ordinal);
        Assert.Contains("actor-pool.lease.grace must be >= 0, was: [-00:00:01]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnreadableValue_SkipsRulesThatWouldJudgeItsStandIn()
    {
        // max-total is unreadable: comparing default-duration with a stand-in would be noise.
        var e = Rejected("lease.max-total = soon, lease.default-duration = 2h");

        Assert.Equal(
            "actor-pool.lease.max-total must be a duration such as 500ms, 120s, 5m or 1h, was: [soon]",
            e.Message);
    }
}
