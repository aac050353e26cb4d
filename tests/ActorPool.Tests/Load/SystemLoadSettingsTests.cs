using Akka.Configuration;

namespace ActorPool.Tests.Load;

/// <summary>The <c>actor-pool.system-load</c> block: Crawlee's defaults, each key read, one case per rejected value or key.</summary>
public sealed class SystemLoadSettingsTests
{
    private static SystemLoadSettings Read(string hocon) =>
        SystemLoadSettings.Create(ConfigurationFactory.ParseString(hocon));

    private static ArgumentException Rejected(string hocon) =>
        Assert.Throws<ArgumentException>(() => Read(hocon));

    [Fact]
    public void EmptyBlock_HasCrawleesDefaults_AndEqualsTheRecordsDefaults()
    {
        var s = SystemLoadSettings.Create(Config.Empty);

        Assert.Equal(TimeSpan.FromSeconds(1), s.SampleInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), s.CurrentWindow);
        Assert.Equal(TimeSpan.FromSeconds(30), s.History);
        Assert.Equal(new CpuLoadSettings { CheckOverload = true, MaxUsedRatio = 0.95, OverloadedRatio = 0.4 }, s.Cpu);
        Assert.Equal(new MemoryLoadSettings { CheckOverload = true, MaxUsedRatio = 0.9, OverloadedRatio = 0.2 }, s.Memory);
        Assert.Equal(TimeSpan.FromMilliseconds(50), s.SchedulingLag.MaxLag);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.SchedulingLag.Interval);
        Assert.Equal(0.6, s.SchedulingLag.OverloadedRatio);
        Assert.Equal(new GcLoadSettings { MaxTimeRatio = 0.1, MaxGen2PerSecond = 1, OverloadedRatio = 0.2 }, s.Gc);
        Assert.Equal(new ThreadPoolLoadSettings { MaxPendingPerThread = 4, OverloadedRatio = 0.6 }, s.ThreadPool);
        // reference.conf and the records' initialisers say the same.
        Assert.Equal(new SystemLoadSettings(), s);
    }

    [Fact]
    public void EveryKey_IsRead()
    {
        var s = Read("""
            sample-interval = 200ms, current-window = 2s, history = 10s
            cpu { check-overload = off, max-used-ratio = 0.5, overloaded-ratio = 0.3 }
            memory { check-overload = off, max-used-ratio = 0.8, overloaded-ratio = 0.1 }
            scheduling-lag { check-overload = off, interval = 100ms, max-lag = 20ms, overloaded-ratio = 0.7 }
            gc { check-overload = off, max-time-ratio = 0.2, max-gen2-per-second = 3, overloaded-ratio = 0.5 }
            thread-pool { check-overload = off, max-pending-per-thread = 8, overloaded-ratio = 0.9 }
            """);

        Assert.Equal(
            new SystemLoadSettings
            {
                SampleInterval = TimeSpan.FromMilliseconds(200),
                CurrentWindow = TimeSpan.FromSeconds(2),
                History = TimeSpan.FromSeconds(10),
                Cpu = new() { CheckOverload = false, MaxUsedRatio = 0.5, OverloadedRatio = 0.3 },
                Memory = new() { CheckOverload = false, MaxUsedRatio = 0.8, OverloadedRatio = 0.1 },
                SchedulingLag = new()
                {
                    CheckOverload = false,
                    Interval = TimeSpan.FromMilliseconds(100),
                    MaxLag = TimeSpan.FromMilliseconds(20),
                    OverloadedRatio = 0.7,
                },
                Gc = new() { CheckOverload = false, MaxTimeRatio = 0.2, MaxGen2PerSecond = 3, OverloadedRatio = 0.5 },
                ThreadPool = new() { CheckOverload = false, MaxPendingPerThread = 8, OverloadedRatio = 0.9 },
            },
            s);
    }

    [Fact]
    public void ASnippet_OverridesOnlyItsKeys()
    {
        var s = Read("cpu.max-used-ratio = 0.5");

        Assert.Equal(0.5, s.Cpu.MaxUsedRatio);
        Assert.Equal(0.4, s.Cpu.OverloadedRatio);
        Assert.Equal(TimeSpan.FromSeconds(1), s.SampleInterval);
    }

    [Theory]
    [InlineData("cpu.max-used-ratio = 1.5", "actor-pool.system-load.cpu.max-used-ratio", "[1.5]")]
    [InlineData("memory.overloaded-ratio = -0.1", "actor-pool.system-load.memory.overloaded-ratio", "[-0.1]")]
    [InlineData("gc.max-time-ratio = 2", "actor-pool.system-load.gc.max-time-ratio", "[2]")]
    [InlineData("gc.max-gen2-per-second = -1", "actor-pool.system-load.gc.max-gen2-per-second", "[-1]")]
    [InlineData("thread-pool.max-pending-per-thread = -3", "actor-pool.system-load.thread-pool.max-pending-per-thread", "[-3]")]
    [InlineData("thread-pool.overloaded-ratio = 1.01", "actor-pool.system-load.thread-pool.overloaded-ratio", "[1.01]")]
    [InlineData("scheduling-lag.max-lag = 0s", "actor-pool.system-load.scheduling-lag.max-lag", "[00:00:00]")]
    [InlineData("scheduling-lag.interval = -1s", "actor-pool.system-load.scheduling-lag.interval", "[-00:00:01]")]
    [InlineData("scheduling-lag.max-lag = 50", "actor-pool.system-load.scheduling-lag.max-lag", "[50]")]
    [InlineData("sample-interval = 0s", "actor-pool.system-load.sample-interval", "[00:00:00]")]
    [InlineData("sample-interval = -1s", "actor-pool.system-load.sample-interval", "[-00:00:01]")]
    [InlineData("history = 0s, current-window = 0s, sample-interval = 0s", "actor-pool.system-load.history", "[00:00:00]")]
    [InlineData("sample-interval = 1", "actor-pool.system-load.sample-interval", "[1]")]
    [InlineData("cpu.max-used-ratio = lots", "actor-pool.system-load.cpu.max-used-ratio", "[lots]")]
    [InlineData("cpu.max-used-ratio = NaN", "actor-pool.system-load.cpu.max-used-ratio", "[NaN]")]
    [InlineData("cpu.check-overload = maybe", "actor-pool.system-load.cpu.check-overload", "[maybe]")]
    [InlineData("current-window = 60s", "actor-pool.system-load.current-window", "[00:01:00] > [00:00:30]")]
    [InlineData("sample-interval = 10s", "actor-pool.system-load.current-window", "[00:00:05] < [00:00:10]")]
    [InlineData("cpu = 5", "actor-pool.system-load.cpu", "[5]")]
    public void InvalidValue_ThrowsNamingKeyAndValue(string hocon, string key, string value)
    {
        var message = Rejected(hocon).Message;

        Assert.Contains(key, message, StringComparison.Ordinal);
        Assert.Contains(value, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sample-intervall = 1s", "actor-pool.system-load.sample-intervall", "actor-pool.system-load.sample-interval")]
    [InlineData("cpu.max-used-rato = 0.9", "actor-pool.system-load.cpu.max-used-rato", "actor-pool.system-load.cpu.max-used-ratio")]
    [InlineData("schedulng-lag.max-lag = 9ms", "actor-pool.system-load.schedulng-lag.max-lag", "actor-pool.system-load.scheduling-lag.max-lag")]
    [InlineData("threadpool { overloaded-ratio = 0.5 }", "actor-pool.system-load.threadpool.overloaded-ratio", "actor-pool.system-load.thread-pool.overloaded-ratio")]
    public void MisspeltKey_IsRefused_NamingItAndTheNearestValidKey(string hocon, string key, string nearest)
    {
        var message = Rejected(hocon).Message;

        Assert.Contains($"unknown key {key}", message, StringComparison.Ordinal);
        Assert.Contains(nearest, message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltKey_InTheSystemsConfig_IsRefusedByTheSupervisorsSettingsToo()
    {
        var config = ConfigurationFactory.ParseString("actor-pool.system-load.gc.max-time-rato = 0.2")
            .WithFallback(ActorPools.DefaultConfig());

        var e = Assert.Throws<ArgumentException>(() => PoolSettings.Create(config.GetConfig("actor-pool")));

        Assert.Contains("actor-pool.system-load.gc.max-time-rato", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsListedInOneException()
    {
        var message = Rejected("cpu.max-used-ratio = 2, memory.max-used-ratio = -1, gc.overloaded-ratio = 3").Message;

        Assert.StartsWith("3 invalid ActorPool settings", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesACopyMadeInCode_AndReturnsAValidOne()
    {
        var valid = new SystemLoadSettings();
        var bad = valid with { Cpu = valid.Cpu with { OverloadedRatio = 1.2 } };

        var e = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Contains("actor-pool.system-load.cpu.overloaded-ratio", e.Message, StringComparison.Ordinal);
        Assert.Same(valid, valid.Validate());
        Assert.Throws<ArgumentException>(() => SystemLoad.Props(bad));
        Assert.Throws<ArgumentException>(() => (valid with { Memory = null! }).Validate());
    }
}
