using ActorPool.Internal.Diagnostics;
using Akka.Event;

namespace ActorPool.Tests.Diagnostics;

/// <summary>The core's log catalogue: stable ids, documented, and lines that carry their id and fields.</summary>
public sealed class LogCatalogueTests
{
    [Fact]
    public void EveryEntry_HasAUniqueIdInItsRange_AndARowInTheDoc()
    {
        Assert.Empty(LogCatalogueCheck.Problems(typeof(Log), 1000, 1999));
    }

    [Fact]
    public void TheDoc_ListsNoIdTwice()
    {
        var ids = LogCatalogueCheck.DocRows().Select(r => r.Id).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ALine_StartsWithItsId_AndKeepsEveryFieldByName()
    {
        var log = new CapturingAdapter();

        Log.PoolsResized(log, "pools", "units", 2, 4, "check-interval", "31 units / 10 per pool");

        var (level, message) = Assert.Single(log.Written);
        Assert.Equal(LogLevel.InfoLevel, level);
        Assert.Equal("[AP1001] pools: units pools 2 -> 4 (check-interval): 31 units / 10 per pool", message.ToString());
        Assert.Equal(
            ["ActorPoolEventId", "Supervisor", "Policy", "From", "To", "Reason", "Rationale"],
            message.PropertyNames);
        Assert.Equal(Log.PoolsResizedEntry.Fields, message.PropertyNames.Skip(1));
    }

    [Fact]
    public void ALevelThatIsOff_WritesNothing()
    {
        var log = new CapturingAdapter { Enabled = LogLevel.WarningLevel };

        Log.PoolsResized(log, "pools", "units", 2, 4, "check-interval", "-");
        Log.SizeSignalFailed(log, "pools", "boom", 3);

        Assert.Equal([LogLevel.WarningLevel], log.Written.Select(w => w.Level));
    }

    /// <summary>An adapter that keeps what it is given, as Akka's bus would publish it.</summary>
    private sealed class CapturingAdapter : ILoggingAdapter
    {
        public LogLevel Enabled { get; init; } = LogLevel.DebugLevel;

        public List<(LogLevel Level, LogMessage Message)> Written { get; } = [];

        public ILogMessageFormatter Formatter => SemanticLogMessageFormatter.Instance;

        public bool IsDebugEnabled => IsEnabled(LogLevel.DebugLevel);

        public bool IsInfoEnabled => IsEnabled(LogLevel.InfoLevel);

        public bool IsWarningEnabled => IsEnabled(LogLevel.WarningLevel);

        public bool IsErrorEnabled => IsEnabled(LogLevel.ErrorLevel);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Enabled;

        // The catalogue always writes a template with its fields, never a bare string.
        public void Log(LogLevel logLevel, Exception cause, string format) => throw new NotSupportedException(format);

        public void Log(LogLevel logLevel, Exception cause, LogMessage message) => Written.Add((logLevel, message));
    }
}
